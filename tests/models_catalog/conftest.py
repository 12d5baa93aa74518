import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

# The smallest valid PNG: 1×1 pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def png_upload():
    return SimpleUploadedFile("anh-hoat-dong.png", PNG, content_type="image/png")


@pytest.fixture
def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def ward_model(tree):
    """A registered model of Ngọc Thụy."""
    from tests.models_catalog.factories import PracticeModelFactory

    return PracticeModelFactory(unit=tree["ngoc_thuy"], name="Tổ tự quản an ninh trật tự")
