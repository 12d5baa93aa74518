"""Open reports, handed over when a unit closes (danvan.handover)."""

from django.utils.translation import gettext_lazy as _

from danvan import handover
from reports import services
from reports.models import Report

handover.register(
    handover.Kind(
        "reports.open",
        _("Open reports"),
        lambda ids: (
            Report.objects.filter(unit_id__in=ids, status__in=services.OPEN_STATES)
            .select_related("unit", "round")
            .order_by("unit__path", "round__period", "pk")
        ),
        services.report_hand_over,
        lambda report: f"{report.round.title} – {report.get_status_display()}",
        order=40,
    )
)
