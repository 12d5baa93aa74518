import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.models_catalog.factories import PNG


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
