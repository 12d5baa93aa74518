import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan import metrics
from danvan.periods import Period
from models_catalog.models import Field, Registrant, Status
from tests import factories
from tests.models_catalog.factories import PracticeModelFactory, RegistrantFactory

pytestmark = pytest.mark.django_db
YEAR_2019 = Period.parse("2019")


def total(code, unit, period=YEAR_2019):
    return metrics.evaluate(code, unit, period).total.amount


def by_unit(code, unit, period=YEAR_2019):
    return {
        line.unit.name: line.value.amount for line in metrics.evaluate(code, unit, period).lines
    }


def test_models_and_distinct_registrants_are_counted_separately(tree):
    ward = tree["ngoc_thuy"]
    collective = RegistrantFactory(unit=ward, kind=Registrant.Kind.COLLECTIVE)
    person = RegistrantFactory(unit=ward, kind=Registrant.Kind.INDIVIDUAL, name="Lê Văn An")
    for registrant in (collective, collective, collective, person, person):
        PracticeModelFactory(unit=ward, registrant=registrant)
    PracticeModelFactory(unit=tree["sai_dong"])  # another collective, another ward

    assert total("models_catalog.models", tree["long_bien"]) == 6
    assert total("models_catalog.registrants_collective", tree["long_bien"]) == 2
    assert total("models_catalog.registrants_individual", tree["long_bien"]) == 1
    assert by_unit("models_catalog.registrants_collective", tree["long_bien"]) == {
        "Ngọc Thụy": 1,
        "Sài Đồng": 1,
    }


def test_registrants_of_child_units_add_up_to_the_parent(tree):
    for unit in (tree["ngoc_thuy"], tree["group_1"], tree["sai_dong"]):
        registrant = RegistrantFactory(unit=unit, name="Chi đoàn thanh niên")  # same name
        PracticeModelFactory.create_batch(2, unit=unit, registrant=registrant)
    lines = by_unit("models_catalog.registrants_collective", tree["long_bien"])
    assert lines == {"Ngọc Thụy": 2, "Sài Đồng": 1}
    assert total("models_catalog.registrants_collective", tree["long_bien"]) == sum(lines.values())


def test_a_phase_counts_in_each_of_its_years_and_their_quarters(tree):
    PracticeModelFactory(unit=tree["ngoc_thuy"], start_year=2019, end_year=2020)
    PracticeModelFactory(unit=tree["ngoc_thuy"], start_year=2018)
    assert total("models_catalog.models", tree["ngoc_thuy"], Period.parse("2018")) == 1
    assert total("models_catalog.models", tree["ngoc_thuy"], Period.parse("2019")) == 1
    assert total("models_catalog.models", tree["ngoc_thuy"], Period.parse("2020Q3")) == 1
    assert total("models_catalog.models", tree["ngoc_thuy"], Period.parse("2021")) == 0


def test_stages_count_models_that_reached_them(tree):
    ward = tree["ngoc_thuy"]
    for status in (Status.EVALUATED, Status.RECOGNISED, Status.TYPICAL, Status.COMMENDED):
        PracticeModelFactory(unit=ward, status=status)
    PracticeModelFactory(unit=ward, status=Status.NOT_RECOGNISED)
    assert total("models_catalog.recognised", ward) == 3
    assert total("models_catalog.typical", ward) == 2
    assert total("models_catalog.commended", ward) == 1


def test_fields_split_the_models(tree):
    ward = tree["ngoc_thuy"]
    split = {Field.ECONOMY: 3, Field.CULTURE_SOCIETY: 2, Field.POLITICAL_SYSTEM: 1}
    for field, count in split.items():
        PracticeModelFactory.create_batch(count, unit=ward, field=field)
    assert total("models_catalog.field_economy", ward) == 3
    assert total("models_catalog.field_culture_society", ward) == 2
    assert total("models_catalog.field_defence_security", ward) == 0
    assert total("models_catalog.field_political_system", ward) == 1


@pytest.mark.parametrize("code", ["models_catalog.models", "models_catalog.registrants_individual"])
def test_each_metric_is_one_query_whatever_the_number_of_units(tree, code):
    district = tree["long_bien"]
    for n in range(12):
        ward = factories.UnitFactory(name=f"Phường Mới {n}", parent=district)
        PracticeModelFactory(unit=ward, registrant__kind=Registrant.Kind.INDIVIDUAL)
    scope = metrics.Scope.build(district, YEAR_2019)
    with CaptureQueriesContext(connection) as queries:
        result = metrics.evaluate(code, district, YEAR_2019, scope)
    assert len(queries) == 1
    assert result.total.amount == 12 and len(result.lines) == 14
