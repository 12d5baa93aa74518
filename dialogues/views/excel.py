"""Excel export and two-step import (preview, then confirm) of a conference's opinions."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan import excel
from danvan.orgs.access import get_editable, get_visible
from dialogues import resources, selectors, services
from dialogues.forms import ImportForm


def opinions_export(request, pk):
    conference = get_visible(selectors.conference_pages(), request.user, pk)
    content = resources.opinions_workbook(conference, selectors.opinions_of(conference))
    return excel.xlsx_response(f"y-kien-hoi-nghi-{conference.pk}.xlsx", content)


def opinions_template(request, pk):
    get_visible(selectors.conference_pages(), request.user, pk)
    return excel.xlsx_response("mau-y-kien-doi-thoai.xlsx", resources.blank_template())


def _page(request, conference, **context):
    columns = resources.opinion_columns()
    return render(
        request,
        "danvan/import.html",
        {
            "title": _("Import opinions: %(title)s") % {"title": conference.title},
            "columns": columns,
            "confirm_url": reverse("dialogues:opinions_import_confirm", args=[conference.pk]),
            "template_url": reverse("dialogues:opinions_template", args=[conference.pk]),
            "back_url": reverse("dialogues:conference_detail", args=[conference.pk]),
            **context,
        },
    )


def opinions_import(request, pk):
    """Step 1: check the whole file and show the rows or their errors; nothing is saved."""
    conference = get_editable(selectors.conference_pages(), request.user, pk)
    if conference.is_locked:
        messages.error(request, str(services.LockedError()))
        return redirect("dialogues:conference_detail", pk=pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, conference, form=form)
    upload = form.cleaned_data["file"]
    columns = resources.opinion_columns()
    try:
        sheet = excel.read_sheet(upload, columns)
    except excel.ExcelError as error:
        return _page(request, conference, form=form, error=str(error))
    context = {"form": form, "sheet": sheet}
    if sheet.ok:
        context["token"] = excel.stash(request, upload)
        context["preview_rows"] = excel.preview_rows(sheet, columns)
    return _page(request, conference, **context)


@require_POST
def opinions_import_confirm(request, pk):
    """Step 2: read the stashed file again and save every row, or none."""
    conference = get_editable(selectors.conference_pages(), request.user, pk)
    token = request.POST.get("token", "")
    try:
        path = excel.unstash(request, token)
        sheet = excel.read_sheet(path, resources.opinion_columns())
        if not sheet.ok:
            return _page(request, conference, form=ImportForm(), sheet=sheet)
        created = services.opinions_import(
            actor=request.user, conference=conference, rows=sheet.rows
        )
    except excel.ExcelError as error:
        return _page(request, conference, form=ImportForm(), error=str(error))
    except services.LockedError as error:
        messages.error(request, str(error))
        return redirect("dialogues:conference_detail", pk=pk)
    except services.ImportRowsError as failure:
        sheet.errors = [
            excel.RowError(row, "", " ".join(error.messages)) for row, error in failure.errors
        ]
        return _page(request, conference, form=ImportForm(), sheet=sheet)
    excel.discard(request, token)
    messages.success(request, _("%(n)s opinions were imported.") % {"n": len(created)})
    return redirect("dialogues:conference_detail", pk=pk)
