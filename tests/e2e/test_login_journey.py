import pytest

from danvan.orgs.access import Role
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_ward_editor_sees_own_ward_and_is_refused_another(page, tree, make_member):
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="canbo.ngocthuy")
    log_in(page, "canbo.ngocthuy")
    assert page.get_by_role("heading", name="Xin chào, Trần Thị Hà").is_visible()
    page.get_by_role("link", name="Phường Ngọc Thụy").click()
    assert page.get_by_role("heading", name="Phường Ngọc Thụy").is_visible()
    assert page.get_by_role("link", name="Tổ dân phố 1", exact=True).is_visible()
    screenshot(page, "ward-page")

    response = page.goto("/don-vi/ha-noi/long-bien/sai-dong/")
    assert response.status == 404
    assert "Sài Đồng" not in page.content()


def test_wrong_password_shows_vietnamese_message_and_keeps_username(page, tree, make_member):
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="canbo.ngocthuy")
    log_in_attempt = page.goto("/dang-nhap/")
    assert log_in_attempt.status == 200
    page.get_by_label("Tên đăng nhập").fill("canbo.ngocthuy")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("alert").is_visible()
    assert (
        "Tên đăng nhập" in page.get_by_role("alert").inner_text()
        or "mật khẩu" in page.get_by_role("alert").inner_text()
    )
    assert page.get_by_label("Tên đăng nhập").input_value() == "canbo.ngocthuy"


def test_menu_collapses_on_a_phone(phone_page, tree, make_member):
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="canbo.ngocthuy")
    log_in(phone_page, "canbo.ngocthuy")
    toggler = phone_page.get_by_role("button", name="Menu")
    assert toggler.is_visible()
    toggler.click()
    assert phone_page.locator("#picker-period").is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page must not scroll sideways on a phone"
