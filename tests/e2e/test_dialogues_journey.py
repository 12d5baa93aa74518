import re

import pytest

from danvan.excel import write_workbook
from danvan.orgs.access import Role
from dialogues.models import Conference, Opinion
from dialogues.resources import opinion_columns
from tests.dialogues.factories import ConferenceFactory, OpinionFactory, ensure_fields
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def new_row(page):
    return page.locator("#opinion-grid tr[data-new]").last


def type_opinion(page, content, outcome, **extra):
    row = new_row(page)
    row.get_by_label("Nội dung", exact=True).fill(content)
    row.get_by_label("Kết quả giải quyết").select_option(label=outcome)
    for label, value in extra.items():
        row.get_by_label(label).fill(value)
    return row


def test_officer_records_a_conference_enters_opinions_prints_minutes_and_district_sees_it(
    page, tree, make_member
):
    ensure_fields()
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="canbo.ngocthuy")
    make_member(Role.REVIEWER, tree["long_bien"], username="bandanvan.longbien")
    log_in(page, "canbo.ngocthuy")

    page.goto("/doi-thoai/")
    page.get_by_role("link", name="Ghi nhận hội nghị").click()
    page.get_by_label("Tiêu đề").fill("Đối thoại về chỉnh trang đô thị năm 2018")
    page.get_by_label(re.compile(r"^Ngày \*$")).fill("14/09/2018")
    page.get_by_label("Ngày thông báo công khai").fill("10/09/2018")
    page.get_by_label(re.compile(r"^Chủ trì")).fill("Nguyễn Văn Hùng")
    page.get_by_label("Thư ký").fill("Lê Thị Thư")
    page.get_by_role("button", name="Lưu", exact=True).click()
    assert page.get_by_text("Thông báo công khai chưa đủ 7 ngày").is_visible()

    page.get_by_label("Số người tham dự (lượt người)").fill("152")
    page.get_by_role("button", name="Xác nhận đã tổ chức").click()
    assert page.locator("#conference-status").inner_text() == "Đã tổ chức"

    # The grid: Enter saves the row and opens the next one, without reloading the page.
    page.evaluate("window.stillSamePage = true")
    row = type_opinion(page, "Ngõ 12 thiếu đèn chiếu sáng", "Giải quyết tại hội nghị")
    row.get_by_label("Nội dung", exact=True).press("Enter")
    page.locator("tr[data-opinion-row]").first.wait_for()
    focused_row = page.evaluate("document.activeElement.closest('tr').hasAttribute('data-new')")
    assert focused_row, "the cursor moves to a fresh row"

    row = type_opinion(
        page, "Đề nghị cấp giấy chứng nhận cho 12 hộ", "Tiếp thu, trả lời bằng văn bản"
    )
    row.get_by_label("Đơn vị được giao").fill("Phòng Tài nguyên và Môi trường")
    row.get_by_label("Nội dung", exact=True).press(
        "Enter"
    )  # no deadline yet: refused in the row, text kept
    error_row = page.locator("#opinion-grid tr[data-new]").filter(has_text="Nhập hạn trả lời")
    error_row.wait_for()
    assert error_row.get_by_label("Nội dung", exact=True).input_value() == (
        "Đề nghị cấp giấy chứng nhận cho 12 hộ"
    )
    error_row.get_by_label("Hạn").fill("15/10/2018")
    error_row.get_by_label("Hạn").press("Tab")  # Tab in the last cell saves too
    page.locator("tr[data-opinion-row]").nth(1).wait_for()

    row = type_opinion(page, "Phản ánh đua xe ban đêm", "Giải quyết tại hội nghị")
    row.get_by_label("Người trả lời").press("Enter")
    page.locator("tr[data-opinion-row]").nth(2).wait_for()
    assert page.evaluate("window.stillSamePage") is True
    assert page.locator("#opinion-count").inner_text() == "(3)"
    screenshot(page, "dialogues-grid")
    conference = Conference.objects.get()
    assert list(conference.opinions.values_list("number", "outcome")) == [
        (1, "at_conference"),
        (2, "written_answer"),
        (3, "at_conference"),
    ]

    page.get_by_role("link", name="Biên bản").click()
    assert page.get_by_role("heading", name=re.compile("BIÊN BẢN")).is_visible()
    assert page.get_by_text("CHỦ TỌA", exact=True).is_visible()
    assert page.get_by_text("THƯ KÝ", exact=True).is_visible()
    assert page.get_by_text("Phòng Tài nguyên và Môi trường trả lời bằng văn bản").is_visible()
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="In", exact=True).is_visible()
    screenshot(page, "dialogues-minutes-print")
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Quay lại").click()

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_label("Ngày công khai kết quả").fill("20/09/2018")
    page.get_by_role("button", name="Công bố biên bản").click()
    assert page.get_by_text("hội nghị và các ý kiến đã được khóa").is_visible()
    assert page.locator("#opinion-grid tr[data-new]").count() == 0

    page.context.clear_cookies()
    log_in(page, "bandanvan.longbien")
    page.goto("/doi-thoai/thong-ke/?unit=ha-noi/long-bien&period=2018")
    assert page.locator('[data-metric="dialogues.conferences"]').inner_text() == "1"
    assert page.locator('[data-metric="dialogues.attendees"]').inner_text() == "152"
    assert page.locator('[data-metric="dialogues.opinions"]').inner_text() == "3"
    ratio = page.locator('[data-metric="dialogues.answered_at_conference"]').inner_text()
    assert ratio == "2/3 (66,67%)"
    assert page.locator('[data-metric="dialogues.pending"]').inner_text() == "1"
    screenshot(page, "dialogues-statistics")


def test_conference_page_fits_a_phone(phone_page, tree, make_member):
    ensure_fields()
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="canbo.ngocthuy")
    conference = ConferenceFactory(unit=tree["ngoc_thuy"])
    OpinionFactory(conference=conference, content="Ngõ 12 thiếu đèn")
    log_in(phone_page, "canbo.ngocthuy")
    phone_page.goto(f"/doi-thoai/{conference.pk}/")
    assert phone_page.get_by_text("Ngõ 12 thiếu đèn").is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the grid scrolls inside its box, not the page"
    content = new_row(phone_page).get_by_label("Nội dung", exact=True)
    content.fill("Chợ tạm lấn chiếm lòng đường")
    content.press("Enter")
    phone_page.locator("tr[data-opinion-row]").nth(1).wait_for()
    assert Opinion.objects.filter(content="Chợ tạm lấn chiếm lòng đường").exists()
    screenshot(phone_page, "dialogues-phone")


def test_officer_imports_opinions_from_excel_after_a_preview(page, tree, make_member, tmp_path):
    ensure_fields()
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="canbo.ngocthuy")
    conference = ConferenceFactory(unit=tree["ngoc_thuy"])
    headers = [column.header for column in opinion_columns()]
    rows = [
        [
            "Bà Lan",
            "Bằng văn bản",
            "Kinh tế – xã hội",
            "Chợ tạm lấn đường",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "",
            "Trực tiếp tại hội nghị",
            "Đất đai, giải phóng mặt bằng",
            "Bồi thường chậm",
            "Giải quyết tại hội nghị",
            "Chủ tịch UBND",
            "Đã giải trình",
            "",
            "",
            "",
            "",
        ],
    ]
    path = tmp_path / "y-kien.xlsx"
    path.write_bytes(write_workbook("Ý kiến", headers, rows))
    log_in(page, "canbo.ngocthuy")
    page.goto(f"/doi-thoai/{conference.pk}/")
    page.get_by_role("link", name="Nhập ý kiến").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    assert page.get_by_text("Chợ tạm lấn đường").is_visible()
    assert not Opinion.objects.exists()  # the preview saves nothing
    page.get_by_role("button", name="Xác nhận nhập dữ liệu").click()
    assert page.get_by_text("Đã nhập 2 ý kiến.").is_visible()
    assert page.locator("tr[data-opinion-row]").count() == 2
