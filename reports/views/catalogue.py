"""The district's indicator catalogue and targets from Excel (preview, then all-or-nothing)."""

from django.core.exceptions import PermissionDenied

from danvan import imports
from danvan.orgs.access import REVIEW_ROLES, has_role
from danvan.picker import current_unit
from reports import resources, services


def catalogue_template(request):
    return imports.template_download(
        resources.catalogue_import(current_unit(request), request.user)
    )


def catalogue_import(request):
    unit = current_unit(request)
    if unit is None or not has_role(request.user, unit, REVIEW_ROLES):
        raise PermissionDenied
    resource = resources.catalogue_import(unit, request.user)
    return imports.upload_or_confirm(request, resource, services.catalogue_import, unit=unit)
