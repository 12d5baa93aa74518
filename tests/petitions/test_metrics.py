"""Counting: letters vs cases vs visits, resolution rates, same period last year."""

from datetime import date

import pytest
import time_machine

from danvan import metrics
from danvan.periods import Period
from petitions import services
from tests import factories
from tests.petitions.factories import LetterFactory

pytestmark = pytest.mark.django_db
Y2019 = Period.parse("2019")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2020, 2, 1), tick=False):
        yield


def total(code, unit, period=Y2019):
    return metrics.evaluate(code, unit, period).total


def _conclude(case, on):
    admin = factories.UserFactory(is_superuser=True)
    case = services.case_transition(actor=admin, case=case, to_state="accepted", on=on)
    return services.case_transition(
        actor=admin,
        case=case,
        to_state="concluded",
        on=on,
        outcome="rejected",
        decision_number="1/QĐ",
        decision_date=on,
    )


def test_letters_and_cases_are_counted_apart(tree):
    ward = tree["ngoc_thuy"]
    first = LetterFactory(unit=ward, received_on=date(2019, 2, 1))
    LetterFactory(unit=ward, received_on=date(2019, 2, 9), case=first.case, is_repeated=True)
    LetterFactory(unit=tree["group_1"], received_on=date(2019, 5, 1))
    LetterFactory(unit=tree["sai_dong"], received_on=date(2018, 12, 31))  # not in 2019
    assert total("petitions.letters", tree["long_bien"]).amount == 3
    assert total("petitions.cases", tree["long_bien"]).amount == 2
    lines = metrics.evaluate("petitions.letters", tree["long_bien"], Y2019).lines
    assert [(line.unit.name, line.value.amount) for line in lines] == [
        ("Ngọc Thụy", 3),
        ("Sài Đồng", 0),
    ]


def test_resolution_rates_by_case_and_by_letter(tree):
    ward = tree["ngoc_thuy"]
    resolved = LetterFactory(unit=ward, received_on=date(2019, 2, 1))
    LetterFactory(unit=ward, received_on=date(2019, 2, 2), case=resolved.case)
    LetterFactory(unit=ward, received_on=date(2019, 2, 3))
    _conclude(resolved.case, date(2019, 3, 1))
    cases = total("petitions.cases_resolved", ward)
    letters = total("petitions.letters_resolved", ward)
    assert (cases.numerator, cases.denominator) == (1, 2)
    assert (letters.numerator, letters.denominator) == (2, 3)
    assert total("petitions.cases_in_progress", ward).amount == 1


def test_a_case_resolved_after_the_period_is_not_resolved_in_it(tree):
    letter = LetterFactory(unit=tree["ngoc_thuy"], received_on=date(2019, 12, 20))
    _conclude(letter.case, date(2020, 1, 10))
    assert total("petitions.cases_resolved", tree["ngoc_thuy"]).numerator == 0
    assert (
        total("petitions.letters_carried_over", tree["ngoc_thuy"], Period.parse("2020")).amount == 1
    )


def test_overdue_at_the_period_end(tree):
    LetterFactory(unit=tree["ngoc_thuy"], received_on=date(2019, 12, 1))  # due 11/12, not accepted
    LetterFactory(unit=tree["ngoc_thuy"], received_on=date(2019, 12, 28))  # due 7/1/2020
    assert total("petitions.cases_overdue", tree["ngoc_thuy"]).amount == 1


def test_visits_and_cases_received_in_person_with_same_period_comparison(tree):
    ward = tree["ngoc_thuy"]
    admin = factories.UserFactory(is_superuser=True)
    case = LetterFactory(unit=ward, received_on=date(2019, 3, 1)).case
    for year, visits in ((2018, 3), (2019, 2)):
        session = services.session_create(
            actor=admin,
            unit=ward,
            held_on=date(year, 3, 5),
            receiver_kind="leader",
            receiver_name="Chủ tịch",
            is_scheduled=True,
        )
        for _ in range(visits):
            services.visit_add(
                actor=admin, session=session, people=1, is_crowd=False, summary="x", cases=[case]
            )
    now, before = metrics.evaluate_with_last_year("petitions.visits", tree["long_bien"], Y2019)
    assert (now.total.amount, before.total.amount) == (2, 3)
    assert metrics.change(now.total, before.total) == -1
    assert total("petitions.visit_cases", ward).amount == 1
    assert total("petitions.letters", ward).amount == 1  # visits are not letters


def test_kind_and_body_breakdowns(tree):
    LetterFactory(unit=tree["ngoc_thuy"], kind="denunciation")
    LetterFactory(unit=tree["ngoc_thuy"], receiving_body="party")
    assert total("petitions.letters_kind_denunciation", tree["ngoc_thuy"]).amount == 1
    assert total("petitions.letters_body_party", tree["ngoc_thuy"]).amount == 1
    assert total("petitions.cases_resolved_body_party", tree["ngoc_thuy"]).denominator == 1


def test_metric_queries_do_not_grow_with_units(tree, django_assert_max_num_queries):
    for n in range(30):
        ward = factories.UnitFactory(name=f"Phường {n}", parent=tree["long_bien"])
        LetterFactory(unit=ward)
    chosen = [m for m in metrics.all_metrics() if m.code.startswith("petitions.")]
    with django_assert_max_num_queries(2 + len(chosen)):
        results = metrics.evaluate_all(tree["long_bien"], Y2019, chosen)
    assert next(r for r in results if r.metric.code == "petitions.letters").total.amount == 30


def test_letters_by_subject_area(tree):
    from petitions.models import SubjectArea

    LetterFactory(unit=tree["ngoc_thuy"], subject_area=SubjectArea.objects.get(code="land"))
    LetterFactory(unit=tree["ngoc_thuy"])
    assert total("petitions.letters_area_land", tree["ngoc_thuy"]).amount == 1
    assert total("petitions.letters_area_social_policy", tree["ngoc_thuy"]).amount == 0
