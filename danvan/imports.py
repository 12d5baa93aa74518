"""One Excel import flow for every app: upload → checked preview → confirm, all or nothing.

An app describes its import with a `Resource` (the sheet's columns, its row checks, the page's
title and links, the blank template) and hands the flow its service (the write). Who may
import, and into which unit, is the app's to check before it calls the flow.

1. `upload`: the file is checked whole (`danvan.excel.read_sheet`: size, a real .xlsx, no zip
   bomb, the header row) and row by row (the cells, then the app's row checks). Any error is
   shown with its Excel row and nothing is kept. A clean file is stashed under a random token
   that only the uploader's session knows, and previewed.
2. `confirm`: the stashed file is read and checked again (the rules or the user's scope may
   have moved since the preview) and the service writes every row in one transaction, or
   none. The stash is deleted whatever the outcome; a cancelled one too.

A stash not confirmed within IMPORT_STASH_MINUTES is refused and deleted, and
`delete_expired_stashes` (a periodic task) sweeps those nobody came back for: a letter
register holds denunciators' names and telephone numbers, which must not linger on disk.
The backup leaves the stash folder out.
"""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.excel import (
    Column,
    ExcelError,
    RowError,
    Sheet,
    read_sheet,
    write_workbook,
    xlsx_response,
)

STASH_DIR_NAME = "imports"
SESSION_KEY = "import_tokens"
TOKENS_KEPT = 10  # per session; an older stash of the same session is deleted at once
TOKEN_RE = re.compile(r"[0-9a-f]{32}")
PREVIEW_ROWS = 50


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx"}),
    )


class RowsRefused(Exception):
    """Raised by a service when rows that passed the checks are refused by the model itself;
    `errors` holds (Excel row number, ValidationError) pairs, shown like the preview's."""

    def __init__(self, errors, message=""):
        super().__init__(message or _("Some rows could not be saved. Nothing was imported."))
        self.errors = errors


def _imported(count: int) -> str:
    return _("%(n)s rows were imported.") % {"n": count}


@dataclass(frozen=True)
class Resource:
    """What the flow needs to know about one import (built per request by the app)."""

    title: str
    columns: list[Column]
    upload_url: str
    done_url: str  # where a successful import leads
    confirm_url: str = ""  # the upload URL when empty
    back_url: str = ""  # the done URL when empty
    template_url: str = ""  # the blank template (or an export that reads back as an import)
    check: Callable[[Sheet], object] | None = None  # row checks: append RowErrors to the sheet
    done_message: Callable[[int], str] = _imported
    template_name: str = ""  # file name of the blank template, see `template_download`
    sheet_title: str = ""
    template_rows: tuple = ()  # example rows of the blank template
    refusals: tuple[type[Exception], ...] = ()  # a service's refusals shown as the page's error

    def read(self, source) -> Sheet:
        sheet = read_sheet(source, self.columns)
        if self.check is not None:
            self.check(sheet)
        return sheet


# --- The two steps ---------------------------------------------------------------------------


def upload(request, resource: Resource) -> HttpResponse:
    """Step 1: check the whole file and preview its rows, or list every error; save nothing."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _page(request, resource, form=form)
    if not form.is_valid():
        return _page(request, resource, status=400, form=form)
    source = form.cleaned_data["file"]
    try:
        sheet = resource.read(source)
    except ExcelError as error:
        return _page(request, resource, status=400, error=str(error))
    if not sheet.ok:
        return _page(request, resource, status=400, sheet=sheet)
    return _page(
        request,
        resource,
        sheet=sheet,
        token=stash(request, source),
        preview_rows=preview_rows(sheet, resource.columns),
    )


def confirm(request, resource: Resource, service: Callable, **target) -> HttpResponse:
    """Step 2: write every row of the stashed file through `service`, or none.

    The service is called as `service(actor=user, rows=rows, **target)`; it returns the
    number of rows written or the records it made.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    token = request.POST.get("token", "")
    if "cancel" in request.POST:
        discard(request, token)
        messages.info(request, _("The import was cancelled and the uploaded file deleted."))
        return redirect(resource.back_url or resource.done_url)
    try:
        path = unstash(request, token)
    except ExcelError as error:
        return _page(request, resource, status=400, error=str(error))
    try:
        sheet = resource.read(path)
        if not sheet.ok:
            return _page(request, resource, status=400, sheet=sheet)
        with transaction.atomic():
            written = service(actor=request.user, rows=sheet.rows, **target)
    except ExcelError as error:
        return _page(request, resource, status=400, error=str(error))
    except RowsRefused as refused:
        sheet.errors = [
            RowError(row, "", " ".join(error.messages)) for row, error in refused.errors
        ]
        return _page(request, resource, status=400, sheet=sheet)
    except ValidationError as invalid:
        return _page(request, resource, status=400, error=" ".join(invalid.messages))
    except resource.refusals as refusal:
        return _page(request, resource, status=400, error=str(refusal))
    finally:  # confirmed or refused, the file is not needed any more
        discard(request, token)
    count = written if isinstance(written, int) else len(written)
    messages.success(request, resource.done_message(count))
    return redirect(resource.done_url)


def upload_or_confirm(request, resource: Resource, service: Callable, **target) -> HttpResponse:
    """Both steps at one URL: a POST that carries a token confirms."""
    if request.method == "POST" and "token" in request.POST:
        return confirm(request, resource, service, **target)
    return upload(request, resource)


def template_download(resource: Resource) -> HttpResponse:
    """The blank template: the header row of the import's columns and its example rows."""
    headers = [column.header for column in resource.columns]
    content = write_workbook(str(resource.sheet_title), headers, resource.template_rows)
    return xlsx_response(resource.template_name, content)


def _page(request, resource: Resource, *, status: int = 200, **context) -> HttpResponse:
    context = {
        "title": resource.title,
        "columns": resource.columns,
        "template_url": resource.template_url,
        "back_url": resource.back_url or resource.done_url,
        "confirm_url": resource.confirm_url or resource.upload_url,
        "form": ImportForm(),  # after a refused file: it must be chosen again
        "stash_minutes": settings.IMPORT_STASH_MINUTES,
        **context,
    }
    return render(request, "danvan/import.html", context, status=status)


def preview_rows(sheet: Sheet, columns: list[Column], limit: int = PREVIEW_ROWS) -> list:
    """The first rows as (Excel row number, values in column order) for the preview table."""
    return [
        (row["_row"], [shown(c, row.get(c.key)) for c in columns]) for row in sheet.rows[:limit]
    ]


def shown(column: Column, value):
    """A parsed cell as the user wrote it: a choice's label ("Tỷ lệ"), "Có"/"Không"."""
    if column.kind == "bool" and isinstance(value, bool):
        return _("Yes") if value else _("No")
    if column.kind == "choice" and value is not None:
        labels = {stored: label for label, stored in (column.choices or {}).items()}
        return labels.get(value, value)
    return value


# --- The file between preview and confirmation -----------------------------------------------


def stash_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / STASH_DIR_NAME


def _stash_path(token: str) -> Path | None:
    """The stash of a well-formed token; None for anything else (a path trick, say)."""
    if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
        return None
    return stash_dir() / f"{token}.xlsx"


def _expired(path: Path, now: float) -> bool:
    return now - path.stat().st_mtime > settings.IMPORT_STASH_MINUTES * 60


def stash(request, source) -> str:
    """Keep an uploaded file until the user confirms the import; returns its token."""
    delete_expired_stashes()  # in embedded mode no beat runs: each upload sweeps the old ones
    token = uuid4().hex
    folder = stash_dir()
    folder.mkdir(parents=True, exist_ok=True)
    source.seek(0)
    (folder / f"{token}.xlsx").write_bytes(source.read())
    tokens = [*request.session.get(SESSION_KEY, []), token]
    for old in tokens[:-TOKENS_KEPT]:  # the session forgets it: nobody could confirm it
        if old_path := _stash_path(old):
            old_path.unlink(missing_ok=True)
    request.session[SESSION_KEY] = tokens[-TOKENS_KEPT:]
    return token


def unstash(request, token: str) -> Path:
    """The stashed file of this session, or ExcelError if it is not (or no longer) there.

    A stash older than IMPORT_STASH_MINUTES is refused and deleted.
    """
    path = _stash_path(token)
    if path is None or token not in request.session.get(SESSION_KEY, []) or not path.exists():
        raise ExcelError(_("The uploaded file has expired. Please upload it again."))
    if _expired(path, time.time()):
        discard(request, token)
        raise ExcelError(
            _(
                "The uploaded file was not confirmed within %(minutes)s minutes and has been "
                "deleted. Please upload it again."
            )
            % {"minutes": settings.IMPORT_STASH_MINUTES}
        )
    return path


def discard(request, token: str) -> None:
    """Delete this session's stash (another session's token is left alone)."""
    tokens = request.session.get(SESSION_KEY, [])
    path = _stash_path(token)
    if path is None or token not in tokens:
        return
    path.unlink(missing_ok=True)
    request.session[SESSION_KEY] = [t for t in tokens if t != token]


def delete_expired_stashes() -> int:
    """Delete every stash older than IMPORT_STASH_MINUTES (the periodic task); their number."""
    folder = stash_dir()
    if not folder.is_dir():
        return 0
    now, deleted = time.time(), 0
    for path in folder.iterdir():
        try:
            if path.is_file() and _expired(path, now):
                path.unlink()
                deleted += 1
        except FileNotFoundError:  # confirmed or swept by someone else meanwhile
            continue
    return deleted
