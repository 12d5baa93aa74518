"""The dialogue statistics page on a tree and conferences of its own (not the demo's)."""

from datetime import date

import pytest
from django.urls import reverse

from danvan.orgs.access import Role
from tests.dialogues.factories import ConferenceFactory, OpinionFactory, ensure_fields, field
from tests.factories import UnitFactory, UserFactory
from tests.tables import by_row, make_province, query_count

pytestmark = pytest.mark.django_db

URL = reverse("dialogues:statistics")
PARAMS = {"period": "2022"}
OWN = "Huyện Đồi Chè (hội nghị cấp mình)"


@pytest.fixture
def province(db):
    ensure_fields()
    units = make_province()
    held = {"held_on": date(2022, 5, 17), "notice_on": date(2022, 5, 2), "attendees": 37}
    own = ConferenceFactory(unit=units["district"], **held)
    OpinionFactory(conference=own, field=field("socio_economy"))
    commune = ConferenceFactory(unit=units["Suối Ngọc"], **held)
    OpinionFactory(conference=commune, field=field("land"))
    OpinionFactory(conference=commune, field=field("land"))
    return units


def page(client, unit):
    response = client.get(URL, {**PARAMS, "unit": unit.path})
    assert response.status_code == 200
    return response


def test_a_missing_line_shows_a_dash_and_every_other_cell_its_figure(client, province, login_as):
    login_as(Role.REVIEWER, province["district"])
    response = page(client, province["district"])
    table = response.context["table"]
    rows = by_row(response.content.decode(), "dialogue-breakdown")
    assert list(rows) == [
        OWN,
        "Xã Làng Mây",
        "Xã Suối Ngọc",
        "Cộng các đơn vị trực thuộc",
        "Tổng cộng",
    ]
    assert rows[OWN]["Ý kiến về đất đai, giải phóng mặt bằng"] == "–"
    assert rows["Xã Suối Ngọc"]["Ý kiến về đất đai, giải phóng mặt bằng"] == "2"
    assert rows["Xã Làng Mây"]["Hội nghị đối thoại đã tổ chức"] == "0"
    dashes = 0
    for (_unit, values), name in zip(table.rows, list(rows)[: len(table.rows)], strict=True):
        for figure, value in zip(table.figures, values, strict=True):
            shown = rows[name][str(figure.metric.label)]
            assert shown == ("–" if value is None else value.display())
            dashes += value is None
    assert dashes > 0


def test_totals_are_the_sum_of_the_rows_and_below_the_sum_of_the_units_below(
    client, province, login_as
):
    login_as(Role.REVIEWER, province["district"])
    table = page(client, province["district"]).context["table"]
    for index, figure in enumerate(table.figures):
        cells = [values[index] for _unit, values in table.rows if values[index] is not None]
        below = [values[index] for unit, values in table.rows[1:] if values[index] is not None]
        assert sum(cells, figure.metric.empty) == table.totals[index]
        assert sum(below, figure.metric.empty) == table.below[index]
    by_code = table.by_code()
    assert by_code["dialogues.conferences"].total.amount == 2
    assert by_code["dialogues.opinions"].total.amount == 3


def test_an_outsider_sees_only_their_own_unit_and_a_stranger_nothing(client, province, login_as):
    login_as(Role.EDITOR, province["other_commune"])
    response = page(client, province["district"])  # asks for Đồi Chè, gets Gò Sỏi
    assert response.context["table"].unit == province["other_commune"]
    assert "Suối Ngọc" not in response.content.decode()
    client.force_login(UserFactory())
    response = page(client, province["district"])
    assert response.context["table"] is None and "Suối Ngọc" not in response.content.decode()


def test_query_count_does_not_grow_with_the_communes(client, province, login_as):
    login_as(Role.REVIEWER, province["district"])
    params = {**PARAMS, "unit": province["district"].path}
    few = query_count(client, URL, params)
    for n in range(6):
        commune = UnitFactory(name=f"Bản Thử {n}", kind="commune", parent=province["district"])
        conference = ConferenceFactory(unit=commune, held_on=date(2022, 6, 1))
        OpinionFactory(conference=conference)
    assert query_count(client, URL, params) == few
