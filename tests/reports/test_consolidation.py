import pytest
from django.urls import reverse

from danvan.orgs.access import Role
from reports.models import ReportingRound
from tests.reports.conftest import file_and_approve
from tests.reports.factories import open_round

pytestmark = pytest.mark.django_db


def test_district_report_is_prefilled_from_approved_ward_reports(
    client, q1, tree, people, households, blood, make_member
):
    ngoc_thuy = q1.reports.get(unit=tree["ngoc_thuy"])
    approved = {households: (7775, 8233), blood: (468, 300)}
    file_and_approve(ngoc_thuy, people["editor"], people["reviewer"], approved)
    district_round = open_round(
        tree["ha_noi"],
        [tree["long_bien"]],
        indicators=[households, blood],
        kind=ReportingRound.Kind.CONSOLIDATED,
        title="Quận",
    )
    district = district_round.reports.get()
    client.force_login(make_member(Role.EDITOR, tree["long_bien"]))
    page = client.get(reverse("reports:fill", args=[district.pk])).content.decode()
    assert "Tổng hợp từ 1/2 đơn vị" in page
    assert 'value="7.775"' in page and 'value="8.233"' in page
    assert "Tổng các đơn vị: 7.775/8.233 (94,44%)" in page
    assert "Kết quả quý I" in page, "the wards' narratives are laid out for condensing"
