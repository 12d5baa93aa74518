"""An officer registers letters, the portal suggests the existing case for a repeated one, the
case is accepted and gets its deadline; later the district reviewer finds it overdue."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from danvan.orgs.access import Role
from petitions.models import Case, Letter
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _register(page, summary, sender):
    page.goto("/don-thu/them/")
    page.locator("#id_received_on").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.locator("#id_kind").select_option("complaint")
    page.locator("#id_summary").fill(summary)
    page.locator("#id_sender_name").fill(sender)
    page.locator("#id_sender_contact").fill("Tổ 5, Ngọc Thụy")


def test_repeated_letter_joins_its_case_which_becomes_overdue(page, tree, make_member):
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="canbo.ngocthuy")
    make_member(Role.REVIEWER, tree["long_bien"], username="bandanvan.longbien")
    log_in(page, "canbo.ngocthuy")

    _register(page, "Khiếu nại mức bồi thường đất ven đê", "Nguyễn Văn Bình")
    page.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(page.locator("#case-state")).to_have_text("Đã tiếp nhận")
    case = Case.objects.get()

    _register(page, "Khiếu nại lần nữa về bồi thường đất", "Nguyễn Văn Bình")
    suggestion = page.get_by_label(f"Gộp vào vụ việc #{case.pk}", exact=False)
    expect(suggestion).to_be_visible()  # offered by the suggestions box while typing
    page.wait_for_load_state("networkidle")
    suggestion.check()
    page.locator("#id_is_repeated").check()
    screenshot(page, "petitions-suggested-case")
    page.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(page.get_by_role("alert").first).to_contain_text(f"vụ việc #{case.pk}")
    assert Letter.objects.filter(case=case).count() == 2 and Case.objects.count() == 1

    page.locator("#id_to_state").select_option("accepted")
    page.locator("#id_reason").fill("Đủ điều kiện thụ lý")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator("#case-state")).to_have_text("Đã thụ lý")
    due = timezone.localdate() + timedelta(days=30)
    expect(page.locator("#case-deadline")).to_contain_text(due.strftime("%d/%m/%Y"))
    expect(page.locator("#case-deadline")).to_contain_text("còn 30 ngày")

    page.context.clear_cookies()  # the officer leaves; forty days pass
    with time_machine.travel(timezone.now() + timedelta(days=40)):
        log_in(page, "bandanvan.longbien")
        page.goto("/don-thu/vu-viec/qua-han/")
        row = page.get_by_role("row").filter(has_text="Khiếu nại mức bồi thường đất ven đê")
        expect(row).to_contain_text("quá hạn 10 ngày")
        screenshot(page, "petitions-overdue-list")


def test_letter_list_fits_a_phone(phone_page, tree, make_member):
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="canbo.ngocthuy")
    log_in(phone_page, "canbo.ngocthuy")
    phone_page.goto("/don-thu/")
    expect(phone_page.get_by_role("link", name="Vào sổ đơn")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page must not scroll sideways on a phone"
