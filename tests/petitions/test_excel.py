"""Letter register import (dry run, row errors, all or nothing) and the formula-safe export."""

import io
import unicodedata
from datetime import date

import openpyxl
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from petitions import resources, services
from petitions.models import Case, Letter
from tests.petitions.factories import LetterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2019, 6, 1), tick=False):
        yield


def _workbook(rows, header=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header or [c.header for c in resources.import_columns()])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("so.xlsx", buffer.getvalue())


GOOD = [
    [
        "04/03/2019",
        "Ủy ban nhân dân",
        "Qua bưu điện",
        "Khiếu nại",
        "Đất đai, giải phóng mặt bằng",
        "Khiếu nại bồi thường",
        "Nguyễn Văn Bình",
        "Tổ 5",
        1,
        "Có",
        "Không",
    ],
    [
        "05/03/2019",
        "Cấp ủy",
        "Trực tiếp",
        "Tố cáo",
        "",
        "Tố cáo cán bộ",
        "Phạm Quang Huy",
        "",
        1,
        "Có",
        "Không",
    ],
]


def test_a_clean_register_is_previewed_then_imported(client, editor):
    client.force_login(editor)
    preview = client.post(reverse("petitions:letter_import"), {"file": _workbook(GOOD)})
    assert preview.status_code == 200 and not Letter.objects.exists()
    token = preview.context["token"]
    assert token and len(preview.context["preview_rows"]) == 2
    done = client.post(reverse("petitions:letter_import_confirm"), {"token": token})
    assert done.status_code == 302
    assert Letter.objects.count() == 2 and Case.objects.count() == 2
    secret = Letter.objects.get(kind="denunciation")
    assert secret.sender_name == "" and secret.identity.name == "Phạm Quang Huy"


def test_row_errors_are_listed_and_nothing_is_saved(client, editor):
    bad = [
        ["31/02/2019", *GOOD[0][1:]],  # not a date
        ["04/03/2030", *GOOD[0][1:]],  # in the future
        [GOOD[0][0], GOOD[0][1], GOOD[0][2], "Khiếu kiện", *GOOD[0][4:]],  # unknown kind
    ]
    client.force_login(editor)
    response = client.post(reverse("petitions:letter_import"), {"file": _workbook(bad)})
    errors = [(e.row, e.column) for e in response.context["sheet"].errors]
    assert errors == [(2, "Ngày nhận"), (3, "Ngày nhận"), (4, "Loại đơn")]
    assert "token" not in response.context
    assert "nằm ngoài khoảng 01/01/2000" in response.content.decode()
    assert not Letter.objects.exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("so.xlsx", b"not a workbook at all"),
        _workbook([["x"]], header=["Cột lạ"]),
    ],
    ids=["not-xlsx", "wrong-header"],
)
def test_malformed_files_get_a_clear_message(client, editor, upload):
    client.force_login(editor)
    response = client.post(reverse("petitions:letter_import"), {"file": upload})
    assert response.context["error"]
    assert not Letter.objects.exists()


def test_the_import_service_is_all_or_nothing(tree, editor):
    rows = [
        {
            "received_on": date(2019, 3, 4),
            "receiving_body": "party",
            "channel": "post",
            "kind": "complaint",
            "summary": "Một",
            "sender_name": "A",
            "signers": "one",
        },
        {
            "received_on": date(2030, 3, 4),
            "receiving_body": "party",
            "channel": "post",
            "kind": "complaint",
            "summary": "Hai",
            "sender_name": "B",
            "signers": "one",
        },
    ]
    with pytest.raises(ValidationError):
        services.letters_import(actor=editor, unit=tree["ngoc_thuy"], rows=rows)
    assert not Letter.objects.exists() and not Case.objects.exists()


def test_the_export_neutralises_formulas(client, editor, tree):
    LetterFactory(unit=tree["ngoc_thuy"], summary='=HYPERLINK("http://x","bấm")')
    client.force_login(editor)
    response = client.get(reverse("petitions:letter_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    summary = sheet.cell(row=2, column=5)
    assert summary.value == '=HYPERLINK("http://x","bấm")', "as typed, no apostrophe"
    assert summary.data_type == "s" and summary.quotePrefix


def test_the_export_gives_back_dashes_and_plus_signs_as_typed(client, editor, tree):
    typed = "- Đề nghị xem xét chế độ cho hộ bà Lò Thị Xuyến, tổ 17"
    LetterFactory(unit=tree["ngoc_thuy"], summary=typed, sender_name="+84 912 345 678")
    client.force_login(editor)
    response = client.get(reverse("petitions:letter_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    summary, sender = sheet.cell(row=2, column=5), sheet.cell(row=2, column=6)
    assert (summary.value, sender.value) == (typed, "+84 912 345 678"), "no apostrophe"
    assert summary.quotePrefix and sender.quotePrefix and summary.data_type == "s"


def test_a_register_saved_by_libreoffice_imports_as_typed(client, editor, tmp_path):
    import shutil
    import subprocess

    from danvan.excel import write_workbook
    from tests.conftest import require

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    require(soffice is not None, "LibreOffice (soffice) is not installed")
    typed = [
        ("- Đề nghị xem xét chế độ cho hộ bà Lò Thị Xuyến", "+84 912 345 678"),
        ("=1+1", "@SUM(A1)"),
    ]
    rows = [
        [*GOOD[0][:5], summary, "Đinh Thị Hảo", contact, 1, "Có", "Không"]
        for summary, contact in typed
    ]
    headers = [c.header for c in resources.import_columns()]
    source = tmp_path / "so.xlsx"
    source.write_bytes(write_workbook("Đơn thư", headers, rows))
    saved = tmp_path / "saved"
    converted = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(saved),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # LibreOffice without its Calc component cannot open a workbook at all
    require(
        "source file could not be loaded" not in converted.stderr,
        "LibreOffice Calc (libreoffice-calc-nogui) is not installed",
    )
    assert converted.returncode == 0, converted.stderr
    content = (saved / "so.xlsx").read_bytes()
    assert content != source.read_bytes(), "LibreOffice wrote its own file"
    client.force_login(editor)
    upload = SimpleUploadedFile("so-libreoffice.xlsx", content)
    preview = client.post(reverse("petitions:letter_import"), {"file": upload})
    assert preview.status_code == 200 and preview.context["sheet"].errors == []
    done = client.post(
        reverse("petitions:letter_import_confirm"), {"token": preview.context["token"]}
    )
    assert done.status_code == 302
    stored = list(Letter.objects.order_by("id").values_list("summary", "sender_contact"))
    assert stored == typed, "what was typed comes back, no apostrophe, no formula evaluated"


def test_a_register_typed_with_decimals_in_counts_or_in_nfd_imports_as_people_mean_it(
    client, editor
):
    def nfd(text):
        return unicodedata.normalize("NFD", text)

    row = [*GOOD[0]]
    row[5], row[6] = nfd("Phản ánh rác ở ngõ Thử Nhập"), nfd("Đỗ Thị Hường")
    client.force_login(editor)
    bad = client.post(
        reverse("petitions:letter_import"),
        {"file": _workbook([[*row[:8], "1,5", *row[9:]], [*row[:8], "1.2.3", *row[9:]]])},
    )
    errors = {e.row: e.message for e in bad.context["sheet"].errors}
    assert errors[2].startswith("“1,5” không phải là số nguyên")
    assert errors[3].startswith("“1.2.3” viết chưa đúng")
    assert "token" not in bad.context and not Letter.objects.exists()

    preview = client.post(
        reverse("petitions:letter_import"), {"file": _workbook([[*row[:8], "1.204", *row[9:]]])}
    )
    client.post(reverse("petitions:letter_import_confirm"), {"token": preview.context["token"]})
    letter = Letter.objects.get()
    assert (letter.summary, letter.sender_name) == ("Phản ánh rác ở ngõ Thử Nhập", "Đỗ Thị Hường")
    assert letter.signer_count == 1204
    found = client.get(reverse("petitions:letter_list"), {"q": "Hư\u200bờng"}).context["page"]
    assert [item.pk for item in found] == [letter.pk]
