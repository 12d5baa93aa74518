"""Conferences still open (planned, or written answers pending), handed over when a unit
closes (danvan.handover)."""

from django.utils.translation import gettext_lazy as _

from danvan import handover
from dialogues import services
from dialogues.models import Conference

handover.register(
    handover.Kind(
        "dialogues.open_conferences",
        _("Conferences planned or with written answers pending"),
        lambda ids, day: (
            Conference.objects.filter(services.OPEN_CONFERENCE, unit_id__in=ids)
            .distinct()
            .select_related("unit")
            .order_by("unit__path", "held_on", "pk")
        ),
        services.conference_hand_over,
        lambda conference: f"{conference.held_on:%d/%m/%Y} – {conference.title}",
        order=20,
    )
)
