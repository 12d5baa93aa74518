from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.orgs.access import Role
from models_catalog.models import Attachment

pytestmark = pytest.mark.django_db


def upload(client, model, file):
    url = reverse("models_catalog:attachment_upload", kwargs={"pk": model.pk})
    return client.post(url, {"file": file}, follow=True)


def stored_files() -> list[Path]:
    folder = Path(settings.MEDIA_ROOT)
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_a_photo_is_stored_under_a_generated_name_and_served_in_scope(
    client, tree, login_as, ward_model, png_upload
):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    upload(client, ward_model, png_upload)
    attachment = Attachment.objects.get()
    assert attachment.kind == "photo" and attachment.content_type == "image/png"
    assert attachment.original_name == "anh-hoat-dong.png"
    assert "anh-hoat-dong" not in attachment.file.name and attachment.file.name.endswith(".png")
    download = client.get(reverse("models_catalog:attachment", kwargs={"pk": attachment.pk}))
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")


def test_a_word_document_is_recognised_by_its_content(
    client, tree, login_as, ward_model, docx_bytes
):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    upload(client, ward_model, SimpleUploadedFile("bien-ban", docx_bytes))
    attachment = Attachment.objects.get()
    assert attachment.kind == "document" and attachment.file.name.endswith(".docx")


def test_an_executable_renamed_jpg_is_refused_with_a_clear_message(
    client, tree, login_as, ward_model
):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    exe = SimpleUploadedFile(
        "anh.jpg", b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="image/jpeg"
    )
    body = upload(client, ward_model, exe).content.decode()
    assert "Tệp “anh.jpg” không phải ảnh JPEG, PNG" in body
    assert "Chưa có dữ liệu nào được lưu" in body
    assert not Attachment.objects.exists() and stored_files() == []


def test_a_30_mb_file_is_refused_with_a_clear_message(client, tree, login_as, ward_model):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    big = SimpleUploadedFile("anh-lon.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (30 * 1024 * 1024))
    body = upload(client, ward_model, big).content.decode()
    assert "Tệp “anh-lon.jpg” nặng 30 MB; giới hạn là 10 MB" in body
    assert not Attachment.objects.exists() and stored_files() == []


def test_a_refused_photo_at_registration_saves_no_model_and_keeps_the_input(client, tree, login_as):
    from models_catalog.models import PracticeModel

    login_as(Role.EDITOR, tree["ngoc_thuy"])
    data = {
        "unit": "ha-noi/long-bien/ngoc-thuy",
        "registrant_kind": "collective",
        "registrant_name": "Chi đoàn khu dân cư số 2",
        "name": "Thắp sáng đường quê",
        "field": "economy",
        "level": "ward",
        "start_year": "2019",
        "photo": SimpleUploadedFile("virus.jpg", b"#!/bin/sh\nrm -rf /\n"),
    }
    response = client.post(reverse("models_catalog:register"), data)
    body = response.content.decode()
    assert response.status_code == 200 and "Thắp sáng đường quê" in body
    assert "không phải ảnh JPEG" in body
    assert not PracticeModel.objects.exists() and stored_files() == []


def test_attachments_of_another_ward_answer_404(client, tree, login_as, ward_model, png_upload):
    owner = login_as(Role.EDITOR, tree["ngoc_thuy"])
    upload(client, ward_model, png_upload)
    attachment = Attachment.objects.get()
    client.logout()
    login_as(Role.EDITOR, tree["sai_dong"])
    url = reverse("models_catalog:attachment", kwargs={"pk": attachment.pk})
    assert client.get(url).status_code == 404
    assert upload(client, ward_model, png_upload).status_code == 404
    assert owner is not None


def test_a_viewer_may_download_but_not_upload(client, tree, login_as, ward_model, png_upload):
    login_as(Role.VIEWER, tree["long_bien"])
    url = reverse("models_catalog:attachment_upload", kwargs={"pk": ward_model.pk})
    assert client.post(url, {"file": png_upload}).status_code == 403


def test_a_macro_enabled_word_file_is_refused(client, tree, login_as, ward_model):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\x00macro")
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    body = upload(client, ward_model, SimpleUploadedFile("bao-cao.docx", buffer.getvalue()))
    assert "không phải ảnh JPEG" in body.content.decode()
    assert not Attachment.objects.exists()
