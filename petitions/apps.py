from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Complaints and petitions")

    def ready(self):
        from django.conf import settings

        from danvan import navigation

        navigation.register(_("Letters and cases"), "petitions:letter_list", order=40)
        # Every morning: reminders before a deadline and after it has passed.
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "petitions-deadline-reminders",
            {"task": "petitions.tasks.send_deadline_reminders", "schedule": 24 * 3600},
        )
