from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RollupConfig(AppConfig):
    name = "danvan.rollup"
    label = "rollup"
    verbose_name = _("Dashboards and roll-up reports")

    def ready(self):
        from django.conf import settings

        from danvan import navigation
        from danvan.rollup import checks  # noqa: F401 (registers the metric reference checks)

        navigation.register(_("Roll-up"), "rollup:dashboard", order=90)
        # Exports whose worker was killed must end as failed, not run forever (see services).
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "rollup-recover-exports",
            {"task": "danvan.rollup.tasks.recover_exports", "schedule": 60},
        )
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "rollup-resend-lost-refreshes",
            {"task": "danvan.rollup.tasks.resend_lost_refreshes", "schedule": 120},
        )
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "rollup-prune-snapshots",
            {"task": "danvan.rollup.tasks.prune_snapshots", "schedule": 24 * 3600},
        )
