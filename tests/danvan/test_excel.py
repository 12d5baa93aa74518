import io
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.excel import (
    Column,
    ExcelError,
    csv_cell,
    needs_quote_prefix,
    read_sheet,
    write_workbook,
)

COLUMNS = [
    Column("unit", "Mã đơn vị"),
    Column("actual", "Thực hiện", kind="int"),
    Column("target", "Chỉ tiêu", kind="decimal", required=False),
    Column("day", "Ngày", kind="date", required=False),
    Column(
        "kind", "Loại", kind="choice", choices={"Khiếu nại": "complaint", "Tố cáo": "denunciation"}
    ),
]


def xlsx(rows) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("du-lieu.xlsx", buffer.getvalue())


HEADER = ["Mã đơn vị", "Thực hiện", "Chỉ tiêu", "Ngày", "Loại"]


def test_good_rows_are_parsed_with_vietnamese_number_writing():
    sheet = read_sheet(
        xlsx(
            [
                HEADER,
                ["ngoc-thuy", 7775, "8.233", "31/12/2018", "khieu nai"],
                ["sai-dong", "12", "95,5", None, "Tố cáo"],
            ]
        ),
        COLUMNS,
    )
    assert sheet.ok
    assert sheet.rows[0] == {
        "_row": 2,
        "unit": "ngoc-thuy",
        "actual": 7775,
        "target": Decimal("8233"),
        "day": date(2018, 12, 31),
        "kind": "complaint",
    }
    assert sheet.rows[1]["target"] == Decimal("95.5") and sheet.rows[1]["kind"] == "denunciation"


def test_bad_cells_give_row_errors_with_the_excel_row_number():
    sheet = read_sheet(
        xlsx([HEADER, ["a", "abc", 1, None, "Tố cáo"], ["b", -3, 1, "32/13/2019", "Khác"]]), COLUMNS
    )
    messages = {(e.row, e.column): e.message for e in sheet.errors}
    assert messages[(2, "Thực hiện")] == "“abc” không phải là số. Hãy viết như 1.234.567 hoặc 95,5."
    assert messages[(3, "Thực hiện")] == "phải lớn hơn hoặc bằng 0"
    assert "không phải là ngày" in messages[(3, "Ngày")]
    assert "Khiếu nại; Tố cáo" in messages[(3, "Loại")]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("trong.xlsx", b""), "Tệp không có dữ liệu."),
        (
            SimpleUploadedFile("van-ban.xlsx", b"MZ\x90\x00 this is an exe"),
            "không phải bảng tính Excel",
        ),
        (
            SimpleUploadedFile("so.csv.xlsx", "Mã đơn vị,Thực hiện\n".encode()),
            "không phải bảng tính Excel",
        ),
    ],
)
def test_files_that_are_not_workbooks_are_refused(upload, message):
    with pytest.raises(ExcelError, match=message):
        read_sheet(upload, COLUMNS)


def test_wrong_header_names_the_missing_columns():
    with pytest.raises(ExcelError, match="Thiếu các cột: Thực hiện, Loại"):
        read_sheet(xlsx([["Mã đơn vị", "Số lượng"], ["a", 1]]), COLUMNS)


def test_header_without_rows_is_refused():
    with pytest.raises(ExcelError, match="không có dòng dữ liệu"):
        read_sheet(xlsx([HEADER]), COLUMNS)


def test_a_20_mb_file_is_refused_before_reading(settings):
    big = SimpleUploadedFile("lon.xlsx", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(ExcelError, match="20 MB; giới hạn là 10 MB"):
        read_sheet(big, COLUMNS)


def test_a_zip_bomb_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * (150 * 1024 * 1024))
    with pytest.raises(ExcelError, match="dung lượng bất thường"):
        read_sheet(SimpleUploadedFile("bom.xlsx", buffer.getvalue()), COLUMNS)


def test_the_quote_prefix_rule():
    for text in ['=HYPERLINK("http://x")', "+1", "@SUM(A1)", "- Đề nghị", "\t=1", "\n=1"]:
        assert needs_quote_prefix(text), text
    for value in [-5, "Ngọc Thụy", "Đề nghị - xem xét", "0912 345 678", None]:
        assert not needs_quote_prefix(value), value


TYPED = ["- Đề nghị xem xét chế độ cho hộ ông Vương", "+84 912 345 678", "=1+1", "@SUM(A1)"]


def test_export_keeps_text_as_typed_and_protects_formulas_with_the_quote_prefix():
    content = write_workbook("Đơn", ["Nội dung", "Số"], [[text, 3] for text in TYPED])
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    for row, text in enumerate(TYPED, start=2):
        cell = sheet.cell(row=row, column=1)
        assert cell.value == text, "comes back as typed, no apostrophe"
        assert cell.data_type == "s" and cell.quotePrefix, "stored as text, quote prefix"
    assert sheet["B2"].value == 3 and not sheet["B2"].quotePrefix
    assert not sheet["A1"].quotePrefix
    # the file itself: a string cell with the text as typed, no formula; the style's quotePrefix
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        cells = archive.read("xl/worksheets/sheet1.xml").decode()
        styles = archive.read("xl/styles.xml").decode()
    assert 't="inlineStr"><is><t>=1+1</t>' in cells
    assert "<f>" not in cells and "'" not in cells
    assert 'quotePrefix="1"' in styles


def test_a_csv_cell_gets_the_apostrophe_only_when_a_spreadsheet_would_evaluate_it():
    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_cell("+84 912 345 678") == "'+84 912 345 678"
    assert csv_cell("Phường Ô Chợ Dừa, 12 - 14") == "Phường Ô Chợ Dừa, 12 - 14"
    assert csv_cell(1081) == 1081
