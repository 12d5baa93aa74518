"""The city administrator brings a district the demo does not have onto the portal in the
browser (units, issuing body, a person with a temporary password), and that person must
choose their own password before anything else. Screenshots of the administration pages,
desktop and phone, for docs/screenshots/."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from danvan.orgs.access import Role
from danvan.orgs.models import IssuingBody, Unit
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEMPORARY = "Tam-thoi-Me-Linh-9"


def save(page):
    page.get_by_role("button", name="Lưu", exact=True).click()


def test_a_city_administrator_builds_a_district_and_its_officer_sets_a_password(
    page, phone_page, tree, make_member
):
    make_member(Role.ADMIN, tree["ha_noi"], username="quantri.hanoi")
    log_in(page, "quantri.hanoi")
    page.goto("/quan-ly/")
    page.get_by_role("link", name="Thành phố Hà Nội").click()
    expect(page.get_by_role("heading", name="Thành phố Hà Nội")).to_be_visible()

    page.get_by_role("link", name="Thêm đơn vị").click()
    page.locator("#id_name").fill("Mê Linh Mới")
    page.locator("#id_kind").select_option("rural_district")
    screenshot(page, "administration-unit-add")
    save(page)
    expect(page.get_by_role("heading", name="Huyện Mê Linh Mới")).to_be_visible()
    district = Unit.objects.get(path="ha-noi/me-linh-moi")

    page.get_by_role("link", name="Thêm đơn vị").click()
    page.locator("#id_name").fill("Tráng Việt")
    page.locator("#id_kind").select_option("commune")
    save(page)
    expect(page.get_by_role("heading", name="Xã Tráng Việt")).to_be_visible()
    commune = Unit.objects.get(path="ha-noi/me-linh-moi/trang-viet")

    page.goto(f"/quan-ly/don-vi/{district.pk}/co-quan/")
    page.locator("#id_superior_name").fill("HUYỆN ỦY MÊ LINH MỚI")
    page.locator("#id_name").fill("BAN DÂN VẬN")
    page.locator("#id_symbol").fill("BDVHU")
    page.locator("#id_place_name").fill("Mê Linh")
    page.locator("#id_signer_title").fill("TRƯỞNG BAN")
    page.locator("#id_signer_name").fill("Kiều Văn Thắng")
    page.locator("#id_recipients").fill("- Ban Dân vận Thành ủy,\n- Lưu VP.")
    screenshot(page, "administration-issuing-body")
    save(page)
    expect(page.get_by_role("link", name="HUYỆN ỦY MÊ LINH MỚI – BAN DÂN VẬN")).to_be_visible()
    assert IssuingBody.objects.get(unit=district).signer_name == "Kiều Văn Thắng"

    page.get_by_role("link", name="Thêm người dùng").click()
    page.locator("#id_username").fill("canbo.trangviet")
    page.locator("#id_last_name").fill("Nguyễn Thị")
    page.locator("#id_first_name").fill("Thoa")
    page.locator("#id_password").fill(TEMPORARY)
    page.locator("#id_unit").select_option(str(commune.pk))
    page.locator("#id_role").select_option(Role.EDITOR)
    save(page)
    expect(page.get_by_text("mật khẩu tạm thời", exact=True)).to_be_visible()
    screenshot(page, "administration-unit")
    assert get_user_model().objects.get(username="canbo.trangviet").must_change_password

    log_in(phone_page, "quantri.hanoi")
    phone_page.goto(f"/quan-ly/don-vi/{district.pk}/")
    expect(phone_page.get_by_role("heading", name="Huyện Mê Linh Mới")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "administration-unit-phone")
    phone_page.goto(f"/quan-ly/don-vi/{district.pk}/nhap-excel/")
    expect(phone_page.get_by_role("heading", name="Nhập đơn vị và quan hệ kế thừa")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "administration-units-import-phone")

    page.context.clear_cookies()  # signed out
    log_in(page, "canbo.trangviet", TEMPORARY)
    expect(page.get_by_text("Bạn đăng nhập bằng mật khẩu tạm")).to_be_visible()
    page.goto("/bao-cao/")
    expect(page).to_have_url(re.compile(r"/doi-mat-khau/$"))
    page.locator("#id_old_password").fill(TEMPORARY)
    page.locator("#id_new_password1").fill("Rieng-cua-Thoa-2026")
    page.locator("#id_new_password2").fill("Rieng-cua-Thoa-2026")
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    page.goto("/bao-cao/")
    expect(page).to_have_url(re.compile(r"/bao-cao/$"))
    assert not get_user_model().objects.get(username="canbo.trangviet").must_change_password
