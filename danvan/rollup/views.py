"""Dashboard, its Excel tables, and the export pages (request, status, download, retry)."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan import documents, metrics, narratives, picker
from danvan.excel import xlsx_response
from danvan.orgs import selectors as org_selectors
from danvan.orgs.access import REVIEW_ROLES, Role, has_role
from danvan.orgs.models import Unit
from danvan.periods import Period, PeriodError, period_or_404
from danvan.rollup import rendering, selectors, services, snapshots
from danvan.rollup.forms import IssueForm
from danvan.rollup.models import Export, Issue


def _unit_and_period(request, data) -> tuple[Unit, Period]:
    """?unit=&period= (404 outside the user's scope), else the picker's choice."""
    path = data.get("unit")
    if path:
        visible = Unit.objects.visible_to(request.user).select_related("parent")
        unit = get_object_or_404(visible, path=path.strip("/"))
    else:
        unit = picker.current_unit(request)
        if unit is None:
            raise Http404
    code = data.get("period")
    period = period_or_404(code) if code else picker.current_period(request)
    return unit, period


def dashboard(request):
    unit, period = _unit_and_period(request, request.GET)
    stored = snapshots.find(unit, period)
    recent = Export.objects.visible_to(request.user).filter(unit=unit, period=period.code)[:5]
    context = {
        "unit": unit,
        "period": period,
        "as_of": metrics.as_of_sentence(period),
        "stored": stored,
        # Assembled only if the page renders the figures (not when their HTML is cached).
        "rollup": SimpleLazyObject(lambda: snapshots.assemble(unit, period, stored)),
        "recent_exports": recent,
        "issues": selectors.issues_of(request.user, unit, period),
        "may_issue": has_role(request.user, unit, REVIEW_ROLES),
        "issue_form": IssueForm(),
        "parent": _visible_parent(request, unit),
        # What the printed report would lack (readiness), said next to the button.
        "print_lacks": org_selectors.print_lacks(unit),
        "administers": has_role(request.user, unit, {Role.ADMIN}),
        "current_unit": unit,  # the header's picker shows it without looking it up again
    }
    return render(request, "danvan/rollup/dashboard.html", context)


def _visible_parent(request, unit: Unit) -> Unit | None:
    parent = unit.parent
    return parent if parent is not None and has_role(request.user, parent) else None


def dashboard_xlsx(request, key):
    unit, period = _unit_and_period(request, request.GET)
    table = snapshots.rollup(unit, period, with_charts=False).table(key)
    if table is None:
        raise Http404
    return xlsx_response(f"{key}-{unit.code}-{period.code}.xlsx", rendering.table_xlsx(table))


def _subject(request) -> tuple[str, Unit, Period, dict]:
    """The roll-up of ?unit&period, or the record of a kind an app registered (its selector
    answers for the user's scope: 404 outside it)."""
    kind = request.POST.get("kind") or Export.Kind.ROLLUP_PDF
    if kind == Export.Kind.ROLLUP_PDF:
        return (kind, *_unit_and_period(request, request.POST), {})
    document = documents.get(kind)
    if document is None:
        raise Http404
    try:
        unit, period, parameters = document.subject(request.user, request.POST)
    except (ObjectDoesNotExist, ValueError, PeriodError):
        raise Http404 from None
    return kind, unit, period, parameters


@require_POST
def export_create(request):
    kind, unit, period, parameters = _subject(request)
    try:
        export = services.export_request(
            actor=request.user,
            kind=kind,
            unit=unit,
            period=period,
            parameters=parameters,
            file_format=request.POST.get("format") or Export.Format.PDF,
        )
    except services.ExportError as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('rollup:dashboard')}?unit={unit.path}&period={period.code}")
    export.refresh_from_db()
    if export.send_error:
        messages.warning(
            request,
            _(
                "The rendering service is not available right now. Your export is queued and "
                "will run as soon as the service is back; this page shows when it is ready."
            ),
        )
    return redirect("rollup:export", pk=export.pk)


def _export_for(request, pk) -> Export:
    return get_object_or_404(Export.objects.visible_to(request.user).select_related("unit"), pk=pk)


def export_list(request):
    page = selectors.export_page(request.user, request.GET)
    keep = request.GET.copy()
    keep.pop("page", None)
    filters = keep.copy()
    filters.pop("sort", None)
    return render(
        request,
        "danvan/rollup/export_list.html",
        {
            "page": page,
            "params": keep.urlencode(),  # for the page links
            "filters": filters.urlencode(),  # for the sort links
            "statuses": Export.Status.choices,
            "kinds": Export.Kind.choices,
            "sort": request.GET.get("sort", "-created"),
        },
    )


def export_detail(request, pk):
    export = _export_for(request, pk)
    template = "danvan/rollup/export_status.html" if request.htmx else "danvan/rollup/export.html"
    can_retry = services.may_retry(request.user, export)
    context = {"export": export, "can_retry": can_retry}
    if export.kind == Export.Kind.ROLLUP_PDF:
        period = Period.parse(export.period)
        if not narratives.has_own(export.unit, period):
            # The report then prints its child units' approved texts: say so, and where the
            # unit's own consolidated report is written.
            label = period.label
            context["own_missing"] = {
                "period": label[:1].lower() + label[1:],  # inside a sentence: "cho năm 2018"
                "children": len(narratives.from_children(export.unit, period)),
                "url": narratives.consolidation_link(export.unit, period),
            }
    return render(request, template, context)


def export_download(request, pk):
    export = _export_for(request, pk)
    if export.status != Export.Status.DONE or not export.file:
        raise Http404
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename)


@require_POST
def export_retry(request, pk):
    export = _export_for(request, pk)
    try:
        services.export_retry(actor=request.user, export=export)
    except services.ExportError as exc:
        messages.error(request, str(exc))
    return redirect("rollup:export", pk=export.pk)


@require_POST
def issue_create(request):
    """Issue the roll-up report (a reviewer of the unit): the next number, then its file."""
    unit, period = _unit_and_period(request, request.POST)
    back = f"{reverse('rollup:dashboard')}?unit={unit.path}&period={period.code}"
    form = IssueForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)
    corrects = None
    if form.cleaned_data["corrects"]:
        visible = Issue.objects.visible_to(request.user)
        corrects = get_object_or_404(
            visible, pk=form.cleaned_data["corrects"], unit=unit, period=period.code
        )
    try:
        issue = services.report_issue(
            actor=request.user,
            unit=unit,
            period=period,
            issued_on=form.cleaned_data["issued_on"],
            corrects=corrects,
            reason=form.cleaned_data["reason"],
        )
    except services.ExportError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(
        request,
        _("Issued as %(number)s on %(date)s.")
        % {"number": issue.number_line, "date": issue.issued_on.strftime("%d/%m/%Y")},
    )
    return redirect("rollup:export", pk=issue.export_id)


def register(request):
    """The registers of outgoing documents the user may see, one year at a time."""
    year, registers = selectors.register_page(request.user, request.GET.get("year"))
    return render(request, "danvan/rollup/register.html", {"year": year, "registers": registers})
