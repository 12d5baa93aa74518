"""Import of a letter register (check, preview, confirm: all or nothing) and the export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan import excel
from danvan.orgs.access import EDIT_ROLES, require_role
from petitions import resources, services
from petitions.forms import ImportForm
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
    columns = resources.import_columns()
    content = excel.write_workbook(_("Letters"), [c.header for c in columns], [])
    return excel.xlsx_response("mau-so-theo-doi-don-thu.xlsx", content)


def _import_page(request, **context):
    columns = resources.import_columns()
    sheet = context.get("sheet")
    return render(
        request,
        "danvan/import.html",
        {
            "title": _("Import a letter register"),
            "columns": columns,
            "confirm_url": reverse("petitions:letter_import_confirm"),
            "template_url": reverse("petitions:import_template"),
            "back_url": reverse("petitions:letter_list"),
            "preview_rows": excel.preview_rows(sheet, columns) if sheet else [],
            **context,
        },
    )


def _check(upload):
    return resources.check_rows(excel.read_sheet(upload, resources.import_columns()))


def letter_import(request):
    unit = working_unit(request)
    require_role(request.user, unit, EDIT_ROLES)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _import_page(request, form=form)
    upload = form.cleaned_data["file"]
    try:
        sheet = _check(upload)
    except excel.ExcelError as error:
        return _import_page(request, form=ImportForm(), error=str(error))
    token = excel.stash(request, upload) if sheet.ok else None
    return _import_page(request, form=ImportForm(), sheet=sheet, token=token)


@require_POST
def letter_import_confirm(request):
    unit = working_unit(request)
    require_role(request.user, unit, EDIT_ROLES)
    token = request.POST.get("token", "")
    try:
        path = excel.unstash(request, token)
        sheet = _check(path)
        if not sheet.ok:  # the file was checked at upload, but rules may have moved since
            return _import_page(request, form=ImportForm(), sheet=sheet)
        letters = services.letters_import(actor=request.user, unit=unit, rows=sheet.rows)
    except excel.ExcelError as error:
        return _import_page(request, form=ImportForm(), error=str(error))
    except ValidationError as error:
        return _import_page(request, form=ImportForm(), error=" ".join(error.messages))
    excel.discard(request, token)
    messages.success(request, _("%(n)s letters imported.") % {"n": len(letters)})
    return redirect("petitions:letter_list")
