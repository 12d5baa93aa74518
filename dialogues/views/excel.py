"""Excel export and two-step import (preview, then confirm) of a conference's opinions."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from danvan import excel, imports
from danvan.orgs.access import get_editable, get_visible
from dialogues import resources, selectors, services


def opinions_export(request, pk):
    conference = get_visible(selectors.conference_pages(), request.user, pk)
    content = resources.opinions_workbook(conference, selectors.opinions_of(conference))
    return excel.xlsx_response(f"y-kien-hoi-nghi-{conference.pk}.xlsx", content)


def opinions_template(request, pk):
    conference = get_visible(selectors.conference_pages(), request.user, pk)
    return imports.template_download(resources.opinions_import(conference))


def opinions_import(request, pk):
    """Step 1: check the whole file and show the rows or their errors; nothing is saved."""
    conference = get_editable(selectors.conference_pages(), request.user, pk)
    if conference.is_locked:
        messages.error(request, str(services.LockedError()))
        return redirect("dialogues:conference_detail", pk=pk)
    return imports.upload(request, resources.opinions_import(conference))


@require_POST
def opinions_import_confirm(request, pk):
    """Step 2: read the stashed file again and save every row, or none."""
    conference = get_editable(selectors.conference_pages(), request.user, pk)
    resource = resources.opinions_import(conference)
    return imports.confirm(request, resource, services.opinions_import, conference=conference)
