from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Periodic reports")

    def ready(self):
        from django.conf import settings

        from danvan import narratives, navigation
        from danvan.orgs.access import REVIEW_ROLES
        from reports import metrics  # noqa: F401  (registers the figures)
        from reports.selectors import children_narratives, consolidation_link, narrative_of

        navigation.register(_("Reports"), "reports:index", order=20)
        navigation.register(_("Completeness"), "reports:board", roles=REVIEW_ROLES, order=21)
        narratives.register(narrative_of)
        narratives.register_children(children_narratives)
        narratives.register_link(consolidation_link)
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "reports-round-reminders",
            {"task": "reports.tasks.send_round_reminders", "schedule": 24 * 3600},
        )
