"""Import of a letter register (check, preview, confirm: all or nothing) and the export."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan import excel, imports
from danvan.orgs.access import EDIT_ROLES, require_role
from petitions import resources, services
from petitions.views.common import working_unit
from petitions.views.letters import filtered_letters


def letter_export(request):
    _unit, _filters, letters = filtered_letters(request)
    content = excel.write_workbook(
        _("Letters"),
        resources.EXPORT_HEADERS,
        resources.export_rows(letters.order_by("received_on", "id")),
    )
    return excel.xlsx_response("so-theo-doi-don-thu.xlsx", content)


def import_template(request):
    return imports.template_download(resources.register_import())


def letter_import(request):
    unit = working_unit(request)
    require_role(request.user, unit, EDIT_ROLES)
    return imports.upload(request, resources.register_import())


@require_POST
def letter_import_confirm(request):
    unit = working_unit(request)
    require_role(request.user, unit, EDIT_ROLES)
    resource = resources.register_import()
    return imports.confirm(request, resource, services.letters_import, unit=unit)
