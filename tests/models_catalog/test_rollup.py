"""The models' sentences in the roll-up, on models the tests register."""

import pytest

from danvan.periods import Period
from danvan.rollup import figures
from models_catalog.models import Field, Registrant, Status
from tests.models_catalog.factories import PracticeModelFactory, RegistrantFactory

pytestmark = pytest.mark.django_db


def sentences(unit, period):
    groups = {g.key: g for g in figures.build(unit, period, with_charts=False).groups}
    return groups["models_catalog"].sentences


def test_registrants_models_and_fields_read_like_the_district_report(tree):
    ward, other = tree["ngoc_thuy"], tree["sai_dong"]
    club = RegistrantFactory(unit=ward, name="Câu lạc bộ Thơ Ngọc Thụy")
    person = RegistrantFactory(unit=other, kind=Registrant.Kind.INDIVIDUAL, name="Trần Văn Tâm")
    PracticeModelFactory(unit=ward, registrant=club, field=Field.CULTURE_SOCIETY)
    PracticeModelFactory(unit=ward, registrant=club, field=Field.CULTURE_SOCIETY)
    PracticeModelFactory(
        unit=other, registrant=person, field=Field.ECONOMY, status=Status.RECOGNISED
    )
    PracticeModelFactory(unit=ward, registrant=club, start_year=2018)  # last year's
    assert sentences(tree["long_bien"], Period.parse("2019")) == [
        "1 tập thể và 1 cá nhân đăng ký 3 mô hình “Dân vận khéo”, so với cùng kỳ tăng 2 "
        "mô hình; 1 mô hình được công nhận.",
        "Theo lĩnh vực: kinh tế 1; văn hóa – xã hội 2.",
    ]
