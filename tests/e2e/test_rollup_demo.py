"""The roll-up on the demo data (seed_demo) in the browser; saves the README's screenshots:
the dashboard on a desktop and on a phone, the roll-up's first PDF page, the minutes' first."""

import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

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


def first_page_png(page, name: str, tmp_path, signature_name: str = "") -> None:
    """Download the export the page offers and save its first page as ARTIFACTS/<name>.png
    (and the page holding "Nơi nhận:", the signature page, as ARTIFACTS/<signature_name>.png)."""
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp PDF").click()
    pdf = tmp_path / f"{name}.pdf"
    download.value.save_as(pdf)
    require(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    pages = [1]
    if signature_name:
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        pages.append(next(n for n, p in enumerate(text.split("\f"), 1) if "Nơi nhận:" in p))
    for number, out in zip(pages, [name, signature_name], strict=False):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", str(number), "-l", str(number), "-singlefile",
             str(pdf), str(ARTIFACTS / out)],
            check=True,
        )  # fmt: skip
        assert (ARTIFACTS / f"{out}.png").stat().st_size > 10000


def test_reviewer_reads_the_demo_dashboard_and_exports_it(
    page,
    embedded_mode,  # noqa: F811
    demo,
    tmp_path,
):
    log_in(page, "bandanvan.longbien", DEMO_PASSWORD)
    page.goto(DASHBOARD)
    expect(
        page.get_by_text("Hiến máu nhân đạo: 327/225 đơn vị máu, đạt 145,33%").first
    ).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "rollup-demo-dashboard.png"))  # the first screen
    page.get_by_role("button", name="Xuất báo cáo").click()
    first_page_png(page, "rollup-demo-pdf-page-1", tmp_path, "rollup-demo-pdf-signature")


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
