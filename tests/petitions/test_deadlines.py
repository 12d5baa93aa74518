"""Every legal deadline of DOMAIN.md §4, in days or working days."""

from datetime import date

import pytest

from petitions import deadlines
from petitions.deadlines import Terms


def test_complaint_must_be_accepted_within_ten_calendar_days():
    # Received on a Friday: weekends count for complaints.
    assert deadlines.acceptance_due("complaint", date(2019, 3, 1)) == date(2019, 3, 11)


def test_denunciation_acceptance_notice_counts_five_working_days():
    # Friday 1/3/2019 + 5 working days = Friday 8/3 (the weekend is skipped).
    assert deadlines.acceptance_due("denunciation", date(2019, 3, 1)) == date(2019, 3, 8)


def test_working_days_skip_fixed_public_holidays():
    # Mon 29/4/2019: 30/4 and 1/5 are holidays; 2, 3, 6, 7, 8 May are the five days.
    assert deadlines.add_working_days(date(2019, 4, 29), 5) == date(2019, 5, 8)


def test_working_days_skip_movable_holidays_given_as_rows():
    tet = {date(2019, 2, d) for d in range(4, 9)}  # Tết Kỷ Hợi, Mon–Fri
    assert deadlines.add_working_days(date(2019, 2, 1), 5) == date(2019, 2, 8)
    assert deadlines.add_working_days(date(2019, 2, 1), 5, tet) == date(2019, 2, 15)


def test_mixed_letters_follow_the_denunciation_rules():
    assert deadlines.acceptance_due("mixed", date(2019, 3, 1)) == date(2019, 3, 8)


@pytest.mark.parametrize(
    ("second", "remote", "is_complex", "days"),
    [
        (False, False, False, 30),
        (False, False, True, 45),
        (False, True, False, 45),
        (False, True, True, 60),
        (True, False, False, 45),
        (True, False, True, 60),
        (True, True, False, 60),
        (True, True, True, 70),
    ],
)
def test_complaint_resolution_limits(second, remote, is_complex, days):
    terms = Terms("complaint", second_complaint=second, remote=remote, is_complex=is_complex)
    assert deadlines.resolution_days(terms) == days
    assert (deadlines.resolution_due(date(2019, 1, 1), terms) - date(2019, 1, 1)).days == days


def test_extending_a_complaint_gives_the_complex_limit_once():
    assert deadlines.resolution_days(Terms("complaint", extensions=1)) == 45
    with pytest.raises(ValueError):
        deadlines.resolution_days(Terms("complaint", extensions=2))


def test_denunciation_thirty_days_plus_up_to_two_thirty_day_extensions():
    assert deadlines.resolution_days(Terms("denunciation")) == 30
    assert deadlines.resolution_days(Terms("denunciation", extensions=1)) == 60
    assert deadlines.resolution_days(Terms("denunciation", extensions=2)) == 90
    with pytest.raises(ValueError):
        deadlines.resolution_days(Terms("denunciation", extensions=3))


def test_petition_limits_are_settings(settings):
    settings.PETITIONS_PETITION_ACCEPT_DAYS = 7
    settings.PETITIONS_PETITION_RESOLVE_DAYS = 20
    assert deadlines.acceptance_due("petition", date(2019, 3, 1)) == date(2019, 3, 8)
    assert deadlines.resolution_days(Terms("petition")) == 20
    assert deadlines.resolution_days(Terms("petition", extensions=1)) == 40


def test_days_left_counts_down_and_goes_negative_when_overdue():
    due = date(2019, 3, 10)
    assert deadlines.days_left(due, date(2019, 3, 7)) == 3
    assert deadlines.days_left(due, date(2019, 3, 10)) == 0
    assert deadlines.days_left(due, date(2019, 3, 12)) == -2
    assert deadlines.days_left(None, date(2019, 3, 12)) is None
