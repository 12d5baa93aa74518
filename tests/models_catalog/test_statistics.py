"""The "Dân vận khéo" statistics page on a tree and registrations of its own (not the demo's)."""

import pytest
from django.urls import reverse

from danvan.orgs.access import Role
from models_catalog import services
from models_catalog.models import Field, Registrant
from tests.factories import UnitFactory, UserFactory
from tests.tables import by_row, make_province, query_count

pytestmark = pytest.mark.django_db

URL = reverse("models_catalog:statistics")


@pytest.fixture
def province(db):
    return make_province()


def register(actor, unit, kind=Registrant.Kind.COLLECTIVE, field=Field.ECONOMY, name="Vườn"):
    return services.practice_model_register(
        actor=actor,
        unit=unit,
        registrant_kind=kind,
        registrant_name=f"Chi hội Nông dân {name}",
        name=f"Mô hình {name} sạch",
        field=field,
        level="ward",
        start_year=2021,
        end_year=2021,
    )


def test_a_communes_page_after_one_ordinary_registration_answers_200(client, province, login_as):
    """The old page matched the metrics' lines by index: the commune's own line was there for
    "models registered" (one model) but not for "individuals registering" (none), so the
    second column had no line 0 and the page answered 500 (IndexError)."""
    officer = login_as(Role.EDITOR, province["Suối Ngọc"])
    register(officer, province["Suối Ngọc"])
    response = client.get(URL, {"unit": province["Suối Ngọc"].path, "period": "2021"})
    assert response.status_code == 200
    row = by_row(response.content.decode(), "model-statistics")["Xã Suối Ngọc"]
    assert row["Mô hình đăng ký"] == "1" and row["Tập thể đăng ký"] == "1"
    assert row["Cá nhân đăng ký"] == "–"  # no line: a dash, not an error


def test_district_rows_show_a_dash_for_a_missing_line_and_add_up_to_the_total(
    client, province, login_as
):
    reviewer = login_as(Role.EDITOR, province["district"])
    register(reviewer, province["district"], name="Đồi")  # the district's own model
    register(reviewer, province["Suối Ngọc"], kind=Registrant.Kind.INDIVIDUAL, name="Suối")
    register(reviewer, province["Suối Ngọc"], field=Field.CULTURE_SOCIETY, name="Ngọc")
    response = client.get(URL, {"unit": province["district"].path, "period": "2021"})
    rows = by_row(response.content.decode(), "model-statistics")
    assert list(rows) == ["Huyện Đồi Chè", "Xã Làng Mây", "Xã Suối Ngọc", "Tổng cộng"]
    assert rows["Huyện Đồi Chè"]["Mô hình đăng ký"] == "1"
    assert rows["Huyện Đồi Chè"]["Cá nhân đăng ký"] == "–"
    assert rows["Xã Làng Mây"]["Mô hình đăng ký"] == "0"  # a commune below always has a line
    assert rows["Xã Suối Ngọc"]["Cá nhân đăng ký"] == "1"
    for header in rows["Tổng cộng"]:
        cells = [rows[name][header] for name in list(rows)[:-1]]
        assert sum(int(cell) for cell in cells if cell != "–") == int(rows["Tổng cộng"][header])
    assert rows["Tổng cộng"]["Mô hình đăng ký"] == "3"


def test_an_outsider_sees_only_their_own_unit_and_a_stranger_gets_404(
    client, province, login_as, make_member
):
    officer = make_member(Role.EDITOR, province["Suối Ngọc"])
    register(officer, province["Suối Ngọc"], name="Bí mật")
    login_as(Role.EDITOR, province["other_commune"])
    response = client.get(URL, {"unit": province["district"].path, "period": "2021"})
    rows = by_row(response.content.decode(), "model-statistics")
    assert list(rows) == ["Tổng cộng"]  # Gò Sỏi's own page: no line, nothing of Đồi Chè
    assert "Suối Ngọc" not in response.content.decode()
    client.force_login(UserFactory())  # no membership at all
    assert client.get(URL, {"unit": province["district"].path}).status_code == 404


def test_query_count_does_not_grow_with_the_communes(client, province, login_as):
    reviewer = login_as(Role.EDITOR, province["district"])
    register(reviewer, province["Suối Ngọc"])
    params = {"unit": province["district"].path, "period": "2021"}
    few = query_count(client, URL, params)
    for n in range(6):
        commune = UnitFactory(name=f"Bản Thử {n}", kind="commune", parent=province["district"])
        register(reviewer, commune, kind=Registrant.Kind.INDIVIDUAL, name=f"Bản {n}")
    assert query_count(client, URL, params) == few
