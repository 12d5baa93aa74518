"""Hostile files at every upload field: oversized, a disguised type, a zip bomb in an .xlsx,
and path tricks in the name. Never a 500, never a row saved, never a file outside MEDIA_ROOT."""

import functools
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.drills.helpers import import_urls, row_counts, seed_and_log_in, xlsx

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
PATH_TRICKS = ["../../etc/passwd", "/etc/passwd", "..\\..\\windows\\win.ini", "a\x00b", "...."]


@functools.cache
def zip_bomb() -> bytes:
    """A valid-looking .xlsx whose sheet unpacks to 200 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"0" * (1 << 20)
            for _ in range(200):
                sheet.write(chunk)
    return buffer.getvalue()


def hostile_files(extension: str, pictures_allowed=False):
    yield "oversized", SimpleUploadedFile(f"big.{extension}", b"0" * (11 * 1024 * 1024))
    if not pictures_allowed:  # evidence is typed by content: a PNG named .pdf is a picture
        yield "png disguised", SimpleUploadedFile(f"bang.{extension}", PNG)
    yield "html disguised", SimpleUploadedFile(f"h.{extension}", b"<html><script>alert(1)</script>")
    yield "script disguised", SimpleUploadedFile(f"x.{extension}", b"#!/bin/sh\nrm -rf /\n")
    yield "zip bomb", SimpleUploadedFile(f"bomb.{extension}", zip_bomb())
    yield "empty", SimpleUploadedFile(f"empty.{extension}", b"")


@pytest.fixture
def portal(client, db):
    seed_and_log_in(client)
    return client


def test_every_import_refuses_hostile_files_and_saves_nothing(portal):
    refused = []
    for name, url in import_urls().items():
        for kind, upload in hostile_files("xlsx"):
            before = row_counts()
            response = portal.post(url, {"file": upload})
            assert response.status_code < 500, (name, kind)
            assert row_counts() == before, (name, kind)
            assert 'name="token"' not in response.content.decode(), (name, kind)  # no preview
            refused.append((name, kind))
    assert len(refused) == 5 * 6


def test_every_import_keeps_path_tricks_in_file_names_harmless(portal, settings):
    good = xlsx([["a", "b"], ["1", "2"]])
    for name, url in import_urls().items():
        for trick in PATH_TRICKS:
            before = row_counts()
            response = portal.post(url, {"file": SimpleUploadedFile(trick + ".xlsx", good)})
            assert response.status_code < 500, (name, trick)
            assert row_counts() == before, (name, trick)
    stored = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert all(p.resolve().is_relative_to(settings.MEDIA_ROOT.resolve()) for p in stored)
    assert all(p.suffix == ".xlsx" and len(p.stem) == 32 for p in stored)  # token names only


def attachment_url() -> str:
    from models_catalog.models import PracticeModel

    return f"/dan-van-kheo/{PracticeModel.objects.order_by('pk').first().pk}/tep/"


def test_evidence_uploads_refuse_hostile_files_and_disguises(portal):
    for extension in ["jpg", "png", "pdf", "docx", "xlsx"]:
        for kind, upload in hostile_files(extension, pictures_allowed=True):
            before = row_counts()
            response = portal.post(attachment_url(), {"file": upload})
            assert response.status_code < 500, (extension, kind)
            assert row_counts() == before, (extension, kind)


def test_evidence_file_names_with_path_tricks_are_stored_under_media(portal, settings):
    from models_catalog.models import Attachment

    for trick in PATH_TRICKS:
        response = portal.post(attachment_url(), {"file": SimpleUploadedFile(trick + ".png", PNG)})
        assert response.status_code < 500, trick
    media = settings.MEDIA_ROOT.resolve()
    for attachment in Attachment.objects.all():
        stored = (settings.MEDIA_ROOT / attachment.file.name).resolve()
        assert stored.is_relative_to(media), attachment.file.name
        assert "\x00" not in attachment.file.name and ".." not in attachment.file.name
        assert "\x00" not in attachment.original_name
    assert not (settings.MEDIA_ROOT.parent / "etc").exists()


def test_registration_photo_refuses_disguised_files(portal):
    for kind, upload in hostile_files("jpg", pictures_allowed=True):
        before = row_counts()
        data = {"name": "Mô hình thử", "field": "economy", "level": "ward", "photo": upload}
        response = portal.post("/dan-van-kheo/dang-ky/", data)
        assert response.status_code < 500, kind
        assert row_counts() == before, kind
