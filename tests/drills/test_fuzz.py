"""Property-based fuzzing (hypothesis) of the main forms and of every Excel import: whatever
is typed or uploaded, never a 500 and never a partial save — an answer that is not a
redirect (the sign of a completed save) leaves every table as it was."""

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tests.drills.helpers import (
    body,
    confirm_form,
    first_conference_pk,
    import_urls,
    row_counts,
    seed_and_log_in,
    xlsx,
)

EXAMPLES = settings(
    max_examples=6,
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "9" * 40,
    "1.081",
    "95,06%",
    "2019Q5",
    "31/02/2019",
    "'; DROP TABLE reports_report; --",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "Nguyễn Thị Ánh Tuyết",
    "ß" * 500,
    "\u202e\u200b",
    "../../etc/passwd",
]
hostile_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=60))
# a cell can hold any text but the control characters the xlsx format itself forbids
cell_text = hostile_text.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text))
hostile_cell = st.one_of(
    cell_text, st.integers(-(10**12), 10**12), st.floats(allow_nan=True), st.none()
)


def form_fields(html: str) -> dict[str, str]:
    """Field names of the page's forms with the values the page offers (first option)."""
    fields = {}
    for tag in re.findall(r"<(?:input|textarea|select)\b[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) in {"csrfmiddlewaretoken", "q"}:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields.setdefault(name.group(1), value.group(1) if value else "")
    for name, option in re.findall(
        r'<select[^>]*name="([^"]+)"[^>]*>\s*<option[^>]*value="([^"]*)"', html
    ):
        fields[name] = option
    return fields


def form_urls() -> dict[str, str]:
    from reports.models import Report

    draft = next(r.pk for r in Report.objects.order_by("pk") if r.is_editable)
    conference = first_conference_pk()
    return {
        "report draft": f"/bao-cao/{draft}/nhap/",
        "report autosave": f"/bao-cao/{draft}/luu-nhap/",
        "letter registration": "/don-thu/them/",
        "model registration": "/dan-van-kheo/dang-ky/",
        "conference": "/doi-thoai/moi/",
        "opinion row": f"/doi-thoai/{conference}/y-kien/",
        "picker": "/chon/",
    }


@pytest.mark.django_db
def test_main_forms_never_answer_500_nor_save_half(client):
    seed_and_log_in(client)
    for label, url in form_urls().items():
        page = client.get(url, HTTP_HX_REQUEST="true" if "y-kien" in url else None)
        base = form_fields(page.content.decode()) if page.status_code == 200 else {}
        if label == "report draft":
            base.pop("submit", None)  # a draft save, not a submission
        assert base or label in {"report autosave", "opinion row", "picker"}, label

        fuzz_form(client, label, url, base)


def fuzz_form(client, label, url, base):
    @EXAMPLES
    @given(choices=st.lists(st.one_of(st.none(), hostile_text), min_size=40, max_size=40))
    def fuzz(choices):
        # per field: keep the page's own value (None) or put a hostile one
        data = {
            name: value if choice is None else choice
            for (name, value), choice in zip(base.items(), choices, strict=False)
        }
        if not data:
            data = {"unit": choices[0] or "", "period": choices[1] or "", "text": choices[2] or ""}
        before = row_counts()
        response = client.post(url, data)
        assert response.status_code < 500, (label, data)
        if response.status_code not in (301, 302, 303):
            assert row_counts() == before, (label, data)

    fuzz()


def template_headers() -> dict[str, list[str]]:
    """Header row of each import's own template (or export) workbook."""
    conference = first_conference_pk()
    sources = {
        "reports values": "/bao-cao/xuat-excel/",
        "reports catalogue": "/bao-cao/chi-tieu/mau-excel/",
        "letters": "/don-thu/nhap/mau/",
        "models": "/dan-van-kheo/nhap-excel/mau/",
        "opinions": f"/doi-thoai/{conference}/y-kien/mau/",
    }
    return sources


@pytest.mark.django_db
def test_every_import_never_answers_500_nor_saves_half(client):
    seed_and_log_in(client)
    for label, upload_url in import_urls().items():
        source = client.get(template_headers()[label])
        assert source.status_code == 200, label
        sheet = load_workbook(io.BytesIO(body(source)), read_only=True).active
        rows = list(sheet.iter_rows(values_only=True, max_row=2))
        headers, sample = list(rows[0]), list(rows[1]) if len(rows) > 1 else []

        fuzz_import(client, label, upload_url, headers, sample)


def fuzz_import(client, label, upload_url, headers, sample):
    @EXAMPLES
    @given(
        cells=st.lists(
            st.lists(st.one_of(st.none(), hostile_cell), min_size=20, max_size=20),
            min_size=1,
            max_size=4,
        )
    )
    def fuzz(cells):
        body_rows = [
            [
                (sample[i] if i < len(sample) else None) if choice is None else choice
                for i, choice in zip(range(len(headers)), row, strict=False)
            ]
            for row in cells
        ]
        content = xlsx([headers, *body_rows])
        before = row_counts()
        from django.core.files.uploadedfile import SimpleUploadedFile

        preview = client.post(upload_url, {"file": SimpleUploadedFile("f.xlsx", content)})
        assert preview.status_code < 500, (label, body_rows)
        assert row_counts() == before, (label, "the preview saved rows")
        confirm = confirm_form(preview.content.decode())
        if confirm is None:
            return
        done = client.post(confirm[0], {"token": confirm[1]})
        assert done.status_code < 500, (label, body_rows)
        if done.status_code not in (301, 302, 303):
            assert row_counts() == before, (label, body_rows)

    fuzz()
