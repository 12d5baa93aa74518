"""The district's indicator catalogue and targets from Excel (preview, then all-or-nothing)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan import excel
from danvan.orgs.access import REVIEW_ROLES, has_role
from danvan.picker import current_unit
from reports import resources, services
from reports.forms import UploadForm


def catalogue_template(request):
    return excel.xlsx_response("danh-muc-chi-tieu.xlsx", resources.catalogue_template())


def catalogue_import(request):
    unit = current_unit(request)
    if unit is None or not has_role(request.user, unit, REVIEW_ROLES):
        raise PermissionDenied
    columns = resources.catalogue_columns()
    context = {
        "title": _("Import the indicator catalogue and targets"),
        "columns": columns,
        "template_url": reverse("reports:catalogue_template"),
        "back_url": reverse("reports:index"),
        "confirm_url": reverse("reports:catalogue_import"),
    }
    if request.method == "POST" and "token" in request.POST:
        try:
            with excel.unstash(request, request.POST["token"]).open("rb") as handle:
                sheet = resources.check_catalogue(request.user, unit, handle)
            if not sheet.ok:
                raise excel.ExcelError(_("The file has errors; upload it again to see them."))
            count = services.catalogue_import(actor=request.user, unit=unit, rows=sheet.rows)
        except excel.ExcelError as error:
            context.update(form=UploadForm(), error=str(error))
            return render(request, "danvan/import.html", context, status=400)
        excel.discard(request, request.POST["token"])
        messages.success(request, _("%(n)s rows were imported.") % {"n": count})
        return redirect("reports:index")
    form = UploadForm(request.POST or None, request.FILES or None)
    context["form"] = form
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                sheet = resources.check_catalogue(request.user, unit, form.cleaned_data["file"])
            except excel.ExcelError as error:
                context["error"] = str(error)
            else:
                context["sheet"] = sheet
                if sheet.ok:
                    status = 200
                    context["token"] = excel.stash(request, form.cleaned_data["file"])
                    context["preview_rows"] = excel.preview_rows(sheet, columns)
    return render(request, "danvan/import.html", context, status=status)
