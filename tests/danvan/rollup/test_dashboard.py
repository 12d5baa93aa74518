import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.orgs.access import Role
from danvan.orgs.models import Unit
from danvan.periods import Period
from danvan.rollup import rendering
from tests.danvan.rollup.conftest import register_unit_count
from tests.danvan.rollup.helpers import pdf_text, squeeze

URL = "/tong-hop/"


def test_reviewer_lands_on_their_district_with_tiles_tables_and_charts(
    client, source_figures, login_as
):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    response = client.get(URL, {"period": "2019Q1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Quận Long Biên" in page and "Quý I năm 2019" in page
    assert "462/510 (90,59%)" in page and "1.081" in page
    assert "so với cùng kỳ: +15 đơn" in page
    assert "<svg" in page and "<title>Ngọc Thụy: 500</title>" in page
    assert 'href="?unit=ha-noi/long-bien/ngoc-thuy&amp;period=2019Q1"' in page


def test_dashboard_and_pdf_show_the_same_totals(client, source_figures, login_as, tmp_path):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    page = client.get(URL, {"unit": "ha-noi/long-bien", "period": "2019Q1"}).content.decode()
    pdf = squeeze(
        pdf_text(
            rendering.rollup_pdf(source_figures["long_bien"], Period.parse("2019Q1")), tmp_path
        )
    )
    for figure in ["1.081", "510", "462/510 (90,59%)", "594", "14"]:
        assert figure in page and figure in pdf, figure


def test_drill_down_shows_the_child_with_a_link_back_up(client, source_figures, login_as):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    page = client.get(
        URL, {"unit": "ha-noi/long-bien/ngoc-thuy", "period": "2019Q1"}
    ).content.decode()
    assert "Phường Ngọc Thụy" in page
    assert 'href="?unit=ha-noi/long-bien&amp;period=2019Q1"' in page


def test_unit_outside_the_scope_is_not_found(client, source_figures, login_as):
    login_as(Role.EDITOR, source_figures["Ngọc Thụy"])
    assert client.get(URL, {"unit": "ha-noi/long-bien", "period": "2019Q1"}).status_code == 404
    response = client.get(URL, {"unit": "ha-noi/long-bien/ngoc-thuy", "period": "2019Q1"})
    assert response.status_code == 200
    assert "?unit=ha-noi/long-bien&amp;" not in response.content.decode()  # no link up to it


def test_each_table_downloads_as_excel_with_its_total(client, source_figures, login_as):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    response = client.get(
        URL + "excel/test-main-1/", {"unit": "ha-noi/long-bien", "period": "2019Q1"}
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Đơn vị"
    assert rows[-1][0] == "Tổng cộng" and 1081 in rows[-1] and 462 in rows[-1] and 510 in rows[-1]
    assert client.get(URL + "excel/no-such-table/", {"unit": "ha-noi/long-bien"}).status_code == 404


def test_menu_offers_the_roll_up(client, source_figures, login_as):
    login_as(Role.VIEWER, source_figures["long_bien"])
    assert 'href="/tong-hop/">Tổng hợp</a>' in client.get("/").content.decode()


def _wards(district, count):
    """`count` wards under the district in one insert (the service is too slow for 600)."""
    Unit.objects.bulk_create(
        Unit(
            parent=district,
            kind=Unit.Kind.WARD,
            name=f"Phường {n:03d}",
            code=f"phuong-{n:03d}",
            path=f"{district.path}/phuong-{n:03d}",
            depth=district.depth + 1,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("metric_count", [1, 3])
def test_dashboard_query_count_does_not_grow_with_the_number_of_units(
    client, tree, login_as, django_assert_max_num_queries, metric_count
):
    for n in range(metric_count):
        register_unit_count(f"test.units_{n}")
    small, large = tree["long_bien"], tree["dong_da"]
    _wards(small, 14 - 2)  # Ngọc Thụy and Sài Đồng are already there
    _wards(large, 600 - 1)
    login_as(Role.ADMIN, tree["ha_noi"])
    with CaptureQueriesContext(connection) as fourteen:
        assert client.get(URL, {"unit": small.path, "period": "2019Q1"}).status_code == 200
    with django_assert_max_num_queries(len(fourteen)):
        response = client.get(URL, {"unit": large.path, "period": "2019Q1"})
    assert response.status_code == 200
    assert "Phường 598" in response.content.decode()  # the 600th unit: wards 000-598
