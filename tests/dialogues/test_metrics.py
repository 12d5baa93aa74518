from datetime import date

import pytest

from danvan import metrics
from danvan.periods import Period
from dialogues.models import Conference, Opinion
from tests import factories
from tests.dialogues.factories import ConferenceFactory, OpinionFactory, field, written

Y2018 = Period.parse("2018")
CODES = [
    "dialogues.conferences",
    "dialogues.units_with_conference",
    "dialogues.attendees",
    "dialogues.opinions",
    "dialogues.opinions_direct",
    "dialogues.opinions_written",
    "dialogues.answered_at_conference",
    "dialogues.answered_in_writing",
    "dialogues.pending",
    "dialogues.overdue",
    "dialogues.field_party_building",
    "dialogues.field_socio_economy",
    "dialogues.field_defence_security",
    "dialogues.field_land",
    "dialogues.field_other",
]


def total(code, unit, period=Y2018):
    return metrics.evaluate(code, unit, period).total


def lines(code, unit, period=Y2018):
    result = metrics.evaluate(code, unit, period)
    return {line.unit.name: line.value.number for line in result.lines}


@pytest.mark.django_db  # data-defined metrics (report indicators) are listed from the database
def test_every_agreed_code_is_registered():
    registered = {metric.code for metric in metrics.all_metrics()}
    assert set(CODES) <= registered
    assert metrics.get("dialogues.answered_at_conference").aggregation == "ratio"


@pytest.mark.django_db
class TestCountingRules:
    def test_only_conferences_held_in_the_period_count(self, tree):
        ward = tree["ngoc_thuy"]
        ConferenceFactory(unit=ward, attendees=100)
        ConferenceFactory(unit=ward, attendees=7, status=Conference.Status.PLANNED)
        ConferenceFactory(unit=ward, attendees=50, held_on=date(2019, 1, 5))
        assert total("dialogues.conferences", tree["long_bien"]).amount == 1
        assert total("dialogues.attendees", tree["long_bien"]).amount == 100
        assert total("dialogues.conferences", tree["long_bien"], Period.parse("2019")).amount == 1

    def test_district_own_conference_is_its_own_line_and_not_a_unit_below(self, tree):
        ConferenceFactory(unit=tree["long_bien"])
        ConferenceFactory(unit=tree["ngoc_thuy"])
        ConferenceFactory(unit=tree["ngoc_thuy"])
        ConferenceFactory(unit=tree["sai_dong"])
        assert lines("dialogues.conferences", tree["long_bien"]) == {
            "Long Biên": 1,
            "Ngọc Thụy": 2,
            "Sài Đồng": 1,
        }
        assert total("dialogues.units_with_conference", tree["long_bien"]).amount == 2
        # A residential group's conference makes its ward one that held a conference, once.
        ConferenceFactory(unit=tree["group_1"])
        assert lines("dialogues.units_with_conference", tree["long_bien"]) == {
            "Ngọc Thụy": 1,
            "Sài Đồng": 1,
        }
        # Seen from the city, Long Biên is one unit below that held conferences.
        assert lines("dialogues.units_with_conference", tree["ha_noi"]) == {
            "Long Biên": 1,
            "Đống Đa": 0,
        }

    def test_opinions_split_by_channel_outcome_and_field(self, conference):
        OpinionFactory(conference=conference, field=field("party_building"))
        OpinionFactory(conference=conference, channel=Opinion.Channel.WRITTEN)
        OpinionFactory(
            conference=conference,
            channel=Opinion.Channel.WRITTEN,
            field=field("land"),
            **written(answered_on=date(2018, 9, 30)),
        )
        unit = conference.unit.parent
        assert total("dialogues.opinions", unit).amount == 3
        assert total("dialogues.opinions_direct", unit).amount == 1
        assert total("dialogues.opinions_written", unit).amount == 2
        ratio = total("dialogues.answered_at_conference", unit)
        assert (ratio.numerator, ratio.denominator) == (2, 3)
        assert ratio.display() == "2/3 (66,67%)"
        assert total("dialogues.answered_in_writing", unit).amount == 1
        assert total("dialogues.field_party_building", unit).amount == 1
        assert total("dialogues.field_socio_economy", unit).amount == 1
        assert total("dialogues.field_land", unit).amount == 1

    def test_pending_and_overdue_are_judged_at_the_period_end(self, conference):
        unit = conference.unit
        OpinionFactory(conference=conference, outcome=Opinion.Outcome.UNDECIDED)
        OpinionFactory(conference=conference, **written(deadline=date(2018, 10, 1)))
        OpinionFactory(conference=conference, **written(deadline=date(2019, 1, 10)))
        OpinionFactory(
            conference=conference,
            **written(deadline=date(2018, 10, 1), answered_on=date(2019, 2, 1)),
        )
        assert total("dialogues.pending", unit).amount == 4
        assert total("dialogues.overdue", unit).amount == 2  # deadline 01/10/2018, no answer
        assert total("dialogues.answered_in_writing", unit).amount == 0
        q3 = Period.parse("2018Q3")  # the conference was held on 10/09/2018
        assert total("dialogues.overdue", unit, q3).amount == 0  # 30/09: nothing due yet

    def test_queries_stay_constant_whatever_the_number_of_units(
        self, tree, django_assert_max_num_queries
    ):
        for index in range(12):
            ward = factories.UnitFactory(name=f"Phường {index}", parent=tree["long_bien"])
            OpinionFactory(conference=ConferenceFactory(unit=ward))
        codes = [metrics.get(code) for code in CODES]
        # One query for the scope's children, one per metric: not one per unit.
        with django_assert_max_num_queries(1 + len(CODES)):
            metrics.evaluate_all(tree["long_bien"], Y2018, codes)
