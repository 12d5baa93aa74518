"""Deadline reminders for the units of open rounds (in-app notifications, idempotent keys)."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.notifications import notify
from danvan.orgs.access import Role
from danvan.orgs.models import Membership, open_on_q
from reports.models import Report, ReportQuerySet

DAYS_BEFORE = 3
OPEN = [Report.Status.NOT_STARTED, Report.Status.DRAFT, Report.Status.RETURNED]


def send_round_reminders(today=None) -> int:
    """3 days before a round's due date, and the day after it to a report late then
    (`ReportQuerySet.late_q`). Returns the count."""
    today = today or timezone.localdate()
    soon, missed = today + timedelta(days=DAYS_BEFORE), today - timedelta(days=1)
    reports = list(
        Report.objects.filter(status__in=OPEN)
        .filter(open_on_q(today, "unit__"))  # a closed unit's report is handed over, not chased
        .filter(Q(round__due_date=soon) | Q(round__due_date=missed) & ReportQuerySet.late_q(today))
        .select_related("round", "unit")
    )
    paths = {report.unit.path for report in reports}
    members = Membership.objects.filter(
        unit__path__in=paths, role__in=[Role.EDITOR, Role.LEADER]
    ).select_related("user", "unit")
    by_unit: dict[str, list] = {}
    for member in members:
        by_unit.setdefault(member.unit.path, []).append(member.user)
    sent = 0
    for report in reports:
        before = report.round.due_date == soon
        kind = "due-soon" if before else "missed"
        values = {"round": report.round.title, "unit": report.unit.title}
        title = (
            _("%(round)s: %(unit)s must file within 3 days") % values
            if before
            else _("%(round)s: the report of %(unit)s is overdue") % values
        )
        for user in by_unit.get(report.unit.path, []):
            created = notify(
                user=user,
                key=f"reports:{kind}:{report.pk}",
                title=title,
                body=_("Due date: %(date)s") % {"date": report.round.due_date.strftime("%d/%m/%Y")},
                url=reverse("reports:fill", args=[report.pk]),
            )
            sent += created is not None
    return sent
