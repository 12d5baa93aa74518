"""Excel: a period's indicator values for a subtree, out and back in (all-or-nothing)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan import excel
from danvan.orgs.access import REVIEW_ROLES, has_role
from danvan.picker import current_period, current_unit
from reports import resources, services
from reports.forms import UploadForm


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
    context = {
        "title": _("Import indicator values"),
        "columns": resources.columns(),
        "template_url": reverse("reports:export"),
        "back_url": reverse("reports:board"),
        "confirm_url": reverse("reports:import"),
    }
    if request.method == "POST" and "token" in request.POST:
        try:
            path = excel.unstash(request, request.POST["token"])
            with path.open("rb") as handle:
                sheet = resources.check(request.user, unit, period, handle)
            if not sheet.ok:
                raise excel.ExcelError(_("The file has errors; upload it again to see them."))
            count = services.report_values_import(actor=request.user, unit=unit, rows=sheet.rows)
        except excel.ExcelError as error:
            context.update(form=UploadForm(), error=str(error))
            return render(request, "danvan/import.html", context, status=400)
        excel.discard(request, request.POST["token"])
        messages.success(request, _("%(n)s values were imported.") % {"n": count})
        return redirect("reports:board")
    form = UploadForm(request.POST or None, request.FILES or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            sheet = resources.check(request.user, unit, period, upload)
        except excel.ExcelError as error:
            context["error"] = str(error)
            return render(request, "danvan/import.html", context, status=400)
        context["sheet"] = sheet
        if sheet.ok:
            context["token"] = excel.stash(request, upload)
            context["preview_rows"] = excel.preview_rows(sheet, resources.columns())
        else:
            return render(request, "danvan/import.html", context, status=400)
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(request, "danvan/import.html", context, status=status)
