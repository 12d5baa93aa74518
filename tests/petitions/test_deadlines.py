"""Every legal deadline of DOMAIN.md §4, table-driven, each row citing its article.

The calendar is the real one: the rows `danvan` migration 0004 pre-fills (Tết, Giỗ Tổ,
30/4–1/5, 2/9 and its adjacent day, compensatory and swapped days).
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from danvan import workdays
from danvan.workdays import WorkCalendar, calendar_for
from petitions import deadlines
from petitions.deadlines import Terms

pytestmark = pytest.mark.django_db

D = date


@pytest.fixture
def cal():
    return calendar_for([D(2019, 1, 1), D(2024, 1, 1), D(2025, 1, 1)])


ACCEPTANCE = [
    # (kind, received, several places, due, why)
    ("complaint", D(2019, 1, 25), False, D(2019, 2, 11),
     "Luật KN 2011 Art. 27 + BLDS Art. 148: 04/02 is Tết (04–08/02), then a weekend"),
    ("complaint", D(2019, 3, 6), False, D(2019, 3, 18),
     "Luật KN 2011 Art. 27 + BLDS Art. 148: 16/03 is a Saturday"),
    ("complaint", D(2019, 3, 1), False, D(2019, 3, 11), "Luật KN 2011 Art. 27: calendar days"),
    ("denunciation", D(2024, 8, 29), False, D(2024, 9, 11),
     "Luật TC 2018 Art. 24: 7 working days, 02/09 and 03/09/2024 do not count"),
    ("denunciation", D(2019, 4, 26), False, D(2019, 5, 9),
     "Luật TC 2018 Art. 24: 29/04 (swap), 30/04, 01/05 off; Saturday 04/05/2019 worked"),
    ("denunciation", D(2024, 2, 7), False, D(2024, 2, 23),
     "Luật TC 2018 Art. 24: Tết 08–14/02/2024 skipped"),
    ("denunciation", D(2019, 3, 1), True, D(2019, 3, 15),
     "Luật TC 2018 Art. 24: 10 working days when the checks span several places"),
    ("petition", D(2019, 4, 20), False, D(2019, 5, 2),
     "setting (10 days) + BLDS Art. 148: 30/04 and 01/05 are holidays"),
    ("mixed", D(2019, 3, 1), False, D(2019, 3, 11),
     "parts: complaint 11/03 (Art. 27), denunciation 12/03 (Art. 24): the earliest runs"),
]  # fmt: skip


@pytest.mark.parametrize("kind,received,several,due,why", ACCEPTANCE)
def test_acceptance_deadlines(cal, kind, received, several, due, why):
    assert deadlines.acceptance_due(kind, received, cal, several_places=several) == due, why


def test_a_mixed_letter_is_handled_in_its_parts_each_under_its_law(cal):
    received = D(2019, 3, 1)
    assert deadlines.PARTS["mixed"] == ("complaint", "denunciation")
    assert deadlines.acceptance_due("complaint", received, cal) == D(2019, 3, 11)
    assert deadlines.acceptance_due("denunciation", received, cal) == D(2019, 3, 12)
    # resolution after one extension: complaint 45 days (Art. 28), denunciation 60 (Art. 30)
    assert deadlines.resolution_due(D(2019, 6, 3), Terms("mixed", extensions=1), cal) == D(
        2019, 7, 18
    )


RESOLUTION = [
    # (terms, accepted, due, why)
    (Terms("complaint"), D(2019, 4, 1), D(2019, 5, 2),
     "Luật KN 2011 Art. 28: 30 days end on 01/05 (holiday): next working day"),
    (Terms("complaint"), D(2019, 6, 3), D(2019, 7, 3), "Luật KN 2011 Art. 28: 30 days"),
    (Terms("complaint", is_complex=True), D(2019, 6, 3), D(2019, 7, 18), "Art. 28: complex 45"),
    (Terms("complaint", extensions=1), D(2019, 6, 3), D(2019, 7, 18), "Art. 28: extended = 45"),
    (Terms("complaint", remote=True), D(2019, 6, 3), D(2019, 7, 18), "Art. 28: remote 45"),
    (Terms("complaint", remote=True, is_complex=True), D(2019, 6, 3), D(2019, 8, 2),
     "Art. 28: remote, complex 60"),
    (Terms("complaint", second_complaint=True), D(2019, 6, 3), D(2019, 7, 18), "Art. 37: 45"),
    (Terms("complaint", second_complaint=True, is_complex=True), D(2019, 6, 3), D(2019, 8, 2),
     "Art. 37: complex 60"),
    (Terms("complaint", second_complaint=True, remote=True), D(2019, 6, 3), D(2019, 8, 2),
     "Art. 37: remote 60"),
    (Terms("complaint", second_complaint=True, remote=True, is_complex=True), D(2019, 6, 3),
     D(2019, 8, 12), "Art. 37: remote, complex 70"),
    (Terms("complaint", is_complex=True), D(2019, 3, 1), D(2019, 4, 16),
     "Art. 28 + BLDS 148: 15/04/2019 is the compensatory day of Giỗ Tổ (14/04, a Sunday)"),
    (Terms("denunciation"), D(2019, 3, 1), D(2019, 4, 1),
     "Luật TC 2018 Art. 30: 30 days end on Sunday 31/03: Monday"),
    (Terms("denunciation", is_complex=True, extensions=1), D(2019, 3, 1), D(2019, 5, 2),
     "Art. 30: complex, one extension: 60 days end on 30/04 (holiday, 01/05 too)"),
    (Terms("denunciation", especially_complex=True, extensions=2), D(2019, 3, 1), D(2019, 5, 30),
     "Art. 30: especially complex, two extensions: 90 days"),
    (Terms("denunciation", especially_complex=True, extensions=2), D(2019, 6, 10), D(2019, 9, 9),
     "Art. 30 + BLDS 148: two extensions end on Sunday 08/09/2019: Monday"),
    (Terms("petition"), D(2019, 6, 3), D(2019, 7, 3), "setting: 30 days"),
    (Terms("petition", extensions=1), D(2019, 6, 3), D(2019, 8, 2), "setting: extended, 60"),
]  # fmt: skip


@pytest.mark.parametrize("terms,accepted,due,why", RESOLUTION)
def test_resolution_deadlines(cal, terms, accepted, due, why):
    assert deadlines.resolution_due(accepted, terms, cal) == due, why


def test_extensions_allowed_by_kind():
    # Luật TC 2018 Art. 30: once when complex, twice only when especially complex
    assert deadlines.max_extensions("denunciation") == 1
    assert deadlines.max_extensions("denunciation", especially_complex=True) == 2
    assert deadlines.max_extensions("mixed", especially_complex=True) == 2
    assert deadlines.max_extensions("complaint") == 1  # Luật KN 2011 Art. 28: complex = longer
    with pytest.raises(ValueError):
        deadlines.resolution_due(D(2019, 3, 1), Terms("denunciation", extensions=2))
    with pytest.raises(ValueError):
        deadlines.resolution_due(D(2019, 3, 1), Terms("complaint", extensions=2))


def test_notification_of_acceptance_five_working_days(cal):
    # Luật TC 2018 Art. 29: 26/04 (1), 29/04–01/05 off, 02, 03, Saturday 04/05/2024 worked, 06
    assert deadlines.notification_due(D(2024, 4, 25), cal) == D(2024, 5, 6)


def test_letter_handling_ten_working_days_through_tet(cal):
    # Thông tư 05/2021/TT-TTCP: 28/01–01/02 (5), Tết 04–08/02/2019, 11–15/02 (10)
    assert deadlines.letter_handling_due(D(2019, 1, 25), cal) == D(2019, 2, 15)


def test_the_calendar_is_prefilled_with_tet_gio_to_and_the_national_day(cal):
    for day in [D(2019, 2, 4), D(2019, 2, 8), D(2019, 4, 15), D(2024, 9, 2), D(2024, 9, 3)]:
        assert not cal.is_working_day(day), day
    assert cal.is_working_day(D(2019, 5, 4))  # Saturday worked for the 29/04 swap
    assert cal.is_working_day(D(2024, 9, 4))
    # every pre-filled year has its days of Tết (lunar, computed by `holidays` on the
    # Vietnamese calendar at UTC+7) and Giỗ Tổ Hùng Vương
    rows = workdays.library_days(workdays.PREFILLED_YEARS)
    from danvan.models import CalendarDay

    for year in workdays.PREFILLED_YEARS:
        tet = [d for d, name in rows.items() if d.year == year and "Tết Nguyên" in name]
        assert len(tet) >= 4, year
        assert CalendarDay.objects.filter(day__year=year, name__icontains="Hùng Vương").exists()


def test_the_administrator_chooses_1_9_or_3_9(cal, django_user_model):
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    # complaint received 22/08/2025: 10 days end on 01/09, the day added to 2/9 in 2025
    assert deadlines.acceptance_due("complaint", D(2025, 8, 22), cal) == D(2025, 9, 3)
    workdays.national_day_bridge_set(actor=admin, year=2025, bridge_day=3)
    cal = calendar_for([D(2025, 1, 1)])
    assert cal.is_working_day(D(2025, 9, 1)) and not cal.is_working_day(D(2025, 9, 3))
    assert deadlines.acceptance_due("complaint", D(2025, 8, 22), cal) == D(2025, 9, 1)
    with pytest.raises(ValidationError):
        workdays.national_day_bridge_set(actor=admin, year=2025, bridge_day=4)


def test_only_an_administrator_changes_the_calendar(django_user_model):
    from django.core.exceptions import PermissionDenied

    officer = django_user_model.objects.create_user("canbo", password="x")
    with pytest.raises(PermissionDenied):
        workdays.calendar_day_set(actor=officer, day=D(2026, 1, 2), is_working=False, name="x")


def test_a_yearly_swap_added_by_the_administrator_counts(django_user_model):
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    # a made-up swap: Friday 13/03/2026 off, Saturday 21/03/2026 worked
    workdays.calendar_day_set(actor=admin, day=D(2026, 3, 13), is_working=False, name="Nghỉ bù")
    workdays.calendar_day_set(actor=admin, day=D(2026, 3, 21), is_working=True, name="Làm bù")
    cal = calendar_for([D(2026, 3, 1)])
    # 7 working days from Wed 11/03: 12, (13 off), 16, 17, 18, 19, 20, Sat 21 (7)
    assert deadlines.acceptance_due("denunciation", D(2026, 3, 11), cal) == D(2026, 3, 21)


def test_weekends_only_calendar_without_database():
    plain = WorkCalendar()
    assert plain.add_working_days(D(2019, 3, 1), 5) == D(2019, 3, 8)
    assert plain.shift_to_working_day(D(2019, 3, 2)) == D(2019, 3, 4)


def test_complaint_days_can_be_set_to_working_days(cal, settings):
    settings.PETITIONS_COMPLAINT_WORKING_DAYS = True
    # 10 working days from Fri 01/03/2019: 04–08, 11–15
    assert deadlines.acceptance_due("complaint", D(2019, 3, 1), cal) == D(2019, 3, 15)


def test_days_left():
    due = D(2019, 3, 10)
    assert deadlines.days_left(due, D(2019, 3, 7)) == 3
    assert deadlines.days_left(due, D(2019, 3, 10)) == 0
    assert deadlines.days_left(due, D(2019, 3, 12)) == -2
    assert deadlines.days_left(None, D(2019, 3, 12)) is None
