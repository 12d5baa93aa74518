"""The roll-up on the demo data (seed_demo) in the browser; saves the README's screenshots:
the dashboard on a desktop and on a phone, the roll-up's first PDF page, the minutes' first."""

import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command

from dialogues.models import Conference
from tests.conftest import require
from tests.dialogues.factories import ensure_fields
from tests.e2e.conftest import ARTIFACTS, log_in
from tests.e2e.test_rollup_journey import embedded_mode  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "danvan-demo-2019"  # danvan.orgs.demo
DASHBOARD = "/tong-hop/?unit=ha-noi/long-bien&period=2019Q1"


@pytest.fixture
def demo():
    ensure_fields()  # a transactional test before flushed the fields migration 0002 seeds
    call_command("seed_demo", stdout=StringIO())
    ARTIFACTS.mkdir(exist_ok=True)


def first_page_png(page, name: str, tmp_path) -> None:
    """Download the export the page offers and save its first page as ARTIFACTS/<name>.png."""
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp PDF").click()
    pdf = tmp_path / f"{name}.pdf"
    download.value.save_as(pdf)
    require(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(out)],
        check=True,
    )
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 10000


def test_reviewer_reads_the_demo_dashboard_and_exports_it(
    page,
    embedded_mode,  # noqa: F811
    demo,
    tmp_path,
):
    log_in(page, "bandanvan.longbien", DEMO_PASSWORD)
    page.goto(DASHBOARD)
    assert page.get_by_text("11/15 đơn vị đã nộp báo cáo, đạt 73,3%").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "rollup-demo-dashboard.png"))  # the first screen
    page.get_by_role("button", name="Xuất báo cáo").click()
    first_page_png(page, "rollup-demo-pdf-page-1", tmp_path)


def test_demo_dashboard_fits_a_phone(phone_page, demo):
    log_in(phone_page, "bandanvan.longbien", DEMO_PASSWORD)
    phone_page.goto(DASHBOARD)
    assert phone_page.get_by_role("button", name="Xuất báo cáo").is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
    phone_page.screenshot(path=str(ARTIFACTS / "rollup-demo-dashboard-phone.png"))


def test_officer_exports_the_minutes_of_a_demo_conference(
    page,
    embedded_mode,  # noqa: F811
    demo,
    tmp_path,
):
    conference = Conference.objects.filter(unit__path__startswith="nghe-an/hoang-mai/").first()
    log_in(page, "bandanvan.hoangmai", DEMO_PASSWORD)
    page.goto(f"/doi-thoai/{conference.pk}/")
    page.get_by_role("button", name="Biên bản (PDF)").click()
    assert page.get_by_text("Văn bản đã sẵn sàng.").is_visible()
    first_page_png(page, "minutes-pdf-page-1", tmp_path)
