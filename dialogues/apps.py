from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "dialogues"
    verbose_name = _("Dialogue conferences")

    def ready(self):
        from danvan import navigation

        navigation.register(_("Dialogues"), "dialogues:conference_list", order=60)
