"""Open reports, handed over when a unit closes (danvan.handover)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from danvan import handover
from reports import services
from reports.models import Report

YEAR = timedelta(days=365)

handover.register(
    handover.Kind(
        "reports.open",
        _("Open reports"),
        # Of the rounds due in the year before the hand-over: a report left unfiled in an
        # older round stays its unit's history.
        lambda ids, day: (
            Report.objects.filter(
                unit_id__in=ids, status__in=services.OPEN_STATES, round__due_date__gte=day - YEAR
            )
            .select_related("unit", "round")
            .order_by("unit__path", "round__period", "pk")
        ),
        services.report_hand_over,
        lambda report: f"{report.round.title} – {report.get_status_display()}",
        order=40,
    )
)
