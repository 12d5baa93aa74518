import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.orgs.access import Role
from models_catalog.models import PracticeModel, PracticeModelEvent, Registrant

pytestmark = pytest.mark.django_db
HEADERS = [
    "Mã đơn vị",
    "Tên mô hình",
    "Tập thể/Cá nhân",
    "Tên tập thể/cá nhân",
    "Chức vụ",
    "Lĩnh vực",
    "Cấp",
    "Từ năm",
    "Đến năm",
    "Trạng thái",
]
WARD = "ha-noi/long-bien/ngoc-thuy"


def workbook(*rows) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("so-dang-ky.xlsx", buffer.getvalue())


GOOD = [
    (
        WARD,
        "Đêm văn nghệ",
        "Tập thể",
        "Tổ dân phố số 18",
        "",
        "Văn hóa – xã hội",
        "Cấp phường, xã",
        2018,
        None,
        "",
    ),
    (
        WARD,
        "Vườn hoa trên đê",
        "Tập thể",
        "to dan pho so 18",
        "",
        "Xây dựng Đảng",
        "Cấp phường, xã",
        2018,
        2019,
        "Đang thực hiện",
    ),
    (
        WARD,
        "Gia đình văn hóa",
        "Cá nhân",
        "Nguyễn Văn Hùng",
        "Tổ trưởng",
        "Kinh tế",
        "Cấp phường, xã",
        2018,
        None,
        None,
    ),
]


def test_preview_saves_nothing_and_confirm_imports_all_rows(client, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    preview = client.post(reverse("models_catalog:import"), {"file": workbook(*GOOD)})
    assert preview.status_code == 200 and not PracticeModel.objects.exists()
    token = preview.context["token"]
    assert "3 dòng" in preview.content.decode()
    done = client.post(reverse("models_catalog:import_confirm"), {"token": token})
    assert done.status_code == 302
    assert PracticeModel.objects.count() == 3
    assert Registrant.objects.filter(kind="collective").count() == 1  # the same group twice
    phase = PracticeModel.objects.get(name="Vườn hoa trên đê")
    assert (phase.field, phase.start_year, phase.end_year, phase.status) == (
        "political_system",
        2018,
        2019,
        "implementing",
    )
    assert PracticeModelEvent.objects.filter(action="import").count() == 3


def test_row_errors_are_shown_and_nothing_is_saved(client, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    bad = [
        GOOD[0],
        (
            "ha-noi/long-bien/sai-dong",
            "Ngoài phạm vi",
            "Tập thể",
            "Chi đoàn",
            "",
            "Kinh tế",
            "Cấp phường, xã",
            2018,
            None,
            None,
        ),
        (
            WARD,
            "Tự công nhận",
            "Tập thể",
            "Chi hội",
            "",
            "Kinh tế",
            "Cấp phường, xã",
            2018,
            None,
            "Được công nhận",
        ),
        (WARD, "", "Nhóm", "Chi hội", "", "Nông nghiệp", "Cấp phường, xã", 2019, 2017, None),
    ]
    response = client.post(reverse("models_catalog:import"), {"file": workbook(*bad)})
    body = response.content.decode()
    errors = {(e.row, e.column) for e in response.context["sheet"].errors}
    assert {
        (3, "Mã đơn vị"),
        (4, "Trạng thái"),
        (5, "Tên mô hình"),
        (5, "Tập thể/Cá nhân"),
    } <= errors
    assert {(5, "Lĩnh vực"), (5, "Đến năm")} <= errors
    assert "Chưa có dữ liệu nào được lưu" in body and "token" not in response.context
    assert not PracticeModel.objects.exists()


def test_a_reviewer_may_import_recognised_models(client, tree, login_as):
    login_as(Role.ADMIN, tree["long_bien"])
    row = (
        WARD,
        "Mô hình cũ",
        "Tập thể",
        "Chi hội",
        "",
        "Kinh tế",
        "Cấp phường, xã",
        2017,
        None,
        "Được công nhận",
    )
    preview = client.post(reverse("models_catalog:import"), {"file": workbook(row)})
    client.post(reverse("models_catalog:import_confirm"), {"token": preview.context["token"]})
    assert PracticeModel.objects.get().status == "recognised"


def test_export_can_be_imported_back(client, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    preview = client.post(reverse("models_catalog:import"), {"file": workbook(*GOOD)})
    client.post(reverse("models_catalog:import_confirm"), {"token": preview.context["token"]})
    exported = client.get(reverse("models_catalog:export")).content
    PracticeModel.objects.all().delete()
    again = client.post(
        reverse("models_catalog:import"), {"file": SimpleUploadedFile("xuat.xlsx", exported)}
    )
    assert again.context["sheet"].ok and len(again.context["sheet"].rows) == 3


def test_the_template_has_the_header_row(client, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    content = client.get(reverse("models_catalog:import_template")).content
    header = next(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert list(header[: len(HEADERS)]) == HEADERS


def test_a_year_beyond_the_calendar_is_a_row_error(client, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    row = (
        WARD,
        "Mô hình",
        "Tập thể",
        "Chi hội",
        "",
        "Kinh tế",
        "Cấp phường, xã",
        20190,
        None,
        None,
    )
    response = client.post(reverse("models_catalog:import"), {"file": workbook(row)})
    assert [(e.row, e.column) for e in response.context["sheet"].errors] == [(2, "Từ năm")]
    assert not PracticeModel.objects.exists()
