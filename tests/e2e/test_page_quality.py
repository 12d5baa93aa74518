"""Every main page of every module, as each demo role, through a browser that asks for English
(`Accept-Language: en-US`, as headless Chromium and many office computers do):

- the page is in Vietnamese (its menu labels);
- axe-core (vendored: tests/e2e/vendor/axe.min.js, injected with the CSP bypassed for the test
  only) finds 0 serious and 0 critical violations, at desktop width and at 390 px;
- at 390 px the document is no wider than the viewport (no sideways scrolling);
- the Nu Html Checker (npm vnu-jar, installed by .ci/run into tests/e2e/vendor/node_modules)
  finds 0 errors in the HTML the server sent, all pages checked in one Java call.

One browser; one context per role and width, its pages reused."""

import hashlib
import json
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import require
from tests.dialogues.factories import ensure_fields
from tests.e2e.conftest import ARTIFACTS, PHONE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VENDOR = Path(__file__).resolve().parent / "vendor"
AXE = VENDOR / "axe.min.js"
VNU = VENDOR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
DEMO_PASSWORD = "danvan-demo-2019"  # danvan.orgs.demo
ENGLISH = {"locale": "en-US", "extra_http_headers": {"Accept-Language": "en-US,en;q=0.9"}}

COMMON = [
    "/",
    "/thong-bao/",
    "/doi-mat-khau/",
    "/bao-cao/",
    "/dan-van-kheo/",
    "/dan-van-kheo/thong-ke/",
    "/don-thu/",
    "/don-thu/vu-viec/",
    "/don-thu/vu-viec/qua-han/",
    "/don-thu/tiep-dan/",
    "/don-thu/thong-ke/",
    "/doi-thoai/",
    "/doi-thoai/thong-ke/",
    "/doi-thoai/cho-tra-loi/",
    "/tong-hop/",
    "/tong-hop/da-xuat/",
    "/tong-hop/so-van-ban-di/",
]
EDITING = [
    "/dan-van-kheo/dang-ky/",
    "/dan-van-kheo/nhap-excel/",
    "/don-thu/them/",
    "/don-thu/nhap/",
    "/doi-thoai/moi/",
]
REVIEWING = ["/bao-cao/tien-do/", "/bao-cao/dot-bao-cao/mo/"]
ROLES = {
    # demo login: (its unit, the extra pages its role opens)
    "canbo.ngocthuy": ("ha-noi/long-bien/ngoc-thuy", EDITING),
    "lanhdao.ngocthuy": ("ha-noi/long-bien/ngoc-thuy", []),
    "bandanvan.longbien": ("ha-noi/long-bien", REVIEWING),
    "xem.longbien": ("ha-noi/long-bien", []),
    "quantri.hanoi": ("ha-noi", REVIEWING),
}
VIETNAMESE_MENU = ["Báo cáo", "Dân vận khéo", "Đối thoại"]

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary)}));
}"""
WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# At 1280 px the header is one row: no menu label on two lines, the bar one line high.
HEADER = """() => {
  const wrapped = [...document.querySelectorAll('.portal-navbar .nav-link')]
    .filter(a => a.offsetParent && a.getBoundingClientRect().height > 48)
    .map(a => a.innerText.trim());
  return [wrapped, document.querySelector('.portal-navbar').getBoundingClientRect().height];
}"""
SCREENSHOTS = {
    # (login, page, phone?) -> file in tests/artifacts/, copied to docs/screenshots/
    ("canbo.ngocthuy", "/nhap/", True): "report-form-phone.png",
    ("bandanvan.longbien", "/", False): "header-desktop.png",
}


@pytest.fixture
def demo():
    ensure_fields()  # a transactional test before flushed the fields migration 0002 seeds
    call_command("seed_demo", stdout=StringIO())


def detail_pages(unit_path: str) -> list[str]:
    """One page of each kind of record of the unit's subtree in the demo."""
    from dialogues.models import Conference
    from models_catalog.models import PracticeModel
    from petitions.models import Case, Letter
    from reports.models import Report

    def first(model, field="unit__path"):
        return model.objects.filter(**{f"{field}__startswith": unit_path}).order_by("pk").first()

    pages = []
    if report := first(Report):
        pages += [f"/bao-cao/{report.pk}/", f"/bao-cao/{report.pk}/nhap/"]
    if case := first(Case):
        pages.append(f"/don-thu/vu-viec/{case.pk}/")
    if letter := first(Letter):
        pages.append(f"/don-thu/{letter.pk}/")
    if conference := first(Conference):
        pages.append(f"/doi-thoai/{conference.pk}/")
    if model := first(PracticeModel):
        pages.append(f"/dan-van-kheo/{model.pk}/")
    return pages


def log_in(page, username):
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def check_pages(browser, live_server, username, urls, options, html_files, tmp_path):
    """Open each page in one context; return the problems found (empty when all is well)."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, **ENGLISH, **options)
    page = context.new_page()
    page.set_default_timeout(15000)
    problems = []
    try:
        log_in(page, username)
        for url in urls:
            response = page.goto(url)
            where = f"{username} {url} at {page.viewport_size['width']} px"
            if response is None or response.status != 200:
                problems.append(f"{where}: HTTP {response and response.status}")
                continue
            html = response.text()
            menu = page.locator("#mainnav").inner_text()
            if missing := [label for label in VIETNAMESE_MENU if label not in menu]:
                problems.append(f"{where}: menu not in Vietnamese, no {missing}")
            page.add_script_tag(path=str(AXE))
            for violation in page.evaluate(AXE_RUN):
                problems.append(f"{where}: axe {json.dumps(violation, ensure_ascii=False)}")
            phone = bool(options.get("is_mobile"))
            for (login, ending, on_phone), name in SCREENSHOTS.items():
                if login == username and on_phone == phone and url.endswith(ending):
                    ARTIFACTS.mkdir(exist_ok=True)
                    page.screenshot(path=str(ARTIFACTS / name), full_page=phone)
            if phone:
                document, viewport = page.evaluate(WIDTH)
                if document > viewport:
                    problems.append(f"{where}: {document} px wide in a {viewport} px viewport")
            else:
                wrapped, height = page.evaluate(HEADER)
                if wrapped or height > 70:
                    problems.append(f"{where}: header {height:.0f} px high, wrapped: {wrapped}")
                digest = hashlib.sha1(html.encode()).hexdigest()[:12]
                name = f"{username}{url}".replace("/", "_").replace("?", "_")[:80]
                path = tmp_path / f"{name}-{digest}.html"
                path.write_text(html, encoding="utf-8")
                html_files.setdefault(digest, (path, f"{username} {url}"))
    finally:
        context.close()
    return problems


def nu_html_errors(html_files) -> list[str]:
    require(
        shutil.which("java") is not None,
        "Java is not installed (apt-get install default-jre-headless)",
    )
    require(VNU.exists(), f"{VNU} is missing (npm ci --prefix tests/e2e/vendor)")
    paths = {str(path): label for path, label in html_files.values()}
    run = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU), "--format", "json", "--errors-only", *paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    found = []
    for message in messages:
        label = paths.get(message.get("url", "").removeprefix("file:"), message.get("url"))
        found.append(
            f"{label} line {message.get('lastLine')}: {message.get('message')} "
            f"[{(message.get('extract') or '').strip()[:120]}]"
        )
    return found


def test_every_main_page_is_vietnamese_accessible_valid_and_fits_a_phone(
    browser, live_server, demo, tmp_path
):
    require(AXE.exists(), f"{AXE} is missing")
    problems, html_files = [], {}
    for username, (unit_path, extra) in ROLES.items():
        urls = COMMON + extra + detail_pages(unit_path)
        problems += check_pages(
            browser,
            live_server,
            username,
            urls,
            {"viewport": {"width": 1280, "height": 900}},
            html_files,
            tmp_path,
        )
        problems += check_pages(browser, live_server, username, urls, PHONE, html_files, tmp_path)
    problems += nu_html_errors(html_files)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page-quality.txt").write_text("\n".join(problems) + "\n", encoding="utf-8")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
