import subprocess
from datetime import date

import pytest

from danvan.periods import Period
from danvan.rollup import documents, rendering
from tests.danvan.rollup.helpers import pdf_text, squeeze

Q1 = Period.parse("2019Q1")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2019, 4, 5), "Long Biên, ngày 05 tháng 4 năm 2019"),
        (date(2019, 1, 31), "Long Biên, ngày 31 tháng 01 năm 2019"),
        (date(2019, 2, 9), "Long Biên, ngày 09 tháng 02 năm 2019"),
        (date(2019, 3, 1), "Long Biên, ngày 01 tháng 3 năm 2019"),
        (date(2019, 12, 10), "Long Biên, ngày 10 tháng 12 năm 2019"),
    ],
)
def test_date_line_pads_days_below_10_and_january_february(day, expected):
    assert documents.date_line("Long Biên", day) == expected


def test_number_line_leaves_dots_for_the_office_when_no_number():
    assert documents.number_line(481, "QU") == "Số 481-BC/QU"
    assert documents.number_line("", "BDVQU") == "Số ……-BC/BDVQU"


def test_page_margins_come_from_the_setting(settings):
    settings.PDF_MARGINS_MM = [25.0, 25.0, 35.0, 15.0]  # top, bottom, left, right
    assert "margin: 25.0mm 15.0mm 25.0mm 35.0mm" in documents.page_css()
    settings.PDF_MARGINS_MM = [20.0, 20.0, 30.0, 15.0]
    assert "margin: 20.0mm 15.0mm 20.0mm 30.0mm" in documents.page_css()


def test_the_shipped_font_is_loaded_from_files_not_the_network():
    css = documents.page_css()
    assert css.count("@font-face") == 4
    assert "file:///" in css and "LiberationSerif-BoldItalic.ttf" in css
    with pytest.raises(ValueError):
        documents.files_only().fetch("https://fonts.example.org/font.ttf")


@pytest.fixture
def rollup_pdf(source_figures):
    return rendering.rollup_pdf(
        source_figures["long_bien"], Q1, {"issued_on": "2019-04-05", "number": ""}
    )


def test_rollup_pdf_has_the_party_document_header(rollup_pdf, tmp_path):
    first_page = squeeze(pdf_text(rollup_pdf, tmp_path, 1))
    for line in [
        "QUẬN ỦY LONG BIÊN",
        "BAN DÂN VẬN",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số ……-BC/BDVQU",
        "Long Biên, ngày 05 tháng 4 năm 2019",
        "BÁO CÁO",
        "Kết quả công tác dân vận quý I năm 2019",
        "I. KẾT QUẢ",
    ]:
        assert line in first_page, line


def test_rollup_pdf_writes_the_figures_as_sentences_and_tables(rollup_pdf, tmp_path):
    text = squeeze(pdf_text(rollup_pdf, tmp_path))
    assert (
        "Tiếp nhận 1.081 đơn/510 vụ việc, so với cùng kỳ tăng 15 đơn; "
        "đã giải quyết 462/510 vụ, đạt 90,59%." in text
    )
    assert "Tổ chức 14 hội nghị đối thoại" in text
    for ward in ["Phường Ngọc Thụy", "Phường Sài Đồng", "Phường Bồ Đề"]:
        assert ward in text
    assert "Tổng cộng 510 462/510 (90,59%) 1.081" in text
    # Nobody wrote sections II and III: they are left out, no placeholder stands in for them.
    assert "HẠN CHẾ" not in text and "PHƯƠNG HƯỚNG" not in text and "chưa viết" not in text
    assert "Nơi nhận:" in text and "TRƯỞNG BAN" in text and "Nguyễn Văn Bình" in text
    assert "Ban Dân vận Thành ủy," in text


def test_rollup_pdf_draws_the_charts_with_their_labels_as_text(rollup_pdf, tmp_path):
    text = squeeze(pdf_text(rollup_pdf, tmp_path))
    assert "5 kỳ gần nhất" in text  # a trend chart's title, from the first period with data
    assert "Q1/2019" in text or "2019" in text


def test_page_numbers_start_on_page_two(rollup_pdf, tmp_path):
    first = pdf_text(rollup_pdf, tmp_path, 1).strip().splitlines()
    second = pdf_text(rollup_pdf, tmp_path, 2).strip().splitlines()
    assert first[0].strip() != "1"
    assert second[0].strip() == "2"


def test_the_pdf_embeds_the_shipped_font_and_no_other(rollup_pdf, tmp_path):
    """The shipped Liberation Serif files go by a family name no machine has installed, so
    a font that failed to load would show here as the machine's fallback font."""
    source = tmp_path / "fonts.pdf"
    source.write_bytes(rollup_pdf)
    fonts = subprocess.run(["pdffonts", str(source)], capture_output=True, text=True).stdout
    embedded = [line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]]
    assert set(embedded) == {
        "Danvan-Serif",
        "Danvan-Serif-Bold",
        "Danvan-Serif-Italic",
        "Danvan-Serif-Bold-Italic",
    }, fonts


def test_render_rollup_command_writes_the_pdf(source_figures, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "report.pdf"
    call_command(
        "render_rollup", unit="ha-noi/long-bien", period="2019Q1", out=str(out), number="481"
    )
    assert out.read_bytes().startswith(b"%PDF")
    assert "Số 481-BC/BDVQU" in pdf_text(out.read_bytes(), tmp_path, 1)


def test_worker_children_warm_up_the_pdf_renderer_when_they_start():
    from celery.signals import worker_process_init

    from danvan.celery import _warm_up_documents

    assert any(receiver() is _warm_up_documents for _key, receiver in worker_process_init.receivers)
    _warm_up_documents()  # renders a small PDF with the shipped fonts; raises nothing
