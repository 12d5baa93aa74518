from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RollupConfig(AppConfig):
    name = "danvan.rollup"
    label = "rollup"
    verbose_name = _("Dashboards and roll-up reports")
