"""The data cut-off (chốt số liệu, Nghị định 09/2019 Art. 12): every metric of a period counts
the days from the day after the cut-off of the month before it to the cut-off of its last
month, and the printed figures name that day ("Số liệu tính đến ngày 14/03/2019")."""

from datetime import date

import pytest
from django.utils import translation

from danvan import metrics
from danvan.periods import Period
from danvan.rollup import rendering
from tests.danvan.rollup.helpers import pdf_text, squeeze
from tests.factories import UnitFactory
from tests.petitions.factories import LetterFactory

D = date

RANGES = [
    # (period, cut-off day, first day, last day)
    ("2019Q1", 14, D(2018, 12, 15), D(2019, 3, 14)),  # Art. 12: the 15th of the month before
    ("2019Q4", 14, D(2019, 9, 15), D(2019, 12, 14)),
    ("2019", 14, D(2018, 12, 15), D(2019, 12, 14)),  # Art. 12: a year from 15/12 to 14/12
    ("2019S1", 14, D(2018, 12, 15), D(2019, 6, 14)),
    ("2019S2", 14, D(2019, 6, 15), D(2019, 12, 14)),  # "6 tháng cuối năm"
    ("2019N9", 14, D(2018, 12, 15), D(2019, 9, 14)),
    ("2019M03", 14, D(2019, 2, 15), D(2019, 3, 14)),
    ("2020Q1", 28, D(2019, 12, 29), D(2020, 3, 28)),
    ("2019Q1", 0, D(2019, 1, 1), D(2019, 3, 31)),  # no cut-off: the calendar quarter
]


@pytest.mark.parametrize(("code", "cutoff", "first", "last"), RANGES)
def test_the_data_range_of_a_period(code, cutoff, first, last):
    assert Period.parse(code).data_range(cutoff) == (first, last)


def test_consecutive_quarters_leave_no_day_out_and_count_none_twice():
    quarters = [Period.parse(f"2019Q{q}") for q in range(1, 5)] + [Period.parse("2020Q1")]
    for earlier, later in zip(quarters, quarters[1:], strict=False):
        assert (later.data_range(14)[0] - earlier.data_range(14)[1]).days == 1


def test_the_six_months_are_a_period_with_a_vietnamese_label():
    with translation.override("vi"):
        assert Period.parse("2019S2").label == "6 tháng cuối năm 2019"
        assert [q.code for q in Period.parse("2019S2").quarters()] == ["2019Q3", "2019Q4"]


@pytest.mark.django_db
def test_every_figure_of_the_round_counts_up_to_the_cut_off_and_says_so(settings, tree, tmp_path):
    settings.DATA_CUTOFF_DAY = 14
    ward = UnitFactory(name="Thử Chốt Số", kind="ward", parent=tree["long_bien"])
    for day in (D(2018, 12, 14), D(2018, 12, 15), D(2019, 3, 14), D(2019, 3, 15)):
        LetterFactory(unit=ward, received_on=day, summary=f"Đơn thử chốt {day:%d/%m}")
    q1, q2 = Period.parse("2019Q1"), Period.parse("2019Q2")
    letters = metrics.get("petitions.letters")
    assert metrics.evaluate(letters, ward, q1).total.amount == 2  # 15/12/2018 and 14/03/2019
    assert metrics.evaluate(letters, ward, q2).total.amount == 1  # 15/03/2019
    assert metrics.evaluate(letters, ward, Period.parse("2019")).total.amount == 3
    # Cases in progress are counted on the cut-off day, not on 31/03: the three received by
    # 14/03/2019 (one of them before the quarter), not the letter of 15/03.
    in_progress = metrics.get("petitions.cases_in_progress")
    assert metrics.evaluate(in_progress, ward, q1).total.amount == 3

    with translation.override("vi"):
        sentence = metrics.as_of_sentence(q1)
        assert sentence == "Số liệu tính đến ngày 14/03/2019 (tính từ ngày 15/12/2018)."
        text = squeeze(pdf_text(rendering.rollup_pdf(ward, q1), tmp_path))
    assert sentence in text
    assert "tiếp nhận 2 đơn" in text.lower()


def test_figures_stored_under_another_cut_off_are_not_shown(settings):
    from danvan.rollup import figures

    settings.DATA_CUTOFF_DAY = 0
    calendar = figures.signature()
    settings.DATA_CUTOFF_DAY = 14
    assert figures.signature() != calendar  # a stored snapshot's signature no longer matches
