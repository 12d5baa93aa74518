"""The unit and period picker in the header of every page."""

import re

import pytest

from danvan.orgs.access import Role

pytestmark = pytest.mark.django_db


def options(page: str, select_id: str) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of each option of the page's <select id=…>."""
    select = re.search(rf'<select id="{select_id}".*?</select>', page, re.S).group(0)
    found = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select)
    return [(value, label, bool(selected)) for value, selected, label in found]


def test_unit_picker_lists_each_scope_with_its_children(client, tree, make_member):
    user = make_member(Role.REVIEWER, tree["long_bien"])
    user.memberships.create(unit=tree["cat_linh"], role=Role.EDITOR)
    client.force_login(user)
    page = client.get("/", {"unit": tree["sai_dong"].path}).content.decode()
    assert options(page, "picker-unit") == [
        ("ha-noi/dong-da/cat-linh", "Phường Cát Linh", False),
        ("ha-noi/long-bien", "Quận Long Biên", False),
        ("ha-noi/long-bien/ngoc-thuy", "– Phường Ngọc Thụy", False),
        ("ha-noi/long-bien/sai-dong", "– Phường Sài Đồng", True),
    ]


def test_period_picker_marks_the_period_of_each_request(client, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    for code, label in [("2019Q1", "Quý I năm 2019"), ("2019N9", "9 tháng năm 2019")]:
        chosen = [
            (value, text)
            for value, text, selected in options(
                client.get("/", {"period": code}).content.decode(), "picker-period"
            )
            if selected
        ]
        assert chosen == [(code, label)]


def test_period_picker_offers_the_new_year_when_it_comes(client, tree, login_as, time_machine):
    time_machine.move_to("2030-12-31 23:00 +07:00")
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    assert options(client.get("/").content.decode(), "picker-period")[0][0] == "2030Q1"
    time_machine.move_to("2031-01-01 00:30 +07:00")
    page = client.get("/", {"period": "2030Q4"}).content.decode()
    assert options(page, "picker-period")[0][0] == "2031Q1"


@pytest.mark.parametrize("unit", ["ha-noi/long-bien\x00", "ha-noi/dong-da"])
def test_picker_refuses_a_unit_that_is_not_in_scope_or_not_a_path(client, tree, login_as, unit):
    """Found by the fuzz drill: a NUL byte in the posted unit answered 500 on PostgreSQL."""
    login_as(Role.REVIEWER, tree["long_bien"])
    response = client.post("/chon/", {"unit": unit, "next": "/"}, follow=True)
    assert response.status_code == 200
    assert "Anh/chị không có quyền truy cập đơn vị đó." in response.content.decode()
    assert "picker_unit" not in client.session
