"""The national case reference (format, uniqueness, shown, searched, exported) and the
exchange export of cases (CSV and JSON, scoped, no sender identity)."""

import csv
import io
import json

import openpyxl
import pytest
from django.urls import reverse

from petitions.models import Case
from tests.petitions.factories import LetterFactory

pytestmark = pytest.mark.django_db

NAME = "Lưu Thị Kiều Oanh"
ADDRESS = "Số 77 ngách 9/14 phố Gia Quất"
PHONE = "0912 345 678"


def _edit(client, case, reference, summary="Khiếu nại ranh giới thửa đất 208"):
    return client.post(
        reverse("petitions:case_edit", args=[case.pk]),
        {"summary": summary, "national_reference": reference, "version": case.version},
    )


def test_a_valid_reference_is_normalised_and_shown(client, editor, tree):
    case = LetterFactory(unit=tree["ngoc_thuy"]).case
    client.force_login(editor)
    response = _edit(client, case, "  hn-lb/2026.00417 ")
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).national_reference == "HN-LB/2026.00417"
    page = client.get(reverse("petitions:case_detail", args=[case.pk])).content.decode()
    assert "HN-LB/2026.00417" in page
    found = client.get(reverse("petitions:case_list"), {"q": "HN-LB/2026.00417"})
    assert [c.pk for c in found.context["page"]] == [case.pk]


@pytest.mark.parametrize("bad", ["AB1", "HN LB 2026", "HN_2026_01", "-HN2026", "Đ" * 8, "A" * 41])
def test_a_bad_reference_gets_a_vietnamese_error_and_keeps_the_input(client, editor, tree, bad):
    case = LetterFactory(unit=tree["ngoc_thuy"]).case
    client.force_login(editor)
    response = _edit(client, case, bad, summary="Tóm tắt mới 5521")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Mã hồ sơ quốc gia gồm 6 đến 40 ký tự" in text
    assert "Tóm tắt mới 5521" in text
    assert Case.objects.get(pk=case.pk).national_reference == ""


def test_a_duplicate_reference_is_refused_blank_is_shared(client, editor, tree):
    first = LetterFactory(unit=tree["ngoc_thuy"]).case
    second = LetterFactory(unit=tree["ngoc_thuy"]).case
    third = LetterFactory(unit=tree["ngoc_thuy"]).case  # blank, like `second`: allowed
    client.force_login(editor)
    assert _edit(client, first, "QG-2026-88123").status_code == 302
    response = _edit(client, second, "qg-2026-88123")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Một vụ việc khác đã có mã hồ sơ quốc gia này." in text
    assert 'value="qg-2026-88123"' in text  # what was typed is kept
    assert Case.objects.get(pk=second.pk).national_reference == ""
    assert Case.objects.get(pk=third.pk).national_reference == ""
    first.refresh_from_db()
    assert _edit(client, first, "QG-2026-88123", summary="Sửa lại 7").status_code == 302


def test_the_letter_excel_export_has_the_reference(client, editor, tree):
    case = LetterFactory(unit=tree["ngoc_thuy"]).case
    Case.objects.filter(pk=case.pk).update(national_reference="XLSX-7741")
    client.force_login(editor)
    response = client.get(reverse("petitions:letter_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Mã hồ sơ trên cơ sở dữ liệu quốc gia"
    assert rows[1][-1] == "XLSX-7741"


@pytest.fixture
def planted(tree, editor):
    """A denunciation with an identity in Ngọc Thụy, and a case of another unit (Cát Linh)."""
    secret = LetterFactory(
        unit=tree["ngoc_thuy"],
        actor=editor,
        kind="denunciation",
        summary="Tố cáo thu tiền trái phép chợ 3391",
        sender_name=NAME,
        sender_contact=f"{ADDRESS}, {PHONE}",
    )
    Case.objects.filter(pk=secret.case_id).update(national_reference="TC-3391/2026")
    other = LetterFactory(unit=tree["cat_linh"], summary="Khiếu nại Cát Linh 6402").case
    return secret.case, other


def _assert_clean(text, secret, other):
    assert NAME not in text and ADDRESS not in text and PHONE not in text
    assert "Oanh" not in text and "0912" not in text
    assert "Khiếu nại Cát Linh 6402" not in text


def test_the_csv_exchange_export(client, editor, planted):
    secret, other = planted
    client.force_login(editor)
    response = client.get(reverse("petitions:case_exchange"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    _assert_clean(text, secret, other)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(row["id"]) for row in rows] == [secret.pk]
    assert rows[0]["national_reference"] == "TC-3391/2026"
    assert rows[0]["kind"] == "denunciation" and rows[0]["letters"] == "1"
    assert rows[0]["summary"] == "Tố cáo thu tiền trái phép chợ 3391"


def test_the_json_exchange_export(client, editor, planted):
    secret, other = planted
    client.force_login(editor)
    response = client.get(reverse("petitions:case_exchange"), {"format": "json"})
    assert response.status_code == 200
    text = response.content.decode()
    _assert_clean(text, secret, other)
    data = json.loads(text)
    assert [case["id"] for case in data["cases"]] == [secret.pk]
    assert data["cases"][0]["received_on"] == secret.received_on.isoformat()
    assert other.pk not in [case["id"] for case in data["cases"]]


def test_the_exchange_export_refuses_an_unknown_format_and_strangers(client, editor, planted):
    client.force_login(editor)
    response = client.get(reverse("petitions:case_exchange"), {"format": "xml"})
    assert response.status_code == 400 and "CSV hoặc JSON" in response.content.decode()
    client.logout()
    anonymous = client.get(reverse("petitions:case_exchange"))
    assert anonymous.status_code in (302, 403, 404)
    assert NAME not in anonymous.content.decode()


def test_the_migration_normalises_and_fails_loudly_on_duplicates(tree):
    """Existing data: the data step of 0005 trims/uppercases, and names the duplicate cases."""
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    step = import_module("petitions.migrations.0005_case_national_reference_unique")
    constraint = next(c for c in Case._meta.constraints if c.name.endswith("reference_unique"))
    first = LetterFactory(unit=tree["ngoc_thuy"]).case
    second = LetterFactory(unit=tree["ngoc_thuy"]).case
    # A conditional unique constraint is a partial unique index (PostgreSQL and SQLite); the
    # drop is rolled back with the test's transaction.
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(constraint.name)}")
    Case.objects.filter(pk=first.pk).update(national_reference=" dup-5150 ")
    step.normalize_and_check_duplicates(apps, None)
    assert Case.objects.get(pk=first.pk).national_reference == "DUP-5150"
    Case.objects.filter(pk=second.pk).update(national_reference="dup-5150")
    with pytest.raises(RuntimeError, match=rf"DUP-5150: cases {first.pk}, {second.pk}"):
        step.normalize_and_check_duplicates(apps, None)
