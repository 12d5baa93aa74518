from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "dialogues"
    verbose_name = _("Dialogue conferences")

    def ready(self):
        from celery.schedules import crontab
        from django.conf import settings

        from danvan import navigation
        from dialogues import documents

        documents.register()  # the minutes PDF, rendered by the export pipeline
        navigation.register(_("Dialogues"), "dialogues:conference_list", order=60)
        settings.CELERY_BEAT_SCHEDULE["dialogues-overdue-answers"] = {
            "task": "dialogues.tasks.remind_overdue_answers",
            "schedule": crontab(hour=7, minute=15),
        }
