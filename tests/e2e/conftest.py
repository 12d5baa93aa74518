"""Browser journeys in the system's headless Chromium (Debian package), driven by Playwright."""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import require

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DEMO_PASSWORD = "mat-khau-thu-2019"  # tests.factories.UserFactory


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    require(executable is not None, "Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _new_page(browser, live_server, **options):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", accept_downloads=True, **options
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


@pytest.fixture
def page(browser, live_server):
    context, page = _new_page(browser, live_server, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context, page = _new_page(browser, live_server, **PHONE)
    yield page
    context.close()


def log_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
