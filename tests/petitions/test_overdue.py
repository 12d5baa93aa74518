"""One definition of an overdue case: the overdue list, the case page, the
`petitions.cases_overdue` figure and the deadline reminders agree on every case around the
boundary (on a unit, names and dates the demo does not have)."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from danvan import metrics
from danvan.models import Notification
from danvan.orgs.access import Role
from danvan.periods import Period
from petitions import services
from petitions.models import Case
from tests import factories
from tests.petitions.factories import LetterFactory

pytestmark = pytest.mark.django_db
TODAY = date(2023, 10, 31)  # the last day of 2023M10
Q3_END = date(2023, 9, 30)


def _move(case, actor, to_state, on, **extra):
    return services.case_transition(actor=actor, case=case, to_state=to_state, on=on, **extra)


def _conclude(case, actor, on):
    decision = {"outcome": "rejected", "decision_number": "7/QĐ-TH", "decision_date": on}
    return _move(case, actor, "concluded", on, **decision)


@pytest.fixture
def world(make_member):
    """A commune of a district of a province, its officer, and one complaint per situation
    (a complaint is accepted within 10 days, resolved within 30 days, 45 when complex)."""
    with time_machine.travel(TODAY, tick=False):
        province = factories.UnitFactory(name="Tỉnh Thử Hạn", kind="province", parent=None)
        district = factories.UnitFactory(
            name="Huyện Kiểm Thử", kind="rural_district", parent=province
        )
        commune = factories.UnitFactory(name="Xã Hạn Chót", kind="commune", parent=district)
        officer = make_member(Role.EDITOR, commune, username="canbo.hanchot")

        def case(received_on, summary):
            letter = LetterFactory(
                unit=commune, actor=officer, received_on=received_on, summary=summary
            )
            return letter.case

        cases = {
            "due_yesterday": case(date(2023, 10, 20), "Hạn thụ lý hôm qua"),  # due 30/10
            "due_today": case(date(2023, 10, 21), "Hạn thụ lý hôm nay"),  # due 31/10
            "due_tomorrow": case(date(2023, 10, 22), "Hạn thụ lý ngày mai"),  # due 1/11
            "resolution_late": case(date(2023, 8, 1), "Quá hạn giải quyết"),
            "closed_late": case(date(2023, 8, 5), "Kết thúc muộn"),
            "closed_on_time": case(date(2023, 9, 1), "Kết thúc đúng hạn"),
            "extended": case(date(2023, 9, 10), "Gia hạn giải quyết"),
            "transferred": case(date(2023, 10, 1), "Chuyển đơn trước thụ lý"),
        }
        # accepted 5/8: 30 days end on 4/9/2023, a National Day holiday: due 5/9; still open
        _move(cases["resolution_late"], officer, "accepted", date(2023, 8, 5))
        # accepted 15/8: due 14/9, concluded 20/10 (overdue at the end of Q3, not today)
        _conclude(
            _move(cases["closed_late"], officer, "accepted", date(2023, 8, 15)),
            officer,
            date(2023, 10, 20),
        )
        # accepted 5/9: due 5/10, concluded 3/10
        _conclude(
            _move(cases["closed_on_time"], officer, "accepted", date(2023, 9, 5)),
            officer,
            date(2023, 10, 3),
        )
        # accepted 20/9: due 20/10, passed; extended (complex, 45 days): 4/11 is a Saturday,
        # so due 6/11 (BLDS Art. 148)
        accepted = _move(cases["extended"], officer, "accepted", date(2023, 9, 20))
        _move(accepted, officer, "extended", date(2023, 10, 15), reason="Vụ việc phức tạp")
        # acceptance due 11/10 passed, but transferred on 5/10: closed
        _move(
            cases["transferred"], officer, "transferred", date(2023, 10, 5), reason="Sai thẩm quyền"
        )
    cases = {name: Case.objects.get(pk=case.pk) for name, case in cases.items()}
    assert cases["extended"].resolution_due == date(2023, 11, 6)
    assert cases["resolution_late"].resolution_due == date(2023, 9, 5)
    return {"commune": commune, "district": district, "officer": officer, "cases": cases}


OVERDUE_TODAY = {"due_yesterday", "resolution_late"}
OVERDUE_AT_Q3_END = {"resolution_late", "closed_late"}


def _names(world, cases) -> set[str]:
    ids = {case.pk for case in cases}
    return {name for name, case in world["cases"].items() if case.pk in ids}


def test_the_definition_on_the_boundary(world):
    assert _names(world, Case.objects.overdue_on(TODAY)) == OVERDUE_TODAY
    assert _names(world, Case.objects.overdue_on(Q3_END)) == OVERDUE_AT_Q3_END
    # the day after: what was due today is overdue, what was extended is not yet
    tomorrow = _names(world, Case.objects.overdue_on(TODAY + timedelta(days=1)))
    assert tomorrow == OVERDUE_TODAY | {"due_today"}


def test_a_loaded_case_answers_as_the_database_on_every_day(world):
    day = date(2023, 7, 30)
    while day <= date(2023, 11, 10):
        in_database = _names(world, Case.objects.overdue_on(day))
        in_python = {name for name, case in world["cases"].items() if case.is_overdue_on(day)}
        assert in_python == in_database, day
        day += timedelta(days=1)


def test_the_figure_counts_what_the_definition_lists_at_the_period_end(world):
    commune, district = world["commune"], world["district"]
    for code, expected in (("2023M10", OVERDUE_TODAY), ("2023Q3", OVERDUE_AT_Q3_END)):
        period = Period.parse(code)
        assert metrics.evaluate("petitions.cases_overdue", commune, period).total.amount == len(
            expected
        )
        assert metrics.evaluate("petitions.cases_overdue", district, period).total.amount == len(
            expected
        )


def test_the_overdue_list_and_the_case_pages_show_the_same_cases(client, world, make_member):
    client.force_login(make_member(Role.REVIEWER, world["district"]))
    with time_machine.travel(TODAY, tick=False):
        listed = client.get(reverse("petitions:overdue_list")).context["page"]
        assert _names(world, listed) == OVERDUE_TODAY
        every = client.get(reverse("petitions:case_list")).context["page"]
        flagged = [case for case in every if case.overdue_days]
        assert _names(world, flagged) == OVERDUE_TODAY
        for name, case in world["cases"].items():
            page = client.get(reverse("petitions:case_detail", args=[case.pk]))
            assert (page.context["overdue_days"] is not None) == (name in OVERDUE_TODAY), name
            badge = re.search(r"quá hạn \d+ ngày", page.content.decode())
            assert (badge is not None) == (name in OVERDUE_TODAY), name


def test_the_reminders_call_overdue_exactly_the_overdue_cases(world):
    sent = services.deadline_reminders(today=TODAY)
    titles = Notification.objects.filter(user=world["officer"]).values_list("title", flat=True)
    overdue = {title for title in titles if "quá hạn" in title}
    soon = {title for title in titles if "đến hạn" in title}
    cases = world["cases"]
    assert overdue == {
        f"Vụ việc #{cases['due_yesterday'].pk} đã quá hạn (hạn 30/10/2023)",
        f"Vụ việc #{cases['resolution_late'].pk} đã quá hạn (hạn 05/09/2023)",
    }
    # due today and tomorrow: the "soon" reminder, not the overdue one; the extended case is
    # due in 4 days (after the 3-day warning); closed cases get nothing
    assert soon == {
        f"Vụ việc #{cases['due_today'].pk} đến hạn ngày 31/10/2023",
        f"Vụ việc #{cases['due_tomorrow'].pk} đến hạn ngày 01/11/2023",
    }
    assert sent == 4
