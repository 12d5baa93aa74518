"""A filed report, read-only, with its thread and history; the reviewer's decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from danvan.orgs.access import (
    EDIT_ROLES,
    LEAD_ROLES,
    REVIEW_ROLES,
    get_visible,
    has_role,
    require_role,
)
from reports import selectors, services
from reports.forms import ReasonForm
from reports.models import Report, ReportValue

# action in the URL: (service, needs a reason, message when done, roles allowed)
ACTIONS = {
    "approve": (services.report_approve, False, _("The report was approved."), REVIEW_ROLES),
    "return": (
        services.report_return,
        True,
        _("The report was returned to the unit."),
        REVIEW_ROLES,
    ),
    "reopen": (services.report_reopen, True, _("The report was reopened."), REVIEW_ROLES),
    "leader-approve": (
        services.report_leader_approve,
        False,
        _("The report was submitted to the reviewers."),
        LEAD_ROLES,
    ),
    "leader-return": (
        services.report_leader_return,
        True,
        _("The report was sent back to the editor."),
        LEAD_ROLES,
    ),
}


def _history(report):
    """Each saved version's changed fields, newest first, with who and when."""
    records = list(report.history.select_related("history_user").order_by("-history_id")[:30])
    changes = []

    def shown(field, value):
        # a choice field shows its label ("Đã nộp"), not the stored key ("submitted")
        return dict(field.flatchoices).get(value, value) if field.choices else value

    for newer, older in zip(records, records[1:], strict=False):
        delta = newer.diff_against(older, excluded_fields=["version", "saved_at", "search_text"])
        fields = []
        for change in delta.changes:
            field = Report._meta.get_field(change.field)
            fields.append(
                {
                    "field": change.field,
                    "label": field.verbose_name,
                    "old": shown(field, change.old),
                    "new": shown(field, change.new),
                }
            )
        if fields:
            changes.append({"record": newer, "changes": fields})
    return changes


def _value_history(report):
    """Every saved version of the report's figures, newest first."""
    return (
        ReportValue.history.filter(report_id=report.pk)
        .select_related("history_user", "indicator")
        .order_by("-history_id")[:60]
    )


def report_detail(request, pk, reason_form=None, status=200):
    report = get_visible(selectors.report_pages(), request.user, pk)
    context = {
        "report": report,
        "rows": selectors.indicator_rows(report),
        "events": report.events.select_related("actor"),
        "history": _history(report),
        "value_history": _value_history(report),
        "may_review": has_role(request.user, report.unit, REVIEW_ROLES),
        "may_lead": has_role(request.user, report.unit, LEAD_ROLES),
        "may_edit": report.is_editable and has_role(request.user, report.unit, EDIT_ROLES),
        "reason_form": reason_form or ReasonForm(),
        "days_left": selectors.countdown(report),
    }
    return render(request, "reports/detail.html", context, status=status)


@require_POST
def report_review(request, pk, action):
    report = get_visible(selectors.report_pages(), request.user, pk)
    if action not in ACTIONS:
        raise PermissionDenied
    service, needs_reason, done, roles = ACTIONS[action]
    require_role(request.user, report.unit, roles)
    kwargs = {}
    if needs_reason:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            return report_detail(request, pk, reason_form=form, status=400)
        kwargs["reason"] = form.cleaned_data["reason"]
    try:
        service(actor=request.user, report=report, **kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("reports:detail", pk=pk)
    messages.success(request, done)
    return redirect("reports:detail", pk=pk)
