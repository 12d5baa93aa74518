"""Dashboard, its Excel tables, and the export pages (request, status, download, retry)."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan import documents, picker
from danvan.excel import xlsx_response
from danvan.orgs.access import has_role
from danvan.orgs.models import Unit
from danvan.periods import Period, PeriodError, period_or_404
from danvan.rollup import rendering, selectors, services, snapshots
from danvan.rollup.models import Export


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
        "stored": stored,
        # Assembled only if the page renders the figures (not when their HTML is cached).
        "rollup": SimpleLazyObject(lambda: snapshots.assemble(unit, period, stored)),
        "recent_exports": recent,
        "parent": _visible_parent(request, unit),
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
            actor=request.user, kind=kind, unit=unit, period=period, parameters=parameters
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
    return render(request, template, {"export": export, "can_retry": can_retry})


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
