import re

import pytest
from playwright.sync_api import expect

from danvan.orgs.access import Role
from reports.models import Indicator, Report, ReportingRound
from tests.e2e.conftest import log_in, screenshot
from tests.reports.factories import IndicatorFactory, open_round, template

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(tree, make_member):
    households = IndicatorFactory(
        code="gia-dinh-van-hoa", label="Hộ gia đình văn hóa", kind=Indicator.Kind.RATIO
    )
    blood = IndicatorFactory(
        code="hien-mau", label="Hiến máu", measure="đơn vị máu", has_target=True
    )
    q1 = open_round(
        tree["long_bien"],
        [tree["ngoc_thuy"], tree["sai_dong"]],
        template=template([households, blood], required=("results", "shortcomings", "directions")),
        title="Báo cáo quý I năm 2019",
    )
    district = open_round(
        tree["ha_noi"],
        [tree["long_bien"]],
        indicators=[households, blood],
        kind=ReportingRound.Kind.CONSOLIDATED,
        title="Báo cáo quý I năm 2019 của quận",
    )
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="canbo.ngocthuy")
    make_member(Role.REVIEWER, tree["long_bien"], username="bandanvan.longbien")
    make_member(Role.EDITOR, tree["long_bien"], username="canbo.longbien")
    return {
        "report": q1.reports.get(unit=tree["ngoc_thuy"]),
        "district": district.reports.get(),
        "households": households,
        "blood": blood,
    }


def switch_user(page, username):
    page.context.clear_cookies()
    log_in(page, username)


def open_fill(page, setup):
    page.goto("/bao-cao/")
    page.get_by_role("row", name=re.compile("Phường Ngọc Thụy")).get_by_role(
        "link", name="Nhập báo cáo"
    ).click()
    expect(page.get_by_role("heading", name="Báo cáo quý I năm 2019")).to_be_visible()


def test_ward_files_district_returns_ward_fixes_district_approves_and_consolidates(page, setup):
    households, blood = setup["households"], setup["blood"]
    log_in(page, "canbo.ngocthuy")
    open_fill(page, setup)
    page.get_by_label("I. Kết quả").fill("38/38 tổ dân phố đăng ký tổ dân phố văn hóa.")
    page.get_by_label("III. Phương hướng, nhiệm vụ trọng tâm kỳ tới").fill(
        "Triển khai mô hình Dân vận khéo."
    )
    page.locator(f"#id_actual_{households.pk}").fill("7.775")
    page.locator(f"#id_target_{households.pk}").fill("8.233")
    page.locator(f"#id_actual_{blood.pk}").fill("468")
    page.locator(f"#id_target_{blood.pk}").fill("300")
    expect(page.locator("#autosave-status")).to_contain_text("Đã lưu nháp lúc", timeout=10000)

    page.goto("/")  # leave, and come back to the draft
    open_fill(page, setup)
    expect(page.get_by_label("I. Kết quả")).to_have_value(
        "38/38 tổ dân phố đăng ký tổ dân phố văn hóa."
    )
    expect(page.locator(f"#id_actual_{households.pk}")).to_have_value("7.775")
    page.get_by_role("button", name="Gửi báo cáo").click()
    # Section II is still empty: the page says so and keeps the rest.
    expect(page.get_by_text("Phải nhập mục này trước khi gửi.")).to_be_visible()
    page.get_by_label("II. Hạn chế, nguyên nhân").fill("Chưa xử lý kịp thời vấn đề phát sinh.")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_text("Đã gửi báo cáo.")).to_be_visible()

    switch_user(page, "bandanvan.longbien")
    page.goto(f"/bao-cao/{setup['report'].pk}/")
    expect(
        page.get_by_role("cell", name="7.775/8.233 (94,44%)").or_(page.get_by_text("94,44%"))
    ).to_be_visible()
    page.get_by_label("Lý do").fill("Mục II cần nêu nguyên nhân cụ thể.")
    page.get_by_role("button", name="Trả lại đơn vị").click()
    expect(page.get_by_text("Đã trả báo cáo lại cho đơn vị.")).to_be_visible()

    switch_user(page, "canbo.ngocthuy")
    open_fill(page, setup)
    expect(page.get_by_role("note")).to_contain_text("Mục II cần nêu nguyên nhân cụ thể.")
    page.get_by_label("II. Hạn chế, nguyên nhân").fill(
        "Nguyên nhân: thiếu phối hợp giữa các tổ dân phố."
    )
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_text("Đã gửi báo cáo.")).to_be_visible()

    switch_user(page, "bandanvan.longbien")
    page.goto(f"/bao-cao/{setup['report'].pk}/")
    page.get_by_role("button", name="Duyệt").click()
    expect(page.get_by_text("Đã duyệt báo cáo.")).to_be_visible()
    assert Report.objects.get(pk=setup["report"].pk).status == Report.Status.APPROVED

    page.goto("/bao-cao/tien-do/?unit=ha-noi/long-bien&period=2019Q1")
    expect(page.get_by_text("1/2 đã nộp")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Phường Ngọc Thụy"))).to_contain_text("Đã duyệt")
    screenshot(page, "reports-board")
    page.get_by_role("row", name=re.compile("Phường Ngọc Thụy")).get_by_role("link").last.click()
    expect(page.get_by_role("heading", name="Báo cáo quý I năm 2019")).to_be_visible()

    switch_user(page, "canbo.longbien")
    page.goto(f"/bao-cao/{setup['district'].pk}/nhap/")
    expect(page.get_by_text("Tổng hợp từ 1/2 đơn vị")).to_be_visible()
    expect(page.get_by_text("Tổng các đơn vị: 7.775/8.233 (94,44%)")).to_be_visible()
    expect(page.get_by_text("Tổng các đơn vị: 468/300 (156%)")).to_be_visible()
    expect(page.locator(f"#id_actual_{households.pk}")).to_have_value("7.775")
    screenshot(page, "reports-consolidation")


def test_text_typed_before_the_page_scripts_ran_is_autosaved(page, setup):
    """On a slow connection the officer starts typing before htmx has loaded."""
    log_in(page, "canbo.ngocthuy")
    held = []
    page.route("**/htmx.min.js", lambda route: held.append(route))  # htmx waits for the text
    page.goto(f"/bao-cao/{setup['report'].pk}/nhap/", wait_until="commit")
    page.get_by_label("I. Kết quả").fill("Gõ khi trang còn đang tải.")
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    expect(page.locator("#autosave-status")).to_contain_text("Đã lưu nháp lúc", timeout=10000)
    assert Report.objects.get(pk=setup["report"].pk).results == "Gõ khi trang còn đang tải."


def test_text_typed_after_the_session_expired_is_offered_back_after_login(page, setup):
    log_in(page, "canbo.ngocthuy")
    open_fill(page, setup)
    page.get_by_label("I. Kết quả").fill("Phần đầu đã lưu.")
    expect(page.locator("#autosave-status")).to_contain_text("Đã lưu nháp lúc", timeout=10000)
    page.context.clear_cookies(name="sessionid")  # the session ends while typing goes on
    page.get_by_label("I. Kết quả").fill("Phần đầu đã lưu. Phần sau gõ khi phiên đã hết hạn.")
    expect(page.locator("#autosave-status")).to_contain_text(
        "Phiên làm việc đã hết hạn", timeout=10000
    )

    log_in(page, "canbo.ngocthuy")
    open_fill(page, setup)
    expect(page.get_by_label("I. Kết quả")).to_have_value("Phần đầu đã lưu.")
    offer = page.locator("#restore-offer")
    expect(offer).to_be_visible()
    offer.get_by_role("button", name="Khôi phục").click()
    expect(page.get_by_label("I. Kết quả")).to_have_value(
        "Phần đầu đã lưu. Phần sau gõ khi phiên đã hết hạn."
    )
    expect(page.locator("#autosave-status")).to_contain_text("Đã lưu nháp lúc", timeout=10000)
    assert "Phần sau" in Report.objects.get(pk=setup["report"].pk).results


def test_filing_form_fits_a_phone(phone_page, setup):
    log_in(phone_page, "canbo.ngocthuy")
    phone_page.goto(f"/bao-cao/{setup['report'].pk}/nhap/")
    expect(phone_page.get_by_label("I. Kết quả")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page must not scroll sideways on a phone"
    screenshot(phone_page, "reports-fill-phone")


def test_a_saved_draft_is_not_offered_back_as_a_newer_copy(page, setup):
    """After "Lưu nháp" the server has what was typed: the page that follows must not offer
    the browser's copy back (the server writes 7775 as "7.775", so the texts differ)."""
    log_in(page, "canbo.ngocthuy")
    open_fill(page, setup)
    page.get_by_label("I. Kết quả").fill("Phường Xuân Đỉnh vận động 1.204 hộ tham gia.")
    page.locator(f"#id_actual_{setup['blood'].pk}").fill("1204")
    page.locator(f"#id_target_{setup['blood'].pk}").fill("1500")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(f"#id_actual_{setup['blood'].pk}")).to_have_value("1.204")
    page.wait_for_load_state("load")
    expect(page.locator("#restore-offer")).to_be_hidden()
    page.reload()
    expect(page.get_by_label("I. Kết quả")).to_have_value(
        "Phường Xuân Đỉnh vận động 1.204 hộ tham gia."
    )
    expect(page.locator("#restore-offer")).to_be_hidden()
