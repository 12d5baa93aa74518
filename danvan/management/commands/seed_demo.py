"""Load the demo data of the source articles; safe to run again (nothing is duplicated).

Units and users come first (danvan.orgs.demo), then every installed app that has a `demo`
module with a `seed(stdout)` function, in INSTALLED_APPS order.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from danvan import freshness
from danvan.orgs import demo as orgs_demo


class Command(BaseCommand):
    help = "Load the demo units, users and records from the source articles (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            logins = orgs_demo.seed(self.stdout)
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if config.name == "danvan.orgs" or find_spec(module_name) is None:
                    continue
                import_module(module_name).seed(self.stdout)
            freshness.changed_everywhere()  # the demos bulk-insert, without the services
        self.stdout.write(self.style.SUCCESS("Demo data ready. Demo logins (password for all):"))
        width = max(len(login["username"]) for login in logins)
        for login in logins:
            where = login.get("unit", "")
            role = login.get("role", "superuser")
            self.stdout.write(
                f"  {login['username']:<{width}}  {login['password']}  {role:<9} {where}"
            )
