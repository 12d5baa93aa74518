"""Units with their lineage from one Excel sheet on the administration pages: file checks,
a dry-run preview that saves nothing, Vietnamese row errors, then all rows or none, written
by the unit services (history with the administrator, scope by path at once)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.excel import write_workbook
from danvan.orgs.access import Role
from danvan.orgs.models import Unit, UnitLineage
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

HEADERS = [
    "Mã đơn vị cấp trên",
    "Đơn vị",
    "Mã đơn vị",
    "Loại",
    "Hiệu lực từ",
    "Đơn vị tiền thân",
    "Căn cứ pháp lý",
]


@pytest.fixture
def soc_son(tree):
    """An old district the demo does not have, with three old communes closing 30/6/2025."""
    district = UnitFactory(name="Sóc Sơn Cũ", kind="rural_district", parent=tree["ha_noi"])
    old = {
        name: UnitFactory(name=name, kind="commune", parent=district, valid_to=date(2025, 6, 30))
        for name in ("Phù Linh", "Tân Minh", "Tiên Dược")
    }
    return {"district": district, **old}


def sheet(*rows) -> bytes:
    return write_workbook("Đơn vị", HEADERS, rows)


def post(client, unit, content, **data):
    url = reverse("administration:units_import", args=[unit.pk])
    if content is not None:
        data["file"] = SimpleUploadedFile("don-vi.xlsx", content)
    return client.post(url, data)


def test_a_reform_list_is_previewed_then_imported_with_its_lineage(client, tree, soc_son, login_as):
    admin = login_as(Role.ADMIN, tree["ha_noi"])
    content = sheet(
        [
            "ha-noi",
            "Trung Giã Mới",
            "",
            "Xã",
            "01/07/2025",
            "ha-noi/soc-son-cu/phu-linh (toàn bộ); ha-noi/soc-son-cu/tan-minh (phần lớn)",
            "Nghị quyết số 1656/NQ-UBTVQH15",
        ],
        [
            "ha-noi",
            "Đa Phúc Mới",
            "da-phuc",
            "Phường",
            "01/07/2025",
            "ha-noi/soc-son-cu/tien-duoc",
            "",
        ],
    )
    preview = post(client, tree["ha_noi"], content)
    page = preview.content.decode()
    assert preview.status_code == 200 and "2 dòng sẵn sàng để nhập" in page, page[-2000:]
    assert "Trung Giã Mới" in page and not Unit.objects.filter(name="Trung Giã Mới").exists()

    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    done = post(client, tree["ha_noi"], None, token=token)
    assert done.status_code == 302
    trung_gia = Unit.objects.get(path="ha-noi/trung-gia-moi")
    da_phuc = Unit.objects.get(path="ha-noi/da-phuc")
    assert (trung_gia.kind, trung_gia.depth, trung_gia.valid_from) == (
        "commune",
        1,
        date(2025, 7, 1),
    )
    assert da_phuc.kind == "ward"
    links = {
        (link.predecessor.name, link.share, link.legal_basis)
        for link in UnitLineage.objects.filter(successor=trung_gia)
    }
    assert links == {
        ("Phù Linh", "whole", "Nghị quyết số 1656/NQ-UBTVQH15"),
        ("Tân Minh", "most", "Nghị quyết số 1656/NQ-UBTVQH15"),
    }
    assert UnitLineage.objects.get(successor=da_phuc).share == "whole"  # no share written: whole
    assert trung_gia.history.get().history_user == admin
    assert Unit.objects.visible_to(admin).filter(pk=trung_gia.pk).exists()


def test_row_errors_are_in_vietnamese_and_nothing_is_saved(client, tree, soc_son, login_as):
    login_as(Role.ADMIN, tree["long_bien"])
    before = Unit.objects.count()
    content = sheet(
        [
            "ha-noi/long-bien",
            "Phúc Lợi Mới",
            "",
            "Phường",
            "",
            "ha-noi/long-bien/ngoc-thuy (nửa)",
            "",
        ],
        ["ha-noi/dong-da", "Láng Mới", "", "Phường", "", "", ""],  # a sibling district
        ["ha-noi/long-bien", "Sài Đồng", "", "Phường", "", "", ""],  # already there
        ["ha-noi/long-bien", "Việt Hưng Mới", "", "Phường", "", "ha-noi/soc-son-cu/phu-linh", ""],
        ["ha-noi/long-bien", "Gia Thụy Mới", "", "Thôn", "", "", ""],
    )
    response = post(client, tree["long_bien"], content)
    page = response.content.decode()
    assert response.status_code == 400
    for message in [
        "ghi theo mẫu “mã đơn vị (toàn bộ | phần lớn | một phần)”: "
        "ha-noi/long-bien/ngoc-thuy (nửa)",
        "đơn vị không có hoặc ngoài phạm vi của bạn",
        "mã đơn vị ha-noi/long-bien/sai-dong đã có",
        "ha-noi/soc-son-cu/phu-linh: đơn vị không có hoặc ngoài phạm vi của bạn",
        "Thôn",
    ]:
        assert message in page, message
    assert "Có 5 lỗi. Chưa có dữ liệu nào được lưu." in page
    assert Unit.objects.count() == before


def test_a_file_that_is_not_a_workbook_is_refused(client, tree, login_as):
    login_as(Role.ADMIN, tree["long_bien"])
    response = post(client, tree["long_bien"], b"PK\x03\x04 not really a zip")
    assert response.status_code == 400 and "không phải bảng tính Excel" in response.content.decode()


def test_the_template_s_sample_row_is_refused_as_it_is(client, tree, login_as):
    login_as(Role.ADMIN, tree["long_bien"])
    template = client.get(reverse("administration:units_template", args=[tree["long_bien"].pk]))
    assert template.status_code == 200
    response = post(client, tree["long_bien"], template.content)
    assert response.status_code == 400
    assert "vi-du-phuong-cu: đơn vị không có" in response.content.decode()


def test_only_the_subtree_s_administrators_import(client, tree, make_member):
    content = sheet(["ha-noi/dong-da", "Láng Mới", "", "Phường", "", "", ""])
    client.force_login(make_member(Role.ADMIN, tree["long_bien"]))
    assert post(client, tree["dong_da"], content).status_code == 404
    client.force_login(make_member(Role.REVIEWER, tree["dong_da"]))
    assert post(client, tree["dong_da"], content).status_code == 403
    assert not Unit.objects.filter(name="Láng Mới").exists()
