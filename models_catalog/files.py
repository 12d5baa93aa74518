"""What an uploaded evidence file really is, read from its first bytes, never its name."""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from danvan.excel import MAX_COMPRESSION_RATIO, MAX_UNCOMPRESSED_BYTES
from danvan.numbers import format_number

# detected type -> (extension, MIME type, attachment kind)
KNOWN = {
    "jpeg": ("jpg", "image/jpeg", "photo"),
    "png": ("png", "image/png", "photo"),
    "pdf": ("pdf", "application/pdf", "document"),
    "docx": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "document",
    ),
    "xlsx": (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "document",
    ),
}


class FileRefused(Exception):
    """The message says why, in the user's language."""


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return None
    if unpacked > MAX_UNCOMPRESSED_BYTES or unpacked > MAX_COMPRESSION_RATIO * len(data):
        return None  # a zip bomb: whoever opens it would unpack far more than was sent
    if "[Content_Types].xml" not in names:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None  # a macro-enabled document: code, not evidence
    if any(name.startswith("word/") for name in names):
        return "docx"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    return None


def detect(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None


def check(upload) -> tuple[bytes, str]:
    """The file's bytes and detected type, or FileRefused before anything is written."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise FileRefused(
            _("The file “%(name)s” is %(size)s MB; the limit is %(limit)s MB. Nothing was saved.")
            % {
                "name": upload.name,
                "size": format_number(upload.size / 1048576, 1),
                "limit": format_number(limit / 1048576, 1),
            }
        )
    upload.seek(0)
    data = upload.read()
    kind = detect(data)
    if kind is None:
        raise FileRefused(
            _(
                "The file “%(name)s” is not a JPEG or PNG photo, nor a PDF, Word (.docx) or "
                "Excel (.xlsx) document, whatever its name says. Nothing was saved."
            )
            % {"name": upload.name}
        )
    return data, kind
