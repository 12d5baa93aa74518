"""The roll-up report, the minutes and the booklet as Word files (danvan.rollup.word):
read back with python-docx for the page set-up, and laid out by LibreOffice so that
pdftotext finds in them what it finds in WeasyPrint's PDF."""

import re
from datetime import date
from io import BytesIO, StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template.loader import render_to_string
from docx import Document
from docx.shared import Pt
from lxml import html as lxml_html

from danvan.orgs.access import Role
from danvan.orgs.models import Unit
from danvan.periods import Period
from danvan.rollup import rendering, services
from danvan.rollup.models import Export
from models_catalog.models import Status
from tests.danvan.rollup.helpers import docx_as_pdf, pdf_text, squeeze
from tests.danvan.rollup.test_integration import demo  # noqa: F401 - the seeded demo
from tests.dialogues.factories import ConferenceFactory, OpinionFactory
from tests.models_catalog.factories import PracticeModelFactory

Q1 = Period.parse("2019Q1")
NUMBER = re.compile(r"\d+(?:[.,/]\d+)*%?")


@pytest.fixture(autouse=True)
def embedded_mode():
    from danvan.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def send(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return send


def download(client, response) -> tuple[Export, bytes]:
    export = Export.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[1]))
    assert export.status == "done", export.error
    answer = client.get(f"/tong-hop/xuat/{export.pk}/tai-ve/")
    return export, b"".join(answer.streaming_content)


def docx_text(content: bytes) -> str:
    """Every paragraph of the Word file, those in its tables included."""
    document = Document(BytesIO(content))
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    paragraphs = document.paragraphs + [p for cell in cells for p in cell.paragraphs]
    return "\n".join(p.text for p in paragraphs)


def headings(markup: str) -> list[str]:
    """The section headings the template prints (h1-h3), as the PDF shows them."""
    tree = lxml_html.document_fromstring(markup)
    found = []
    for element in tree.iter("h1", "h2", "h3"):
        text = " ".join(element.text_content().split())
        found.append(text.upper() if element.tag in {"h1", "h2"} else text)
    return found


def assert_same_report(pdf: bytes, docx: bytes, unit, period, parameters, tmp_path) -> str:
    """LibreOffice's layout of the .docx shows the headings the template prints and every
    figure of its text and tables, as WeasyPrint's PDF does; returns LibreOffice's text."""
    weasy = squeeze(pdf_text(pdf, tmp_path))
    office = squeeze(pdf_text(docx_as_pdf(docx, tmp_path), tmp_path))
    markup = render_to_string(
        "danvan/rollup/rollup_report.html", rendering.rollup_context(unit, period, parameters)
    )
    for heading in headings(markup) + ["ĐẢNG CỘNG SẢN VIỆT NAM"]:
        assert heading in weasy and heading in office, heading
    # Every figure of the text and the tables (the charts, images, are the PDF's alone).
    printed = set(NUMBER.findall(" ".join(lxml_html.document_fromstring(markup).itertext())))
    assert len(printed) > 10
    assert printed <= set(NUMBER.findall(weasy)), printed - set(NUMBER.findall(weasy))
    assert printed <= set(NUMBER.findall(office)), printed - set(NUMBER.findall(office))
    return office


def test_the_word_report_is_the_pdf_report_as_libreoffice_lays_it_out(source_figures, tmp_path):
    unit, parameters = source_figures["long_bien"], {"number": "12", "issued_on": "2019-04-05"}
    pdf = rendering.rollup_pdf(unit, Q1, parameters)
    docx = rendering.rollup_docx(unit, Q1, parameters)
    office = assert_same_report(pdf, docx, unit, Q1, parameters, tmp_path)
    for line in ["Số 12-BC/BDVQU", "Long Biên, ngày 05 tháng 4 năm 2019", "Nguyễn Văn Bình"]:
        assert line in office, line
    assert "TRƯỞNG BAN" in office and "1.081" in office


@pytest.mark.usefixtures("demo")
def test_the_demo_report_issued_and_as_word(tmp_path, django_capture_on_commit_callbacks):
    """The demo's Long Biên 2018, issued by its reviewer: the issued PDF and the Word file
    (of the same issue's figures) read the same in pdftotext."""
    reviewer = get_user_model().objects.get(username="bandanvan.longbien")
    unit, period = Unit.objects.get(path="ha-noi/long-bien"), Period.parse("2018")
    with django_capture_on_commit_callbacks(execute=True):
        issue = services.report_issue(
            actor=reviewer, unit=unit, period=period, issued_on=date(2019, 1, 10)
        )
    issue.export.refresh_from_db()
    assert issue.export.status == "done", issue.export.error
    with issue.export.file.open("rb") as stored:
        pdf = stored.read()
    docx = rendering.rollup_docx(unit, period, issue.export.parameters)
    office = assert_same_report(pdf, docx, unit, period, issue.export.parameters, tmp_path)
    assert f"Số {issue.number_text}" in office and issue.number_text.endswith("-BC/BDVQU")
    assert "Long Biên, ngày 10 tháng 01 năm 2019" in office


def test_the_word_file_is_a4_times_new_roman_14_with_the_two_column_header(source_figures):
    content = rendering.rollup_docx(source_figures["long_bien"], Q1)
    document = Document(BytesIO(content))
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.different_first_page_header_footer  # no number on page 1
    assert 'w:instr="PAGE"' in section.header._element.xml
    header = document.tables[0].rows[0].cells
    assert [p.text for p in header[0].paragraphs][:2] == ["QUẬN ỦY LONG BIÊN", "BAN DÂN VẬN"]
    assert header[1].paragraphs[0].text.upper() == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert "Số ……-BC/BDVQU" in [p.text for p in header[0].paragraphs]
    figures = [t for t in document.tables if t.style.name == "Table Grid"]  # not the layout
    assert figures and all('w:tblHeader w:val="true"' in t.rows[0]._tr.xml for t in figures)
    sign = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text).rows[0].cells
    assert "Nơi nhận:" in sign[0].text and "Nguyễn Văn Bình" in sign[1].text


def test_the_export_page_offers_word_beside_the_pdf_and_the_worker_renders_it(
    client, post, source_figures, login_as
):
    login_as(Role.REVIEWER, source_figures["long_bien"])
    page = client.get("/tong-hop/?unit=ha-noi/long-bien&period=2019Q1").content.decode()
    assert 'name="format" value="docx"' in page and 'name="format" value="pdf"' in page
    data = {"unit": "ha-noi/long-bien", "period": "2019Q1"}
    export, content = download(client, post("/tong-hop/xuat/", {**data, "format": "docx"}))
    assert export.filename == "bao-cao-long-bien-2019Q1.docx" and content[:2] == b"PK"
    assert "BAN DÂN VẬN" in docx_text(content) and "1.081" in docx_text(content)
    pdf, _content = download(client, post("/tong-hop/xuat/", {**data, "format": "pdf"}))
    assert (pdf.file_format, Export.objects.count()) == ("pdf", 2)  # not the Word file reused
    status = client.get(f"/tong-hop/xuat/{export.pk}/").content.decode()
    assert "Tải tệp Word" in status and "Báo cáo tổng hợp (Word)" in status
    assert post("/tong-hop/xuat/", {**data, "format": "odt"}).status_code == 302
    assert Export.objects.count() == 2


def test_render_rollup_writes_the_docx_and_says_how_long_it_took(source_figures, tmp_path):
    out = tmp_path / "report.docx"
    stdout = StringIO()
    call_command(
        "render_rollup", unit="ha-noi/long-bien", period="2019Q1", out=str(out), stdout=stdout
    )
    assert out.read_bytes()[:2] == b"PK"
    assert re.search(r"report\.docx: \d+ bytes in \d+\.\d\d s", stdout.getvalue())


def test_the_minutes_as_word_carry_the_state_heading_opinions_and_signatures(
    client, post, login_as, district, tmp_path
):
    conference = ConferenceFactory(
        unit=district["Ngọc Thụy"],
        title="Đối thoại với hộ kinh doanh ven đê Ngọc Thụy",
        held_on=date(2019, 2, 5),
        notice_on=date(2019, 1, 25),
    )
    OpinionFactory(conference=conference, content="Đề nghị lắp đèn chiếu sáng ngõ 7")
    login_as(Role.REVIEWER, district["long_bien"])
    page = client.get(f"/doi-thoai/{conference.pk}/").content.decode()
    assert "Biên bản (Word)" in page
    data = {"kind": "minutes_pdf", "record": conference.pk, "format": "docx"}
    export, content = download(client, post("/tong-hop/xuat/", data))
    assert export.filename == f"bien-ban-doi-thoai-{conference.pk}.docx"
    text = squeeze(pdf_text(docx_as_pdf(content, tmp_path), tmp_path))
    for shown in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
        "Ngọc Thụy, ngày 05 tháng 02 năm 2019",
        "BIÊN BẢN",
        "Đối thoại với hộ kinh doanh ven đê Ngọc Thụy",
        "Đề nghị lắp đèn chiếu sáng ngõ 7",
        "THƯ KÝ",
    ]:
        assert shown in text, shown


def test_the_models_booklet_as_word_lists_the_typical_models(client, post, login_as, district):
    PracticeModelFactory(
        unit=district["Bồ Đề"], name="Chợ dân sinh không rác thải nhựa", status=Status.TYPICAL
    )
    PracticeModelFactory(unit=district["Bồ Đề"], name="Mô hình còn chờ", status=Status.REGISTERED)
    login_as(Role.REVIEWER, district["long_bien"])
    assert "Tập mô hình tiêu biểu (Word)" in client.get("/dan-van-kheo/").content.decode()
    data = {"kind": "booklet_pdf", "unit": "ha-noi/long-bien", "period": "2019", "format": "docx"}
    export, content = download(client, post("/tong-hop/xuat/", data))
    text = docx_text(content)
    assert export.filename.endswith(".docx") and "Chợ dân sinh không rác thải nhựa" in text
    assert "Mô hình còn chờ" not in text and "BAN DÂN VẬN" in text
