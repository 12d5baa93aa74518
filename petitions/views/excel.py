"""Import of a letter register (check, preview, confirm: all or nothing) and the export."""

import csv
import io
import json

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan import excel, imports
from danvan.orgs.access import EDIT_ROLES, require_role
from petitions import resources, selectors, services
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


def case_exchange(request):
    """The cases of the working unit's subtree that the user may see, as CSV (default) or JSON
    for exchange with other systems; no sender identity is in it (resources.EXCHANGE_COLUMNS)."""
    unit = working_unit(request)
    kind = request.GET.get("format", "csv")
    if kind not in ("csv", "json"):
        return HttpResponseBadRequest(_("Unknown export format: choose CSV or JSON."))
    rows = resources.exchange_rows(selectors.cases_for(request.user, unit=unit))
    if kind == "json":
        body = json.dumps({"unit": unit.path, "cases": list(rows)}, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=resources.EXCHANGE_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: excel.csv_cell(v) for k, v in row.items()})
        # A BOM so that Excel opens the UTF-8 file with its Vietnamese letters intact.
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vu-viec.{kind}"'
    return response


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
