"""One statistics table (danvan.rollup.tables): lines found by unit, a dash for a missing one.

Fake metrics under `test.*` codes on a tree the demo does not have."""

import io

import openpyxl
import pytest
from django.template.loader import render_to_string

from danvan.metrics import Aggregation, Value
from danvan.periods import Period
from danvan.rollup import rendering, tables
from tests.danvan.rollup.conftest import register_fixed, register_unit_count
from tests.factories import UnitFactory
from tests.tables import by_row

pytestmark = pytest.mark.django_db

Y = Period.parse("2023")


@pytest.fixture
def valley():
    top = UnitFactory(name="Thung Lũng", kind="province", parent=None)
    return {
        "top": top,
        "Khe Lá": UnitFactory(name="Khe Lá", kind="commune", parent=top),
        "Bãi Sậy": UnitFactory(name="Bãi Sậy", kind="commune", parent=top),
    }


@pytest.fixture
def lines(valley):
    """test.kept: records at the province itself and in Khe Lá; test.share: a ratio recorded
    in the communes only, so the province has a line for the first and none for the second."""
    top = valley["top"].path
    register_fixed(
        "test.kept",
        "Hồ sơ lưu",
        "hồ sơ",
        {
            "2023": {top: Value(amount=7), valley["Khe Lá"].path: Value(amount=13)},
            "2022": {top: Value(amount=2)},
        },
    )
    register_fixed(
        "test.share",
        "Tỷ lệ xong",
        "%",
        {
            "2023": {
                valley["Khe Lá"].path: Value(numerator=3, denominator=4),
                valley["Bãi Sậy"].path: Value(numerator=1, denominator=6),
            }
        },
        Aggregation.RATIO,
    )
    return valley


def test_rows_are_matched_by_unit_and_a_missing_line_is_none(lines):
    # The metric without the province's own line comes first: the old by-index reading of
    # the first metric's lines would have lost the province's row or run past the end.
    table = tables.build(lines["top"], Y, ["test.share", "test.kept"])
    rows = {unit.name: values for unit, values in table.rows}
    assert list(rows) == ["Thung Lũng", "Bãi Sậy", "Khe Lá"]  # own line first
    assert rows["Thung Lũng"] == [None, Value(amount=7)]
    assert rows["Khe Lá"] == [Value(numerator=3, denominator=4), Value(amount=13)]
    assert rows["Bãi Sậy"][1] == Value(amount=0)
    assert table.totals == [Value(numerator=4, denominator=10), Value(amount=20)]
    assert table.below == [Value(numerator=4, denominator=10), Value(amount=13)]
    assert not table.compared and table.figures[1].change is None


def test_the_include_shows_a_dash_and_the_total(lines):
    table = tables.build(lines["top"], Y, ["test.share", "test.kept"])
    html = render_to_string("danvan/statistics_table.html", {"table": table, "table_id": "t"})
    rows = by_row(html, "t")
    assert rows["Tỉnh Thung Lũng"] == {"Tỷ lệ xong": "–", "Hồ sơ lưu": "7"}
    assert rows["Tổng cộng"] == {"Tỷ lệ xong": "4/10 (40%)", "Hồ sơ lưu": "20"}


def test_a_compared_table_holds_last_year_and_the_change(lines):
    table = tables.build(lines["top"], Y, ["test.kept"], compare=True)
    (figure,) = table.figures
    assert table.compared and table.previous_period.code == "2022"
    assert (figure.previous.total, figure.change) == (Value(amount=2), 18)
    html = render_to_string(
        "danvan/statistics_table.html", {"table": table, "layout": "by_figure", "table_id": "t"}
    )
    assert by_row(html, "t")["Hồ sơ lưu"] == {
        "Tỉnh Thung Lũng": "7",
        "Xã Bãi Sậy": "0",
        "Xã Khe Lá": "13",
        "2023": "20 hồ sơ",
        "2022": "2",
        "Thay đổi": "+18 hồ sơ",
    }


def test_the_workbook_leaves_a_missing_line_empty(lines):
    table = tables.build(lines["top"], Y, ["test.share", "test.kept"], title="Bảng thử")
    book = openpyxl.load_workbook(io.BytesIO(rendering.table_xlsx(table)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1] == ("Tỉnh Thung Lũng", None, None, None, 7)
    assert rows[-1] == ("Tổng cộng", 4, 10, 40.0, 20)


def test_queries_do_not_grow_with_the_units(valley, django_assert_num_queries):
    register_unit_count("test.units")
    register_unit_count("test.units_again")
    codes = ["test.units", "test.units_again"]
    with django_assert_num_queries(3):  # the scope's children, then one query per metric
        few = tables.build(valley["top"], Y, codes)
    for n in range(8):
        UnitFactory(name=f"Bản Ven {n}", kind="commune", parent=valley["top"])
    with django_assert_num_queries(3):
        many = tables.build(valley["top"], Y, codes)
    assert (len(few.rows), len(many.rows)) == (3, 11)
    assert many.totals == [Value(amount=11), Value(amount=11)]
