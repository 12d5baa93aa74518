import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from danvan import metrics
from danvan.orgs.models import Unit
from danvan.periods import Period
from dialogues.models import Conference

Y2018 = Period.parse("2018")
User = get_user_model()


def figures(path):
    """{code: (total, own line or None)} of the dialogue metrics for the unit in 2018."""
    unit = Unit.objects.get(path=path)
    found = {}
    for result in metrics.evaluate_all(unit, Y2018):
        if not result.metric.code.startswith("dialogues."):
            continue
        own = [line.value for line in result.lines if line.unit == unit]
        found[result.metric.code.removeprefix("dialogues.")] = (
            result.total,
            own[0] if own else None,
        )
    return found


@pytest.mark.django_db
def test_demo_reproduces_the_source_articles_and_seeds_once(client):
    call_command("seed_demo", stdout=io.StringIO())
    count = Conference.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Conference.objects.count() == count

    long_bien = figures("ha-noi/long-bien")

    def wards(code):  # the 14 ward conferences: the total minus the district's own line
        total, own = long_bien[code]
        return (total.number or 0) - (own.number if own else 0)

    assert long_bien["units_with_conference"][0].amount == 14
    assert wards("conferences") == 14
    assert wards("opinions") == 594
    assert wards("opinions_direct") == 174
    assert wards("opinions_written") == 420
    at_conference, own_at_conference = long_bien["answered_at_conference"]
    assert at_conference.numerator - own_at_conference.numerator == 491
    assert wards("answered_in_writing") == 103
    own = {code: value[1].number if value[1] else 0 for code, value in long_bien.items()}
    assert (own["conferences"], own["opinions"], own["field_party_building"]) == (1, 23, 3)
    assert own["field_socio_economy"] + own["field_defence_security"] == 20

    hoang_mai = figures("nghe-an/hoang-mai")
    assert hoang_mai["conferences"][0].amount == 19
    assert hoang_mai["units_with_conference"][0].amount == 10
    assert Unit.objects.filter(parent__path="nghe-an/hoang-mai").count() == 10
    assert hoang_mai["attendees"][0].display() == "1.538"
    assert hoang_mai["opinions"][0].amount == 204

    # The same figures on the district's statistics page.
    client.force_login(User.objects.get(username="bandanvan.longbien"))
    page = client.get(
        reverse("dialogues:statistics"), {"unit": "ha-noi/long-bien", "period": "2018"}
    )
    table = page.context["table"]
    codes = [figure.metric.code for figure in table.figures]
    below = dict(zip(codes, table.below, strict=True))
    assert below["dialogues.conferences"].display() == "14"
    assert below["dialogues.opinions"].display() == "594"
    assert below["dialogues.answered_at_conference"].display() == "491/594 (82,66%)"
    assert "Cộng các đơn vị trực thuộc" in page.content.decode()
