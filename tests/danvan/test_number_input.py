"""Figures read back as people type them: well-formed grouping, whole counts, clear refusals."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.excel import Column, read_sheet
from danvan.numbers import CountFormField, NumberError, NumberFormField, format_number, parse_number
from tests.danvan.test_excel import xlsx

WELL_FORMED = [
    ("1.234.567", Decimal(1234567)),
    ("1234567", Decimal(1234567)),
    ("229.010.000", Decimal(229010000)),
    ("95,5", Decimal("95.5")),
    ("1.081,25", Decimal("1081.25")),
    ("1 234 567", Decimal(1234567)),
    ("12\u00a0500", Decimal(12500)),  # a no-break space, as spreadsheets copy it
    (" 7.775 ", Decimal(7775)),
    ("0", Decimal(0)),
    ("-1.538", Decimal(-1538)),
]


@pytest.mark.parametrize(("text", "number"), WELL_FORMED)
def test_well_formed_figures_are_read(text, number):
    assert parse_number(text) == number


MALFORMED_GROUPING = ["20.000.00022.000.000", "2.00.000", "95.5", "1.2345", "1..000", "1.000."]


@pytest.mark.parametrize("text", MALFORMED_GROUPING)
def test_malformed_grouping_is_refused_and_says_why(text):
    with pytest.raises(NumberError) as refused:
        parse_number(text)
    message = str(refused.value)
    assert f"“{text}” viết chưa đúng" in message
    assert "đúng ba chữ số (1.234.567)" in message and "dấu phẩy (95,5)" in message


@pytest.mark.parametrize("text", ["nhiều", "1,2,3", "12a", ",5", "1.5e3", "NaN", "∞"])
def test_text_that_is_no_number_is_refused(text):
    with pytest.raises(NumberError, match="không phải là số. Hãy viết như 1.234.567"):
        parse_number(text)


def test_a_count_is_a_whole_number():
    with pytest.raises(NumberError, match="“1,5” không phải là số nguyên"):
        parse_number("1,5", whole=True)
    assert parse_number("468", whole=True) == 468
    assert parse_number("2,0", whole=True) == 2  # no decimals left


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_what_the_portal_writes_it_reads_back(number):
    assert parse_number(format_number(number)) == number
    assert parse_number(format_number(number), whole=True) == number


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2))
def test_decimals_written_the_vietnamese_way_read_back(number):
    assert parse_number(format_number(number, 2)) == number


def test_the_form_fields_refuse_with_the_reason_and_keep_the_typed_text():
    field = NumberFormField(required=False)
    assert field.clean("229.010.000") == Decimal(229010000)
    error = field.widget.render("figure", "2.00.000")
    assert 'value="2.00.000"' in error  # a bound form shows the text back as typed
    with pytest.raises(Exception, match="viết chưa đúng"):
        field.clean("2.00.000")
    count = CountFormField(min_value=1)
    assert count.clean("1.000") == 1000 and isinstance(count.clean("12"), int)
    with pytest.raises(Exception, match="không phải là số nguyên"):
        count.clean("1,5")
    assert count.prepare_value(1204) == "1.204"


def test_an_import_refuses_malformed_grouping_and_decimals_in_counts():
    columns = [
        Column("name", "Tên"),
        Column("people", "Số người", "int"),
        Column("amount", "Tiền", "decimal"),
    ]
    sheet = read_sheet(
        xlsx(
            [
                ["Tên", "Số người", "Tiền"],
                ["Tổ Thử Một", "1.204", "20.000.000"],
                ["Tổ Thử Hai", "1,5", "20.000.00022.000.000"],
                ["Tổ Thử Ba", 2.5, "2.00.000"],
            ]
        ),
        columns,
    )
    assert sheet.rows[0]["people"] == 1204 and sheet.rows[0]["amount"] == Decimal(20000000)
    errors = {(e.row, e.column): e.message for e in sheet.errors}
    assert "“1,5” không phải là số nguyên" in errors[(3, "Số người")]
    assert "“20.000.00022.000.000” viết chưa đúng" in errors[(3, "Tiền")]
    assert "“2,5” không phải là số nguyên" in errors[(4, "Số người")]
    assert "“2.00.000” viết chưa đúng" in errors[(4, "Tiền")]
    assert len(sheet.errors) == 4
