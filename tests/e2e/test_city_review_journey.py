"""After the reform the city reviews its wards directly (demo of 2026): the city reviewer opens
the completeness board of 2026Q4, returns a ward's report with a reason, and exports the city's
roll-up, whose PDF carries the Ban Tuyên giáo và Dân vận Thành ủy's header."""

import re
import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from reports.models import Report
from tests.conftest import require
from tests.dialogues.factories import ensure_fields
from tests.e2e.conftest import log_in, screenshot
from tests.e2e.test_rollup_journey import embedded_mode  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "danvan-demo-2019"  # danvan.orgs.demo
REASON = "Mục II chưa nêu nguyên nhân tổ dân vận chưa kiện toàn sau sắp xếp; đề nghị bổ sung."


@pytest.fixture
def demo():
    ensure_fields()  # a transactional test before flushed the fields migration 0002 seeds
    call_command("seed_demo", stdout=StringIO())
    call_command("handover", date="2025-07-01", apply=True, stdout=StringIO())


def test_city_reviewer_checks_2026q4_returns_a_ward_report_and_exports_the_roll_up(
    page,
    embedded_mode,  # noqa: F811
    demo,
    tmp_path,
):
    log_in(page, "bantuyengiao.hanoi", DEMO_PASSWORD)
    page.goto("/bao-cao/tien-do/?unit=ha-noi&period=2026Q4")
    # One row per new ward, the city's own count over them: 3 of 6 filed (one approved).
    for ward in ["Bồ Đề", "Đống Đa", "Kim Liên", "Long Biên", "Phúc Lợi", "Việt Hưng"]:
        expect(page.get_by_role("row", name=re.compile(f"Phường {ward}"))).to_be_visible()
    expect(page.get_by_text("3/6 đã nộp")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Phường Bồ Đề"))).to_contain_text("Đã nộp")
    screenshot(page, "city-board-2026q4")

    page.get_by_role("row", name=re.compile("Phường Bồ Đề")).get_by_role("link").last.click()
    expect(page.get_by_role("heading", name=re.compile("quý IV năm 2026"))).to_be_visible()
    page.get_by_role("button", name="Trả lại đơn vị").click()  # no reason yet: refused
    report = Report.objects.get(unit__path="ha-noi/phuong-bo-de", round__period="2026Q4")
    assert report.status == Report.Status.SUBMITTED
    page.get_by_label("Lý do").fill(REASON)
    page.get_by_role("button", name="Trả lại đơn vị").click()
    expect(page.get_by_text("Đã trả báo cáo lại cho đơn vị.")).to_be_visible()
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED
    assert report.events.get(action="return").reason == REASON

    page.goto("/tong-hop/?unit=ha-noi&period=2026Q4")
    expect(page.locator("table.figures").get_by_text("Phường Việt Hưng").first).to_be_visible()
    page.get_by_role("button", name="Xuất báo cáo").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp PDF").click()
    pdf = tmp_path / "ha-noi-2026q4.pdf"
    download.value.save_as(pdf)
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    )
    assert "THÀNH ỦY HÀ NỘI" in text and "BAN TUYÊN GIÁO VÀ DÂN VẬN" in text
    assert "Phường Bồ Đề" in text  # the wards' rows are in the appendix (page 2 on)
