"""The demo in 2026: Hà Nội's new wards report to the city, whose tables list them and add up;
the printed headers are the bodies valid on each document's date."""

import shutil
import subprocess
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from danvan import handover
from danvan.orgs import demo as orgs_demo
from danvan.orgs.models import Unit
from danvan.periods import Period
from danvan.rollup import figures, rendering
from tests.conftest import require
from tests.danvan.rollup.helpers import squeeze
from tests.dialogues.factories import ensure_fields

NEW_WARDS = [
    "Phường Bồ Đề",
    "Phường Đống Đa",
    "Phường Kim Liên",
    "Phường Long Biên",
    "Phường Phúc Lợi",
    "Phường Việt Hưng",
]


@pytest.fixture
def demo(db):
    """The demo, after the hand-over of the reform's day (manage.py handover --apply)."""
    ensure_fields()
    call_command("seed_demo", stdout=StringIO())
    call_command("handover", date="2025-07-01", apply=True, stdout=StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["2025Q4", "2026Q4"])
def test_the_city_roll_up_lists_the_new_wards_and_every_total_is_the_sum_of_its_rows(
    demo, client, code
):
    city = Unit.objects.get(path="ha-noi")
    rollup = figures.build(city, Period.parse(code), with_charts=False)
    rows_of_every_figure = {line.unit.title for g in rollup.groups for f in g.figures
                            for line in f.result.lines}  # fmt: skip
    assert set(NEW_WARDS) <= rows_of_every_figure
    assert not any(u.startswith("Quận") for u in rows_of_every_figure), "no district is a row"
    checked = 0
    for group in rollup.groups:
        for figure in group.figures:
            rows = figure.metric.empty
            for line in figure.result.lines:
                rows = rows + line.value
            assert figure.total == rows, (code, figure.metric.code)
            checked += 1
        for table in group.tables + group.appendix_tables:
            for column, total in enumerate(table.totals):
                cells = [values[column] for _unit, values in table.rows]
                added = table.figures[column].metric.empty
                for cell in cells:
                    added = added + (cell or table.figures[column].metric.empty)
                assert added == total, (code, table.key, column)
    assert checked >= 50
    # The reports of the period: the six wards expected, filed as the demo tells.
    filed = next(f for f in rollup.tiles if f.metric.code == "reports.filed")
    assert filed.total.denominator == 6
    assert filed.total.numerator == (6 if code == "2025Q4" else 3)
    # The dashboard the city reviewer opens shows the same rows.
    client.force_login(get_user_model().objects.get(username="bantuyengiao.hanoi"))
    page = client.get("/tong-hop/", {"unit": "ha-noi", "period": code}).content.decode()
    for ward in NEW_WARDS:
        assert ward in page


@pytest.mark.django_db
def test_no_closed_unit_of_the_demo_holds_open_work(demo):
    assert set(handover.stranded(orgs_demo.reform_day()).values()) == {0}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "code", "issued_on", "header", "absent"),
    [
        ("ha-noi/long-bien", "2019Q1", "2019-04-05", ["QUẬN ỦY LONG BIÊN", "BAN DÂN VẬN"], []),
        ("ha-noi", "2019Q1", "2019-04-10", ["THÀNH ỦY HÀ NỘI", "BAN DÂN VẬN"], ["TUYÊN GIÁO"]),
        ("ha-noi", "2026Q4", "2026-12-28", ["THÀNH ỦY HÀ NỘI", "BAN TUYÊN GIÁO VÀ DÂN VẬN"], []),
        ("ha-noi/phuong-bo-de", "2026Q4", "2026-12-20",
         ["ĐẢNG ỦY PHƯỜNG BỒ ĐỀ", "BAN XÂY DỰNG ĐẢNG"], ["KHỐI DÂN VẬN"]),
    ],
)  # fmt: skip
def test_the_pdf_prints_the_bodies_valid_on_its_date(
    demo, tmp_path, path, code, issued_on, header, absent
):
    unit = Unit.objects.get(path=path)
    pdf = rendering.rollup_pdf(unit, Period.parse(code), {"issued_on": issued_on})
    # Without -layout: pdftotext reads the header's left column as one block, so a body name
    # broken over two lines ("BAN TUYÊN GIÁO VÀ DÂN / VẬN") reads as one.
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    source = tmp_path / "document.pdf"
    source.write_bytes(pdf)
    command = ["pdftotext", "-f", "1", "-l", "1", str(source), "-"]
    first_page = squeeze(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    for line in header:
        assert line in first_page
    for line in absent:
        assert line not in first_page
