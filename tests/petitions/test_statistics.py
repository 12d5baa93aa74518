"""The petitions statistics page on a tree and letters of its own (not the demo's)."""

from datetime import date

import pytest
from django.urls import reverse

from danvan.orgs.access import Role
from tests.factories import UnitFactory, UserFactory
from tests.petitions.factories import LetterFactory
from tests.tables import make_province, query_count, table_cells

pytestmark = pytest.mark.django_db

URL = reverse("petitions:stats")
TABLE = "petition-stats"


@pytest.fixture
def province(db):
    units = make_province()
    LetterFactory(unit=units["district"], received_on=date(2021, 4, 6))  # the district's own
    for day in (7, 8, 9):
        LetterFactory(unit=units["Suối Ngọc"], received_on=date(2021, 5, day))
    LetterFactory(unit=units["Suối Ngọc"], received_on=date(2020, 5, 7))  # last year
    return units


def columns(response) -> dict[str, dict[str, str]]:
    """{figure: {column: cell}} of the page's table."""
    header, *rows = table_cells(response.content.decode(), TABLE)
    return {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in rows}


def test_the_figures_by_commune_with_a_dash_for_a_missing_line(client, province, login_as):
    login_as(Role.REVIEWER, province["district"])
    response = client.get(URL, {"unit": province["district"].path, "period": "2021"})
    figures = columns(response)
    letters = figures["Đơn tiếp nhận"]
    assert letters == {
        "Huyện Đồi Chè": "1",
        "Xã Làng Mây": "0",
        "Xã Suối Ngọc": "3",
        "2021": "4 đơn",
        "2020": "1",
        "Thay đổi": "+3 đơn",
    }
    # The district received no visit itself: no line of its own, a dash, not a zero.
    assert figures["Lượt tiếp công dân"]["Huyện Đồi Chè"] == "–"
    assert figures["Lượt tiếp công dân"]["Xã Làng Mây"] == "0"


def test_totals_are_the_sum_of_the_lines(client, province, login_as):
    login_as(Role.REVIEWER, province["district"])
    table = client.get(URL, {"unit": province["district"].path, "period": "2021"}).context["table"]
    assert table.compared and len(table.units) == 3
    for figure, values in table.by_figure:
        lines = [value for value in values if value is not None]
        assert sum(lines, figure.metric.empty) == figure.total, figure.metric.code


def test_a_commune_page_shows_no_breakdown_columns(client, province, login_as):
    login_as(Role.EDITOR, province["Suối Ngọc"])
    response = client.get(URL, {"period": "2021"})
    header = table_cells(response.content.decode(), TABLE)[0]
    assert header == ["Chỉ số", "2021", "2020", "Thay đổi"]
    assert columns(response)["Đơn tiếp nhận"]["2021"] == "3 đơn"


def test_an_outsider_sees_only_their_own_unit_and_a_stranger_gets_404(client, province, login_as):
    login_as(Role.EDITOR, province["other_commune"])
    response = client.get(URL, {"unit": province["district"].path, "period": "2021"})
    assert response.context["table"].unit == province["other_commune"]
    assert columns(response)["Đơn tiếp nhận"]["2021"] == "0 đơn"
    assert "Suối Ngọc" not in response.content.decode()
    client.force_login(UserFactory())
    assert client.get(URL, {"unit": province["district"].path}).status_code == 404


def test_query_count_does_not_grow_with_the_communes(client, province, login_as):
    login_as(Role.REVIEWER, province["district"])
    params = {"unit": province["district"].path, "period": "2021"}
    few = query_count(client, URL, params)
    for n in range(6):
        commune = UnitFactory(name=f"Bản Thử {n}", kind="commune", parent=province["district"])
        LetterFactory(unit=commune, received_on=date(2021, 8, 2))
    assert query_count(client, URL, params) == few
