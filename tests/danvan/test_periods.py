from datetime import date, timedelta

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from danvan.periods import (
    FIRST_YEAR,
    LAST_YEAR,
    MIN_YEAR,
    Period,
    PeriodError,
    PeriodFormField,
    PeriodKind,
    parse_period,
    validate_period_code,
)

ONE_DAY = timedelta(days=1)


def periods(min_year=1900, max_year=2999, kinds=None):
    years = st.integers(min_year, max_year)
    by_kind = {
        PeriodKind.MONTH: st.builds(Period.month, years, st.integers(1, 12)),
        PeriodKind.QUARTER: st.builds(Period.quarter, years, st.integers(1, 4)),
        PeriodKind.HALF: st.builds(Period.six_months, years, st.integers(1, 2)),
        PeriodKind.NINE_MONTHS: st.builds(Period.nine_months, years),
        PeriodKind.YEAR: st.builds(Period.year_of, years),
    }
    return st.one_of(*(by_kind[kind] for kind in kinds or PeriodKind))


days = st.dates(date(1900, 1, 1), date(2999, 12, 31))


# Codes


readable = periods(FIRST_YEAR, LAST_YEAR)


@given(readable)
def test_code_parses_back_to_the_same_period(period):
    assert parse_period(period.code) == period
    assert str(period) == period.code


@given(readable, st.sampled_from(["", " ", "\t", "\n "]))
def test_lowercase_and_surrounding_whitespace_are_accepted(period, space):
    typed = f"{space}{period.code.lower()}{space}"
    assert Period.parse(typed) == period
    assert hash(Period.parse(typed)) == hash(period)


@given(st.text(alphabet="0123456789MQSNYmqsny -", max_size=9) | st.text(max_size=9))
def test_any_text_parses_or_raises_period_error(text):
    try:
        period = Period.parse(text)
    except PeriodError:
        return
    assert Period.parse(period.code) == period


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2019Q1", Period.quarter(2019, 1)),
        ("2019S1", Period.six_months(2019)),
        ("2019N9", Period.nine_months(2019)),
        ("2019", Period.year_of(2019)),
        ("2019M03", Period.month(2019, 3)),
        ("2019M3", Period.month(2019, 3)),
        (" 2019q4 ", Period.quarter(2019, 4)),
        ("1950", Period.year_of(1950)),
        ("2100M12", Period.month(2100, 12)),
    ],
)
def test_documented_codes_parse(code, expected):
    assert Period.parse(code) == expected


def test_month_code_is_zero_padded():
    assert Period.month(2019, 3).code == "2019M03"


@pytest.mark.parametrize(
    "code",
    [
        "2019Q5",
        "2019Q0",
        "2019S3",
        "2019S0",
        "2019N8",
        "19Q1",
        "",
        "abc",
        "2019M13",
        "2019M00",
        "1899",
        "1949Q4",
        "1900",
        "1900Q1",
        "2101",
        "2999M12",
        "3000Q1",
        "2019 Q1",
        "2019Y",
        "2019Q1x",
    ],
)
def test_bad_code_is_rejected_naming_the_input(code):
    with pytest.raises(PeriodError) as raised:
        Period.parse(code)
    assert f"“{code}”" in str(raised.value)


def test_error_message_explains_and_gives_examples_in_vietnamese():
    with translation.override("vi"), pytest.raises(PeriodError) as raised:
        Period.parse("2019Q5")
    assert str(raised.value) == (
        "“2019Q5” không phải là mã kỳ báo cáo hợp lệ. Quý chỉ được đánh số từ 1 đến 4. "
        "Mã hợp lệ có dạng 2019Q1 (quý), 2019S1 (6 tháng đầu năm), 2019N9 (9 tháng), "
        "2019 (năm) hoặc 2019M03 (tháng)."
    )


def test_error_message_is_english_when_english_is_active():
    with translation.override("en"), pytest.raises(PeriodError) as raised:
        Period.parse("2019S3")
    assert "S1 (January to June) or S2 (July to December)" in str(raised.value)
    assert "2019Q1 (quarter)" in str(raised.value)


def test_very_long_input_is_shortened_in_the_message():
    with pytest.raises(PeriodError) as raised:
        Period.parse("2019" * 100)
    assert len(str(raised.value)) < 300


@pytest.mark.parametrize(
    ("year", "kind", "index"),
    [(2019, "Q", 5), (2019, "S", 3), (2019, "N", 3), (2019, "Y", 1), (1899, "Y", 0)],
)
def test_constructor_rejects_what_is_not_a_period(year, kind, index):
    with pytest.raises(PeriodError):
        Period(year, kind, index)


def test_kind_given_as_string_equals_enum_member():
    assert Period(2019, "Q", 1) == Period(2019, PeriodKind.QUARTER, 1)
    assert Period(2019, "Q", 1).kind is PeriodKind.QUARTER


# Labels


@pytest.mark.parametrize(
    ("code", "label", "short_label"),
    [
        ("2019Q1", "Quý I năm 2019", "Q1/2019"),
        ("2019Q4", "Quý IV năm 2019", "Q4/2019"),
        ("2019S1", "6 tháng đầu năm 2019", "6T/2019"),
        ("2019S2", "6 tháng cuối năm 2019", "6TC/2019"),
        ("2019N9", "9 tháng năm 2019", "9T/2019"),
        ("2019", "Năm 2019", "2019"),
        ("2019M03", "Tháng 03 năm 2019", "T03/2019"),
    ],
)
def test_labels_are_vietnamese(code, label, short_label):
    period = Period.parse(code)
    with translation.override("vi"):
        assert period.label == label
        assert period.short_label == short_label


def test_labels_in_english():
    with translation.override("en"):
        assert Period.parse("2019Q2").label == "Quarter II 2019"
        assert Period.parse("2019S1").short_label == "H1/2019"


def test_kind_choices_are_vietnamese():
    with translation.override("vi"):
        assert [str(label) for _, label in PeriodKind.choices] == [
            "Tháng",
            "Quý",
            "6 tháng đầu năm",
            "9 tháng",
            "Năm",
        ]


# Dates


@given(periods())
def test_start_is_not_after_end(period):
    assert period.start <= period.end
    assert period.date_range == (period.start, period.end)


@given(periods(kinds=[PeriodKind.YEAR, PeriodKind.HALF, PeriodKind.NINE_MONTHS]))
def test_quarters_tile_the_period(period):
    quarters = period.quarters()
    assert quarters[0].start == period.start
    assert quarters[-1].end == period.end
    for earlier, later in zip(quarters, quarters[1:], strict=False):
        assert earlier.end + ONE_DAY == later.start


@given(periods())
def test_months_tile_the_period(period):
    months = period.months()
    assert months[0].start == period.start
    assert months[-1].end == period.end
    for earlier, later in zip(months, months[1:], strict=False):
        assert earlier.end + ONE_DAY == later.start


@pytest.mark.parametrize(
    ("code", "quarters"),
    [
        ("2019", ["2019Q1", "2019Q2", "2019Q3", "2019Q4"]),
        ("2019S1", ["2019Q1", "2019Q2"]),
        ("2019S2", ["2019Q3", "2019Q4"]),
        ("2019N9", ["2019Q1", "2019Q2", "2019Q3"]),
        ("2019Q3", ["2019Q3"]),
        ("2019M08", []),
    ],
)
def test_quarters_inside(code, quarters):
    assert [q.code for q in Period.parse(code).quarters()] == quarters


def test_date_ranges_of_documented_periods():
    assert Period.parse("2019N9").date_range == (date(2019, 1, 1), date(2019, 9, 30))
    assert Period.parse("2019S1").date_range == (date(2019, 1, 1), date(2019, 6, 30))
    assert Period.parse("2019S2").date_range == (date(2019, 7, 1), date(2019, 12, 31))
    assert Period.parse("2020M02").end == date(2020, 2, 29)


@given(periods())
def test_contains_its_first_and_last_day_only(period):
    assert period.contains(period.start)
    assert period.contains(period.end)
    if period.start > date(1900, 1, 1):
        assert not period.contains(period.start - ONE_DAY)
    if period.end < date(2999, 12, 31):
        assert not period.contains(period.end + ONE_DAY)


@given(days, st.sampled_from(PeriodKind))
def test_containing_finds_the_period_around_a_day(day, kind):
    limit = {PeriodKind.NINE_MONTHS: 9}.get(kind, 12)
    if day.month > limit:
        with pytest.raises(PeriodError):
            Period.containing(day, kind)
        return
    period = Period.containing(day, kind)
    assert period.kind == kind
    assert period.contains(day)


def test_containing_error_names_the_day_and_period():
    with translation.override("vi"), pytest.raises(PeriodError) as raised:
        Period.containing(date(2019, 10, 5), PeriodKind.NINE_MONTHS)
    assert str(raised.value) == "Ngày 05/10/2019 không thuộc 9 tháng năm 2019."


# Other periods


@given(periods(min_year=1901))
def test_same_period_last_year_covers_the_same_calendar_span(period):
    last = period.same_period_last_year()
    assert (last.kind, last.index, last.year) == (period.kind, period.index, period.year - 1)
    assert last.start == period.start.replace(year=period.year - 1)
    # Compare month ends by month: February has 29 days in only one of the two years.
    assert (last.end.year, last.end.month) == (period.year - 1, period.end.month)
    assert (last.end + ONE_DAY).day == 1


@given(periods(min_year=1901, kinds=[PeriodKind.QUARTER, PeriodKind.MONTH, PeriodKind.HALF]))
def test_previous_quarter_half_or_month_ends_the_day_before(period):
    previous = period.previous()
    assert previous.kind == period.kind
    assert previous.end + ONE_DAY == period.start


@given(periods(min_year=1901, kinds=[PeriodKind.NINE_MONTHS, PeriodKind.YEAR]))
def test_previous_of_yearly_kinds_is_last_year(period):
    assert period.previous() == period.same_period_last_year()


@given(periods(max_year=2998))
def test_next_undoes_previous(period):
    assert period.next().previous() == period


@pytest.mark.parametrize(
    ("code", "previous"),
    [
        ("2019Q1", "2018Q4"),
        ("2019M01", "2018M12"),
        ("2019Q3", "2019Q2"),
        ("2019N9", "2018N9"),
        ("2019S1", "2018S2"),
        ("2019S2", "2019S1"),
    ],
)
def test_previous_examples(code, previous):
    assert Period.parse(code).previous().code == previous


@given(periods(min_year=1930), st.integers(1, 30))
def test_recent_ends_with_self_and_increases(period, n):
    recent = period.recent(n)
    assert len(recent) == n
    assert recent[-1] == period
    assert all(p.kind == period.kind for p in recent)
    for earlier, later in zip(recent, recent[1:], strict=False):
        assert earlier < later


def test_recent_quarters_for_a_trend_chart():
    assert [p.code for p in Period.parse("2019Q2").recent(4)] == [
        "2018Q3",
        "2018Q4",
        "2019Q1",
        "2019Q2",
    ]
    assert Period.parse("2019Q2").recent(0) == []


def test_periods_before_1900_are_refused():
    with pytest.raises(PeriodError):
        Period.quarter(MIN_YEAR, 1).previous()


@pytest.mark.parametrize("code", ["1950", "1950Q1", "1950S1", "1950N9", "1950M01", "1951Q1"])
def test_the_earliest_readable_periods_have_every_look_back_a_page_makes(code):
    """The dashboard's trend, the progress board's columns, "so với cùng kỳ" and the API's
    longest trend (40 periods) all exist for the first readable year."""
    period = Period.parse(code)
    assert len(period.same_period_last_year().recent(40)) == 40
    assert period.previous().same_period_last_year().year >= MIN_YEAR


def test_the_readable_range_is_named_in_the_message():
    with pytest.raises(PeriodError) as raised:
        Period.parse("1901Q1")
    assert "1950" in str(raised.value) and "2100" in str(raised.value)


# Ordering and equality


@given(periods(), periods())
def test_order_follows_start_then_end(a, b):
    assert (a < b) == ((a.start, a.end) < (b.start, b.end))
    assert (a == b) == ((a.start, a.end) == (b.start, b.end))


def test_sorting_mixed_kinds():
    codes = ["2019", "2019N9", "2019M01", "2018Q4", "2019S1", "2019Q1"]
    assert [p.code for p in sorted(map(Period.parse, codes))] == [
        "2018Q4",
        "2019M01",
        "2019Q1",
        "2019S1",
        "2019N9",
        "2019",
    ]


def test_equal_codes_are_one_dict_key():
    assert {Period.parse("2019q1"): "a", Period.quarter(2019, 1): "b"} == {
        Period.quarter(2019, 1): "b"
    }


# Validator and form field


def test_validator_accepts_canonical_codes():
    for code in ["2019Q1", "2019S1", "2019N9", "2019", "2019M03"]:
        validate_period_code(code)


def test_validator_rejects_bad_code_with_the_same_message():
    with pytest.raises(ValidationError) as raised:
        validate_period_code("2019N8")
    assert raised.value.messages[0].startswith("“2019N8”")
    assert raised.value.code == "invalid_period"


def test_validator_asks_for_the_canonical_spelling():
    with translation.override("vi"), pytest.raises(ValidationError) as raised:
        validate_period_code("2019m3")
    assert raised.value.messages == ["Mã kỳ báo cáo “2019m3” cần viết là 2019M03."]


class PeriodForm(forms.Form):
    period = PeriodFormField(required=False)


def test_form_field_cleans_to_a_period():
    form = PeriodForm(data={"period": " 2019q1 "})
    assert form.is_valid()
    assert form.cleaned_data["period"] == Period.quarter(2019, 1)


def test_form_field_left_empty_is_none():
    form = PeriodForm(data={"period": ""})
    assert form.is_valid()
    assert form.cleaned_data["period"] is None


def test_form_field_shows_what_was_wrong():
    with translation.override("vi"):
        form = PeriodForm(data={"period": "2019Q5"})
        assert not form.is_valid()
        (error,) = form.errors["period"]
    assert error.startswith("“2019Q5” không phải là mã kỳ báo cáo hợp lệ.")


def test_form_field_is_unchanged_when_code_is_typed_differently():
    form = PeriodForm(data={"period": "2019q1"}, initial={"period": "2019Q1"})
    assert not form.has_changed()
    form = PeriodForm(data={"period": "2019Q2"}, initial={"period": Period.quarter(2019, 1)})
    assert form.has_changed()
