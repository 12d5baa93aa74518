from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "danvan.orgs"
    label = "orgs"
    verbose_name = _("Units and people")

    def ready(self):
        from danvan import navigation
        from danvan.orgs.access import Role

        navigation.register(
            _("Administration"), "administration:index", roles={Role.ADMIN}, order=95
        )
