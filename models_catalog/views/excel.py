"""Import of an existing register: upload → checked preview → confirm (all or nothing)."""

from django.core.exceptions import PermissionDenied
from django.views.decorators.http import require_POST

from danvan import imports
from danvan.orgs.access import EDIT_ROLES, scope_paths
from models_catalog import resources, services


def import_upload(request):
    if not (request.user.is_superuser or scope_paths(request.user, EDIT_ROLES)):
        raise PermissionDenied
    return imports.upload(request, resources.register_import(request.user))


@require_POST
def import_confirm(request):
    if not (request.user.is_superuser or scope_paths(request.user, EDIT_ROLES)):
        raise PermissionDenied
    # the rows are checked again: the user's scope or the data may have changed
    resource = resources.register_import(request.user)
    return imports.confirm(request, resource, services.practice_models_import)


def import_template(request):
    return imports.template_download(resources.register_import(request.user))
