"""Import of an existing register: upload → checked preview → confirm (all or nothing)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from danvan import excel
from danvan.orgs.access import EDIT_ROLES, scope_paths
from models_catalog import resources, services
from models_catalog.forms import ImportForm


def _check(request, source):
    sheet = excel.read_sheet(source, resources.columns())
    resources.check_rows(request.user, sheet)
    return sheet


def _page(request, **context):
    context = {
        "title": _("Import a register of models"),
        "columns": resources.columns(),
        "confirm_url": reverse("models_catalog:import_confirm"),
        "template_url": reverse("models_catalog:import_template"),
        "back_url": reverse("models_catalog:list"),
        **context,
    }
    return render(request, "danvan/import.html", context)


def import_upload(request):
    if not (request.user.is_superuser or scope_paths(request.user, EDIT_ROLES)):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, form=form)
    upload = form.cleaned_data["file"]
    try:
        sheet = _check(request, upload)
    except excel.ExcelError as error:
        return _page(request, form=ImportForm(), error=str(error))
    if not sheet.ok:
        return _page(request, form=ImportForm(), sheet=sheet)
    token = excel.stash(request, upload)
    preview = excel.preview_rows(sheet, resources.columns())
    return _page(request, form=form, sheet=sheet, token=token, preview_rows=preview)


@require_POST
def import_confirm(request):
    token = request.POST.get("token", "")
    try:
        path = excel.unstash(request, token)
        sheet = _check(request, path)  # checked again: the scope or the data may have changed
    except excel.ExcelError as error:
        return _page(request, form=ImportForm(), error=str(error))
    if not sheet.ok:
        return _page(request, form=ImportForm(), sheet=sheet)
    try:
        count = services.practice_models_import(actor=request.user, rows=sheet.rows)
    except ValidationError as invalid:  # a rule the preview could not see: still all or nothing
        return _page(request, form=ImportForm(), error=" ".join(invalid.messages))
    excel.discard(request, token)
    done = ngettext("%(count)s model was imported.", "%(count)s models were imported.", count)
    messages.success(request, done % {"count": count})
    return redirect("models_catalog:list")


def import_template(request):
    content = excel.write_workbook(
        str(resources.SHEET_TITLE), [c.header for c in resources.columns()], []
    )
    return excel.xlsx_response("mau-nhap-mo-hinh-dan-van-kheo.xlsx", content)
