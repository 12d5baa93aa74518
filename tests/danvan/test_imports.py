"""The core import flow (danvan.imports) on a fake resource and service: the preview saves
nothing, the confirmation writes every row or none, and the uploaded file never outlives its
use (confirmed, cancelled, refused or expired: deleted)."""

import io
import os
import tarfile
import time

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from danvan import imports
from danvan.orgs.access import Role
from danvan.tasks import delete_expired_imports
from tests.danvan.import_urls import FORBIDDEN, HEADER, REFUSED_BY_SERVICE, REFUSED_ROW_BY_ROW

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.danvan.import_urls")]


def workbook(*rows, header=HEADER) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    for row in [header, *rows]:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("nhom.xlsx", buffer.getvalue())


def stashes(settings) -> list:
    folder = settings.MEDIA_ROOT / imports.STASH_DIR_NAME
    return sorted(folder.iterdir()) if folder.exists() else []


def age(path, minutes: float) -> None:
    then = time.time() - minutes * 60
    os.utime(path, (then, then))


@pytest.fixture
def officer(login_as, tree):
    return login_as(Role.EDITOR, tree["ngoc_thuy"])


def preview(client, *rows):
    return client.post(reverse("test_import"), {"file": workbook(*rows)})


def confirm(client, token, **extra):
    return client.post(reverse("test_import_confirm"), {"token": token, **extra})


def test_a_preview_with_row_errors_lists_them_all_and_keeps_nothing(client, officer, settings):
    response = preview(client, ["Tổ 7", "năm"], [FORBIDDEN, 3], ["Tổ 9", 4])
    assert response.status_code == 400
    errors = [(e.row, e.column, e.message) for e in response.context["sheet"].errors]
    assert (2, "Số người", "“năm” không phải là số. Hãy viết như 1.234.567 hoặc 95,5.") in errors
    assert (3, "Tên nhóm", "tên này bị cấm") in errors
    assert "token" not in response.context
    assert "Chưa có dữ liệu nào được lưu" in response.content.decode()
    assert not Group.objects.exists() and stashes(settings) == []


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("nhom.xlsx", b"PK\x03\x04 not really a workbook"),
        workbook(["Tổ 7", 5], header=["Cột lạ", "Số người"]),
    ],
    ids=["not-xlsx", "wrong-header"],
)
def test_a_malformed_file_gets_a_clear_message_and_keeps_nothing(client, officer, settings, upload):
    response = client.post(reverse("test_import"), {"file": upload})
    assert response.status_code == 400 and response.context["error"]
    assert "token" not in response.context
    assert not Group.objects.exists() and stashes(settings) == []


def test_a_clean_file_is_previewed_then_written_whole_and_its_file_deleted(
    client, officer, settings
):
    response = preview(client, ["Tổ 7", 5], ["Tổ 9", 4])
    assert response.status_code == 200
    assert [row for row, _values in response.context["preview_rows"]] == [2, 3]
    assert not Group.objects.exists(), "the preview saves nothing"
    token = response.context["token"]
    assert [p.name for p in stashes(settings)] == [f"{token}.xlsx"]

    done = confirm(client, token)
    assert done.status_code == 302 and done["Location"] == "/xong/"
    assert sorted(Group.objects.values_list("name", flat=True)) == ["thử: Tổ 7", "thử: Tổ 9"]
    assert stashes(settings) == [], "a confirmed file is deleted at once"
    assert confirm(client, token).status_code == 400, "and cannot be imported twice"
    assert Group.objects.count() == 2


def test_a_row_the_service_refuses_rolls_back_the_rows_written_before_it(client, officer, settings):
    token = preview(client, ["Tổ 7", 5], ["Tổ 8", 6], ["Tổ 9", REFUSED_BY_SERVICE]).context["token"]
    response = confirm(client, token)
    assert response.status_code == 400
    assert "dòng 4: quá đông" in response.context["error"]
    assert not Group.objects.exists(), "all or nothing"
    assert stashes(settings) == []


def test_rows_refused_one_by_one_are_shown_as_row_errors(client, officer):
    token = preview(client, ["Tổ 7", 5], ["Tổ 9", REFUSED_ROW_BY_ROW]).context["token"]
    response = confirm(client, token)
    assert response.status_code == 400
    assert [(e.row, e.message) for e in response.context["sheet"].errors] == [(3, "nhóm quá đông")]
    assert not Group.objects.exists()


def test_rows_checked_again_at_confirmation(client, officer, settings, monkeypatch):
    """The rules may have moved between the preview and the confirmation."""
    token = preview(client, ["Tổ 7", 5]).context["token"]
    monkeypatch.setattr("tests.danvan.import_urls.FORBIDDEN", "Tổ 7")
    response = confirm(client, token)
    assert response.status_code == 400 and response.context["sheet"].errors
    assert not Group.objects.exists() and stashes(settings) == []


def test_an_expired_upload_is_refused_and_deleted(client, officer, settings):
    settings.IMPORT_STASH_MINUTES = 30
    token = preview(client, ["Tổ 7", 5]).context["token"]
    (path,) = stashes(settings)
    age(path, 31)
    response = confirm(client, token)
    assert response.status_code == 400
    assert "30 phút" in response.context["error"]
    assert not Group.objects.exists()
    assert not path.exists()


def test_an_upload_within_its_time_is_still_accepted(client, officer, settings):
    settings.IMPORT_STASH_MINUTES = 30
    token = preview(client, ["Tổ 7", 5]).context["token"]
    age(stashes(settings)[0], 29)
    assert confirm(client, token).status_code == 302
    assert Group.objects.count() == 1


def test_cancel_deletes_the_file_and_saves_nothing(client, officer, settings):
    token = preview(client, ["Tổ 7", 5]).context["token"]
    response = confirm(client, token, cancel="1")
    assert response.status_code == 302 and response["Location"] == "/quay-lai/"
    assert stashes(settings) == [] and not Group.objects.exists()
    assert confirm(client, token).status_code == 400


def test_another_session_can_neither_confirm_nor_cancel_a_token(
    client, officer, make_member, tree, settings
):
    token = preview(client, ["Tổ 7", 5]).context["token"]
    other = Client()
    other.force_login(make_member(Role.EDITOR, tree["ngoc_thuy"]))
    assert other.post(reverse("test_import_confirm"), {"token": token}).status_code == 400
    other.post(reverse("test_import_confirm"), {"token": token, "cancel": "1"})
    assert not Group.objects.exists()
    assert len(stashes(settings)) == 1, "the owner's file is left alone"
    assert confirm(client, token).status_code == 302


@pytest.mark.parametrize("token", ["../../secret", "A" * 32, "", "0" * 31])
def test_a_malformed_token_is_refused_and_touches_no_file(client, officer, settings, token):
    outside = settings.MEDIA_ROOT / "secret.xlsx"
    outside.parent.mkdir(parents=True, exist_ok=True)
    outside.write_bytes(b"keep")
    assert confirm(client, token).status_code == 400
    assert confirm(client, token, cancel="1").status_code == 302
    assert outside.read_bytes() == b"keep"


def test_a_session_keeps_ten_uploads_and_deletes_the_older_ones(client, officer, settings):
    tokens = [preview(client, [f"Tổ {n}", n]).context["token"] for n in range(12)]
    assert sorted(p.stem for p in stashes(settings)) == sorted(tokens[2:])
    assert confirm(client, tokens[0]).status_code == 400


def test_the_cleanup_job_deletes_only_expired_uploads(settings):
    settings.IMPORT_STASH_MINUTES = 60
    folder = settings.MEDIA_ROOT / imports.STASH_DIR_NAME
    folder.mkdir(parents=True)
    old, fresh = folder / f"{'a' * 32}.xlsx", folder / f"{'b' * 32}.xlsx"
    for path in (old, fresh):
        path.write_bytes(b"PK")
    age(old, 61)
    age(fresh, 59)
    elsewhere = settings.MEDIA_ROOT / "evidence" / "old.pdf"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_bytes(b"%PDF")
    age(elsewhere, 24 * 60)

    assert delete_expired_imports() == 1
    assert not old.exists() and fresh.exists() and elsewhere.exists()
    assert delete_expired_imports() == 0


def test_the_cleanup_job_is_scheduled(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["delete-expired-imports"]
    assert entry["task"] == "danvan.tasks.delete_expired_imports"
    assert entry["schedule"] <= 60 * 60


def test_the_blank_template_has_the_header_and_the_example(client, officer):
    response = client.get(reverse("test_import_template"))
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhom.xlsx"'
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert rows == [tuple(HEADER), ("Nhóm mẫu", 3)]


def test_the_backup_leaves_out_waiting_uploads(client, officer, settings, tmp_path):
    preview(client, ["Ông Nguyễn Văn Tố, 0912 345 678", 1])
    evidence = settings.MEDIA_ROOT / "evidence" / "anh.jpg"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"\xff\xd8\xff")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", out=str(archive), verbosity=0)
    with tarfile.open(archive) as backup:
        names = backup.getnames()
    assert "media/evidence/anh.jpg" in names
    assert stashes(settings) and not [n for n in names if "imports" in n]


def test_an_unconfirmed_upload_is_gone_after_its_lifetime_and_never_in_a_backup(
    client, officer, settings, tmp_path
):
    """Acceptance of issue 19: a backup made while the upload waits leaves it out (and says
    so in its README); after IMPORT_STASH_MINUTES the embedded mode's command deletes it."""
    settings.IMPORT_STASH_MINUTES = 180
    preview(client, ["Bà Trần Thị Khiếu, 0987 654 321", 1])
    [waiting] = stashes(settings)
    archive = tmp_path / "truoc.tar.gz"
    call_command("backup", out=str(archive), verbosity=0)
    with tarfile.open(archive) as backup:
        names = backup.getnames()
        readme = backup.extractfile("README.txt").read().decode()
        everything = b"".join(
            backup.extractfile(member).read() for member in backup if member.isfile()
        )
    assert not [name for name in names if imports.STASH_DIR_NAME in name]
    assert b"0987 654 321" not in everything and "Khiếu".encode() not in everything
    assert "db.json" in readme and f"media/{imports.STASH_DIR_NAME}/" in readme

    age(waiting, 179)
    call_command("delete_expired_imports", verbosity=0)
    assert waiting.exists()  # still within its lifetime
    age(waiting, 181)
    call_command("delete_expired_imports", verbosity=0)
    assert not waiting.exists()


def test_a_new_upload_sweeps_the_expired_ones_without_a_beat(client, officer, settings):
    preview(client, ["Tổ cũ", 1])
    [old] = stashes(settings)
    age(old, settings.IMPORT_STASH_MINUTES + 1)
    preview(client, ["Tổ mới", 2])
    assert old not in stashes(settings) and len(stashes(settings)) == 1
