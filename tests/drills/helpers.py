"""Shared by the hostile-input drills: the demo as the field of play, row counts as the proof
that nothing was half-saved, and the upload endpoints of every app."""

import io
import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

SKIP_APPS = {"sessions", "axes", "admin"}


def row_counts() -> dict[str, int]:
    """Rows of every table, history and workflow events included: any write shows here."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in SKIP_APPS
    }


def seed_and_log_in(client, username="quantri"):
    call_command("seed_demo", verbosity=0)
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    return user


def first_conference_pk() -> int:
    from dialogues.models import Conference

    return Conference.objects.order_by("pk").values_list("pk", flat=True).first()


def import_urls() -> dict[str, str]:
    """Every Excel import of the portal: name -> upload URL."""
    conference = first_conference_pk()
    return {
        "reports values": "/bao-cao/nhap-excel/",
        "reports catalogue": "/bao-cao/chi-tieu/nhap-excel/",
        "letters": "/don-thu/nhap/",
        "models": "/dan-van-kheo/nhap-excel/",
        "opinions": f"/doi-thoai/{conference}/y-kien/nhap/",
    }


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_cells(content: bytes):
    """(sheet, coordinate, value, data_type, quote_prefix) of every non-empty cell."""
    book = load_workbook(io.BytesIO(content))
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield sheet.title, cell.coordinate, cell.value, cell.data_type, cell.quotePrefix


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def confirm_form(html: str):
    """(confirm URL, token) of an import preview that offers a confirmation, else None."""
    token = re.search(r'name="token" value="([0-9a-f]+)"', html)
    # the form that carries the token (not, say, the menu's log-out form)
    action = re.search(
        r'<form method="post" action="([^"]+)"[^>]*>(?:(?!</form>).)*?name="token"', html, re.S
    )
    if not token or not action:
        return None
    return action.group(1), token.group(1)
