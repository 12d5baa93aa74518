"""The ward's screens: its reports with countdowns, and the filing form with autosave."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.orgs.access import (
    EDIT_ROLES,
    REVIEW_ROLES,
    get_editable,
    get_visible,
    require_role,
    scope_paths,
)
from reports import selectors, services
from reports.forms import ReportFillForm
from reports.models import Report


def index(request):
    status = request.GET.get("status", "")
    query = request.GET.get("q", "")
    order = request.GET.get("order", "due")
    reports = selectors.reports_of(request.user, status=status, query=query, order=order)
    page = Paginator(reports, 25).get_page(request.GET.get("page"))
    for report in page:
        report.days_left = selectors.countdown(report)
    context = {
        "page": page,
        "status": status,
        "query": query,
        "order": order,
        "statuses": Report.Status.choices,
        "rounds": selectors.rounds_of(request.user)[:10],
        "is_reviewer": request.user.is_superuser or bool(scope_paths(request.user, REVIEW_ROLES)),
    }
    return render(request, "reports/index.html", context)


def _form(report, data=None, *, complete=False, figures=True):
    """The filing form. Without `figures` (a POST: it carries the values) last year's figures
    and the units' totals are not computed; `_page` loads them if the page is shown again."""
    rows = selectors.indicator_rows(report, figures=figures)
    initial = {"version": report.version}
    for key, _label, _required in report.round.template.section_list():
        initial[key] = getattr(report, key)
    for row in rows:
        actual, target = row.actual, row.target
        if actual is None and target is None:
            # Nothing typed yet: start from the units' approved totals (consolidation) and
            # the target the district assigned.
            if row.prefill is not None:
                prefill = row.prefill
                actual = prefill.numerator if prefill.is_ratio else prefill.amount
                target = prefill.denominator if prefill.is_ratio else None
            target = row.assigned if row.assigned is not None else target
        initial[f"actual_{row.indicator.pk}"] = actual
        initial[f"target_{row.indicator.pk}"] = target
    return ReportFillForm(
        data, initial=initial, report=report, rows=rows, require_complete=complete
    )


def _page(request, report, form, status=200, conflict=None):
    selectors.load_figures(report, form.rows)
    context = {
        "report": report,
        "form": form,
        "conflict": conflict,
        "days_left": selectors.countdown(report),
        "events": report.events.select_related("actor"),
        "wards": selectors.ward_narratives(report) if report.round.kind == "consolidated" else None,
    }
    if context["wards"] is not None:
        context["approved_wards"] = selectors.children_approved(
            report.unit, report.round.period_obj
        )
    return render(request, "reports/fill.html", context, status=status)


def report_fill(request, pk):
    report = get_visible(selectors.report_pages(), request.user, pk)
    if not report.is_editable:
        return redirect("reports:detail", pk=report.pk)
    require_role(request.user, report.unit, EDIT_ROLES)
    if request.method != "POST":
        return _page(request, report, _form(report))
    submitting = "submit" in request.POST
    form = _form(report, request.POST, complete=submitting, figures=False)
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below. Nothing was lost."))
        return _page(request, report, form, status=400)
    try:
        report = services.report_save_draft(
            actor=request.user,
            report=report,
            version=form.cleaned_data["version"],
            sections=form.sections(),
            values=form.values(),
        )
        if submitting:
            services.report_submit(actor=request.user, report=report)
    except services.ReportConflict as conflict:
        data = request.POST.copy()
        data["version"] = conflict.report.version  # saving again overwrites, knowingly
        form = _form(conflict.report, data)
        form.is_valid()
        return _page(request, conflict.report, form, status=409, conflict=conflict)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        fresh = get_visible(selectors.report_pages(), request.user, pk)
        return _page(request, fresh, _form(report, request.POST), status=400)
    if submitting:
        messages.success(request, _("The report was submitted."))
        return redirect("reports:detail", pk=report.pk)
    messages.success(request, _("The draft was saved."))
    return redirect("reports:fill", pk=report.pk)


@require_POST
def report_autosave(request, pk):
    """htmx: save the draft in the background and answer with a status line."""
    report = get_editable(selectors.report_pages(), request.user, pk)
    form = _form(report, request.POST, figures=False)
    context = {"report": report}
    if not report.is_editable:
        context["state"] = "locked"
    elif not form.is_valid():
        context["state"] = "invalid"
    else:
        try:
            report = services.report_save_draft(
                actor=request.user,
                report=report,
                version=form.cleaned_data["version"],
                sections=form.sections(),
                values=form.values(),
            )
            context.update(state="saved", report=report)
        except services.ReportConflict as conflict:
            context.update(state="conflict", report=conflict.report)
    return render(request, "reports/_autosave_status.html", context)
