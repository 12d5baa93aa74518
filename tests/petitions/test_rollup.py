"""The petitions' sentences in the roll-up, on letters, cases and visits the tests register."""

from datetime import date

import pytest
import time_machine

from danvan.periods import Period
from danvan.rollup import figures
from petitions import services
from petitions.models import Body
from tests import factories
from tests.petitions.factories import LetterFactory

pytestmark = pytest.mark.django_db
Y2019 = Period.parse("2019")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2020, 2, 1), tick=False):
        yield


def sentences(unit, period=Y2019):
    groups = {g.key: g for g in figures.build(unit, period, with_charts=False).groups}
    return groups["petitions"].sentences


def _conclude(case, on):
    admin = factories.UserFactory(is_superuser=True)
    case = services.case_transition(actor=admin, case=case, to_state="accepted", on=on)
    return services.case_transition(
        actor=admin,
        case=case,
        to_state="concluded",
        on=on,
        outcome="rejected",
        decision_number="7/QĐ",
        decision_date=on,
    )


def test_letters_cases_and_their_resolution_make_one_sentence(tree):
    ward = tree["ngoc_thuy"]
    first = LetterFactory(unit=ward, received_on=date(2019, 2, 1))
    LetterFactory(unit=ward, received_on=date(2019, 2, 9), case=first.case, is_repeated=True)
    LetterFactory(unit=tree["sai_dong"], received_on=date(2019, 5, 1), kind="denunciation")
    _conclude(first.case, date(2019, 6, 3))
    LetterFactory(unit=ward, received_on=date(2018, 7, 2))  # last year, still open
    assert sentences(tree["long_bien"]) == [
        "Tiếp nhận 3 đơn/2 vụ việc (1 đơn kỳ trước chuyển sang), so với cùng kỳ tăng 2 đơn; "
        "đã giải quyết 1/2 vụ, đạt 50%.",
        # last year's open case is in progress AND overdue: both count every case open at the
        # period's end (the printed Hoàng Mai 2018 said "6 in progress; 23 overdue")
        "Trong đó có 2 đơn khiếu nại; 1 đơn tố cáo.",
        "Đang giải quyết 2 vụ; 2 vụ quá hạn.",
    ]


def test_each_receiving_body_and_level_gets_a_line_and_no_sum_is_written(tree):
    ward = tree["ngoc_thuy"]
    party = LetterFactory(unit=ward, received_on=date(2019, 3, 11), receiving_body=Body.PARTY)
    LetterFactory(unit=ward, received_on=date(2019, 3, 12), receiving_body=Body.PARTY)
    LetterFactory(unit=ward, received_on=date(2019, 4, 2), receiving_body=Body.FATHERLAND_FRONT)
    district = tree["long_bien"]
    first = LetterFactory(
        unit=district, received_on=date(2019, 4, 3), receiving_body=Body.PEOPLE_COMMITTEE
    )
    LetterFactory(
        unit=district,
        received_on=date(2019, 4, 4),
        receiving_body=Body.PEOPLE_COMMITTEE,
        case=first.case,
        is_repeated=True,
    )
    _conclude(party.case, date(2019, 5, 6))
    found = sentences(district)
    assert found[:3] == [
        "Đảng ủy các phường tiếp nhận 2 đơn thư, đã giải quyết 1 đơn.",
        "Ủy ban MTTQ các phường tiếp nhận 1 đơn.",
        "UBND quận tiếp nhận 2 đơn/1 vụ việc, đã giải quyết 0/1 vụ, đạt 0%.",
    ]
    assert not any(text.startswith("Tiếp nhận 5 đơn") for text in found)


def test_visits_fewer_than_last_year_read_giam(tree):
    ward = tree["ngoc_thuy"]
    admin = factories.UserFactory(is_superuser=True)
    case = LetterFactory(unit=ward, received_on=date(2019, 3, 1)).case
    _conclude(case, date(2019, 9, 9))
    for year, visits in ((2018, 5), (2019, 3)):
        session = services.session_create(
            actor=admin,
            unit=ward,
            held_on=date(year, 3, 5),
            receiver_kind="leader",
            receiver_name="Chủ tịch",
            is_scheduled=True,
        )
        for _n in range(visits):
            services.visit_add(
                actor=admin, session=session, people=1, is_crowd=False, summary="x", cases=[case]
            )
    assert sentences(tree["long_bien"])[0] == (
        "Tiếp 3 lượt công dân (1 vụ việc), so với cùng kỳ giảm 2 lượt; "
        "đã giải quyết 1/1 vụ, đạt 100%."
    )
