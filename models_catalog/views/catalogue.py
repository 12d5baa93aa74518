"""The list of models: filters, search, sort, pages; and its Excel export."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from danvan.excel import write_workbook, xlsx_response
from danvan.orgs.access import EDIT_ROLES, scope_paths
from danvan.orgs.models import Unit
from danvan.picker import unit_choices
from models_catalog import resources, selectors
from models_catalog.forms import FilterForm

PAGE_SIZE = 25


def _filters(request) -> tuple[FilterForm, dict]:
    form = FilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data
    return form, {}


def _unit_options(request, filters) -> list[tuple[str, str]]:
    """The picker's units (the user's top units and their children), plus the chosen one."""
    options = [
        (u.path, ("– " if indented else "") + u.title) for u, indented in unit_choices(request.user)
    ]
    chosen = filters.get("unit")
    if chosen and chosen not in {path for path, _label in options}:
        unit = Unit.objects.visible_to(request.user).filter(path=chosen).first()
        if unit:
            options.append((unit.path, unit.title))
    return options


def model_list(request):
    form, filters = _filters(request)
    models = selectors.practice_models_for(request.user, filters)
    page = Paginator(models, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "unit_options": _unit_options(request, filters),
        "page": page,
        "query": query.urlencode(),
        "can_register": request.user.is_superuser or bool(scope_paths(request.user, EDIT_ROLES)),
    }
    return render(request, "models_catalog/list.html", context)


def model_export(request):
    _form, filters = _filters(request)
    models = selectors.practice_models_for(request.user, filters)
    content = write_workbook(
        str(resources.SHEET_TITLE),
        resources.export_headers(),
        (resources.export_row(model) for model in models.iterator(chunk_size=2000)),
    )
    return xlsx_response(f"mo-hinh-dan-van-kheo-{timezone.localdate():%Y%m%d}.xlsx", content)
