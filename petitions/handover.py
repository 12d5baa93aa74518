"""Open cases and their letters, handed over when a unit closes (danvan.handover)."""

from django.utils.translation import gettext_lazy as _

from danvan import handover
from petitions import services
from petitions.models import Case, Letter

handover.register(
    handover.Kind(
        "petitions.cases",
        _("Open cases"),
        lambda ids, day: (
            Case.objects.filter(unit_id__in=ids, state__in=Case.OPEN_STATES)
            .select_related("unit")
            .order_by("unit__path", "received_on", "pk")
        ),
        services.case_hand_over,
        lambda case: f"#{case.pk} – {case.summary}",
        order=10,
    )
)
handover.register(
    handover.Kind(
        "petitions.letters",
        _("Letters of open cases"),
        lambda ids, day: (
            Letter.objects.filter(unit_id__in=ids, case__state__in=Case.OPEN_STATES)
            .select_related("unit", "case")
            .order_by("unit__path", "receipt_year", "receipt_number")
        ),
        services.letter_hand_over,
        lambda letter: f"{letter.receipt} – {letter.summary}",
        order=11,
    )
)
