"""The demo's printed roll-up reports never say more cases (or opinions) overdue than in
progress: both are counted on the same day, from the same open set (one definition of
"overdue" per kind of record). Read back from the PDFs with pdftotext."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from danvan.orgs.models import Unit
from danvan.periods import Period
from danvan.rollup import rendering
from tests.danvan.rollup.helpers import pdf_text, squeeze
from tests.dialogues.factories import ensure_fields

NUMBER = r"(\d[\d.]*)"
PAIRS = {
    "cases": (rf"đang giải quyết {NUMBER} vụ", rf"{NUMBER} vụ quá hạn"),
    "opinions": (rf"{NUMBER} ý kiến đang giải quyết", rf"{NUMBER} ý kiến quá hạn"),
}


def _count(pattern: str, text: str) -> int:
    found = re.search(pattern, text, re.IGNORECASE)
    return int(found.group(1).replace(".", "")) if found else 0


@pytest.mark.django_db
def test_no_printed_demo_report_has_more_overdue_than_in_progress(tmp_path):
    ensure_fields()
    call_command("seed_demo", stdout=StringIO())
    this_year = timezone.localdate().year
    documents = [
        ("nghe-an/hoang-mai", "2017"),
        ("nghe-an/hoang-mai", "2018"),
        ("ha-noi/dong-da", "2019"),
        ("ha-noi/long-bien", "2018"),
        ("ha-noi/long-bien", "2019"),
        ("ha-noi/long-bien", str(this_year)),  # Ngọc Thụy's letters of the last weeks
    ]
    seen = {"cases": 0, "opinions": 0}
    for path, code in documents:
        pdf = rendering.rollup_pdf(Unit.objects.get(path=path), Period.parse(code))
        text = squeeze(pdf_text(pdf, tmp_path))
        for kind, (in_progress, overdue) in PAIRS.items():
            counts = _count(in_progress, text), _count(overdue, text)
            assert counts[1] <= counts[0], (path, code, kind, counts)
            seen[kind] += counts[0]
    assert seen["cases"] > 0 and seen["opinions"] > 0  # the sentences were really read
