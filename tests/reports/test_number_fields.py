"""The report form reads figures as people type them and refuses what would change them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.orgs.access import Role
from reports.models import Indicator, ReportValue
from tests.factories import UnitFactory
from tests.reports.factories import IndicatorFactory, open_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(tree, make_member):
    ward = UnitFactory(name="Thử Số", kind="ward", parent=tree["long_bien"])
    units = IndicatorFactory(code="mau-thu", label="Hiến máu thử", measure="đơn vị máu")
    money = IndicatorFactory(
        code="quy-thu", label="Quỹ thử", measure="đồng", kind=Indicator.Kind.MONEY
    )
    land = IndicatorFactory(
        code="dat-thu", label="Đất hiến thử", measure="ha", allows_decimals=True
    )
    rnd = open_round(tree["long_bien"], [ward], indicators=[units, money, land])
    editor = make_member(Role.EDITOR, ward, username="canbo.thuso")
    report = rnd.reports.get(unit=ward)
    return report, editor, units, money, land


def _post(client, report, figures):
    data = {"version": report.version, "results": "Kết quả thử gõ tay", "shortcomings": ""}
    data.update({"directions": "", "proposals": ""})
    data.update({f"actual_{indicator.pk}": text for indicator, text in figures.items()})
    return client.post(reverse("reports:fill", args=[report.pk]), data)


def test_malformed_grouping_and_decimal_counts_are_refused_and_kept(client, setup):
    report, editor, units, money, land = setup
    client.force_login(editor)
    response = _post(client, report, {units: "1,5", money: "20.000.00022.000.000", land: "2,5"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "“1,5” không phải là số nguyên: số đếm không có phần thập phân." in page
    assert "“20.000.00022.000.000” viết chưa đúng" in page
    assert 'value="1,5"' in page and 'value="20.000.00022.000.000"' in page
    assert "Kết quả thử gõ tay" in page
    assert not ReportValue.objects.filter(report=report).exists()


def test_well_formed_figures_are_saved_as_typed(client, setup):
    report, editor, units, money, land = setup
    client.force_login(editor)
    response = _post(client, report, {units: "1.204", money: "229.010.000", land: "2,5"})
    assert response.status_code == 302
    saved = dict(ReportValue.objects.filter(report=report).values_list("indicator", "actual"))
    assert saved == {units.pk: Decimal(1204), money.pk: Decimal(229010000), land.pk: Decimal("2.5")}
