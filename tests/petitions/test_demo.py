"""The demo data reproduces the figures of the source articles (run at the real date: the
whole demo is seeded, other apps' records included)."""

import pytest
from django.core.management import call_command

from danvan import metrics
from danvan.periods import Period

pytestmark = pytest.mark.django_db
Y2019 = Period.parse("2019")


def total(code, unit, period=Y2019):
    return metrics.evaluate(code, unit, period).total


def test_demo_data_reproduces_the_source_figures():
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    from danvan.orgs.models import Unit

    dong_da = Unit.objects.get(path="ha-noi/dong-da")
    assert total("petitions.letters_body_people_committee", dong_da).amount == 1081
    people = total("petitions.cases_resolved_body_people_committee", dong_da)
    assert (people.numerator, people.denominator) == (462, 510)
    assert total("petitions.letters_body_party", dong_da).amount == 189
    party = total("petitions.cases_resolved_body_party", dong_da)
    assert (party.numerator, party.denominator) == (127, 189)

    hoang_mai = Unit.objects.get(path="nghe-an/hoang-mai")
    y2018 = Period.parse("2018")
    visits = total("petitions.visit_cases_resolved", hoang_mai, y2018)
    assert total("petitions.visits", hoang_mai, y2018).amount == 46
    assert (visits.numerator, visits.denominator) == (22, 29)
    cases = total("petitions.cases_resolved", hoang_mai, y2018)
    assert total("petitions.letters", hoang_mai, y2018).amount == 29
    assert (cases.numerator, cases.denominator) == (23, 29)
    for code, change in (
        ("petitions.visits", -20),
        ("petitions.visit_cases", -15),
        ("petitions.letters", 15),
        ("petitions.cases", 15),
    ):
        now, before = metrics.evaluate_with_last_year(code, hoang_mai, y2018)
        assert metrics.change(now.total, before.total) == change, code

    long_bien = Unit.objects.get(path="ha-noi/long-bien")
    settled = total("petitions.long_standing_settled", long_bien, y2018)
    assert (settled.numerator, settled.denominator) == (10, 15)
