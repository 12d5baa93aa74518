"""Excel: a period's indicator values for a subtree, out and back in (all-or-nothing)."""

from django.core.exceptions import PermissionDenied

from danvan import excel, imports
from danvan.orgs.access import REVIEW_ROLES, has_role
from danvan.picker import current_period, current_unit
from reports import resources, services


def values_export(request):
    unit, period = current_unit(request), current_period(request)
    if unit is None:
        raise PermissionDenied
    content = resources.export_values(unit, period)
    return excel.xlsx_response(f"chi-tieu-{unit.code}-{period.code}.xlsx", content)


def values_import(request):
    unit, period = current_unit(request), current_period(request)
    if unit is None or not has_role(request.user, unit, REVIEW_ROLES):
        raise PermissionDenied
    resource = resources.values_import(unit, period)
    return imports.upload_or_confirm(request, resource, services.report_values_import, unit=unit)
