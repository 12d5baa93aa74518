"""The reports' next actions on the home page (danvan.pending): reports to file before their
due date, reports returned with the reviewer's reason, reports awaiting the unit leader, and
for reviewers the reports waiting for review."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan import pending
from danvan.orgs.access import LEAD_ROLES, scope_q
from reports.models import Report, ReportEvent

Status = Report.Status
TO_FILE = [Status.NOT_STARTED, Status.DRAFT]


def _title(report) -> str:
    return f"{report.round.title} – {report.unit.title}"


def _group(heading, reports, url_name, today, *, order, icon, detail=None, more=""):
    reports = reports.select_related("round", "unit").order_by("round__due_date", "unit__path")
    shown = list(reports[: pending.SHOWN])
    items = []
    for report in shown:
        text, tone = pending.days_left(report.round.due_date, today)
        if detail is not None:
            text = detail(report) or text
        items.append(pending.Item(_title(report), reverse(url_name, args=[report.pk]), text, tone))
    total = reports.count() if len(shown) == pending.SHOWN else len(shown)
    return pending.Group(heading, items, total, more, order=order, icon=icon)


@pending.register(order=10)
def returned_reports(user, today):
    last_return = Prefetch(
        "events",
        queryset=ReportEvent.objects.filter(to_state=Status.RETURNED).order_by("-at", "-id"),
        to_attr="returns",
    )
    reports = Report.objects.editable_by(user).filter(status=Status.RETURNED)
    reports = reports.prefetch_related(last_return)

    def reason(report):
        returns = getattr(report, "returns", [])
        return _("Returned: %(reason)s") % {"reason": returns[0].reason} if returns else ""

    return _group(
        _("Reports returned for completion"),
        reports,
        "reports:fill",
        today,
        order=10,
        icon="bi-arrow-return-left",
        detail=reason,
        more=reverse("reports:index") + f"?status={Status.RETURNED}",
    )


@pending.register(order=20)
def reports_to_file(user, today):
    return _group(
        _("Reports to file"),
        Report.objects.editable_by(user).filter(status__in=TO_FILE),
        "reports:fill",
        today,
        order=20,
        icon="bi-journal-text",
        more=reverse("reports:index"),
    )


@pending.register(order=25)
def reports_for_the_leader(user, today):
    reports = Report.objects.filter(scope_q(user, "unit__path", LEAD_ROLES))
    return _group(
        _("Reports awaiting your approval as unit leader"),
        reports.filter(status=Status.LEADER_REVIEW),
        "reports:detail",
        today,
        order=25,
        icon="bi-person-check",
        more=reverse("reports:index") + f"?status={Status.LEADER_REVIEW}",
    )


@pending.register(order=30)
def reports_to_review(user, today):
    return _group(
        _("Reports waiting for your review"),
        Report.objects.reviewable_by(user).filter(status=Status.SUBMITTED),
        "reports:detail",
        today,
        order=30,
        icon="bi-clipboard-check",
        more=reverse("reports:index") + f"?status={Status.SUBMITTED}",
    )
