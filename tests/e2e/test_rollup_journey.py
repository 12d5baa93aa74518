import shutil
import subprocess

import pytest

from danvan.orgs import services as org_services
from danvan.orgs.access import Role
from tests.conftest import require
from tests.danvan.rollup.conftest import clean_registry, district, source_figures  # noqa: F401
from tests.e2e.conftest import ARTIFACTS, log_in, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_reviewer_drills_down_exports_and_downloads_the_pdf(
    page,
    celery_worker,
    source_figures,  # noqa: F811 (the fixture imported above)
    make_member,
    tmp_path,
):
    make_member(Role.REVIEWER, source_figures["long_bien"], username="bandanvan.longbien")
    log_in(page, "bandanvan.longbien")
    page.get_by_role("link", name="Tổng hợp").click()
    page.goto("/tong-hop/?unit=ha-noi/long-bien&period=2019Q1")
    assert page.get_by_role("heading", name="Quận Long Biên").is_visible()
    assert page.get_by_text("462/510 (90,59%)").first.is_visible()
    screenshot(page, "rollup-dashboard")

    page.get_by_role("link", name="Phường Ngọc Thụy").first.click()
    assert page.get_by_role("heading", name="Phường Ngọc Thụy").is_visible()
    assert page.get_by_text("240/250 (96%)").first.is_visible()
    page.go_back()
    assert page.get_by_role("heading", name="Quận Long Biên").is_visible()

    page.get_by_role("button", name="Xuất báo cáo").click()
    progress = page.get_by_role("progressbar")
    assert progress.is_visible()
    download_link = page.get_by_role("link", name="Tải tệp PDF")
    download_link.wait_for(timeout=60000)
    assert not progress.is_visible()
    with page.expect_download() as download:
        download_link.click()
    pdf = tmp_path / "bao-cao.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    require(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils) is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(ARTIFACTS / "rollup-pdf-page-1"),
        ],
        check=True,
    )
    assert (ARTIFACTS / "rollup-pdf-page-1.png").stat().st_size > 10000


def test_dashboard_fits_a_phone(phone_page, source_figures, make_member):  # noqa: F811
    make_member(Role.REVIEWER, source_figures["long_bien"], username="bandanvan.longbien")
    log_in(phone_page, "bandanvan.longbien")
    phone_page.goto("/tong-hop/?unit=ha-noi/long-bien&period=2019Q1")
    assert phone_page.get_by_role("button", name="Xuất báo cáo").is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the dashboard must not scroll sideways on a phone"
    screenshot(phone_page, "rollup-dashboard-phone")


@pytest.fixture
def embedded_mode():
    """Tasks inline in the request, as `make run` works without a broker."""
    from danvan.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


def test_in_embedded_mode_the_export_is_ready_when_its_page_opens(
    page,
    embedded_mode,
    source_figures,  # noqa: F811 (the fixture imported above)
    make_member,
):
    make_member(Role.EDITOR, source_figures["Ngọc Thụy"], username="canbo.ngocthuy")
    org_services.issuing_body_save(  # a ward prints under its own header (else: refused)
        actor=None,
        unit=source_figures["Ngọc Thụy"],
        name="KHỐI DÂN VẬN",
        superior_name="ĐẢNG ỦY PHƯỜNG NGỌC THỤY",
        symbol="DV",
        place_name="Ngọc Thụy",
        signer_title="TRƯỞNG KHỐI",
    )
    log_in(page, "canbo.ngocthuy")
    page.goto("/tong-hop/?period=2019Q1")
    assert page.get_by_role("heading", name="Phường Ngọc Thụy").is_visible()
    page.get_by_role("button", name="Xuất báo cáo").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp PDF").click()
    assert download.value.suggested_filename == "bao-cao-ngoc-thuy-2019Q1.pdf"
