"""A district's officers and their roles from one Excel sheet: new people get a temporary
password they must change, existing people get the role; the units stay inside the
administrator's subtree; all rows or none."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.excel import write_workbook
from danvan.orgs.access import Role
from danvan.orgs.models import Membership
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

HEADERS = [
    "Tên đăng nhập",
    "Họ và tên đệm",
    "Tên",
    "Email",
    "Mã đơn vị",
    "Vai trò",
    "Mật khẩu tạm thời (người mới)",
]


def post(client, unit, rows=None, **data):
    if rows is not None:
        content = write_workbook("Người dùng", HEADERS, rows)
        data["file"] = SimpleUploadedFile("nguoi-dung.xlsx", content)
    return client.post(reverse("administration:people_import", args=[unit.pk]), data)


def test_officers_are_previewed_then_created_with_temporary_passwords(
    client, tree, login_as, make_member
):
    ward = UnitFactory(name="Phúc Lợi Mới", kind="ward", parent=tree["long_bien"])
    known = make_member(Role.VIEWER, tree["sai_dong"], username="xem.saidong")
    login_as(Role.ADMIN, tree["long_bien"])
    rows = [
        [
            "canbo.phucloi",
            "Đặng Thị",
            "Lụa",
            "",
            ward.path,
            "Cán bộ nhập liệu",
            "Tam-thoi-Phuc-Loi",
        ],
        ["canbo.phucloi", "", "", "", "ha-noi/long-bien/sai-dong", "Người xem", ""],
        ["XEM.SAIDONG", "", "", "", ward.path, "Lãnh đạo đơn vị", ""],
    ]
    preview = post(client, tree["long_bien"], rows)
    page = preview.content.decode()
    assert preview.status_code == 200 and "3 dòng sẵn sàng để nhập" in page, page[-3000:]
    assert not get_user_model().objects.filter(username="canbo.phucloi").exists()

    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    assert post(client, tree["long_bien"], token=token).status_code == 302
    officer = get_user_model().objects.get(username="canbo.phucloi")
    assert officer.must_change_password and officer.get_full_name() == "Đặng Thị Lụa"
    assert set(Membership.objects.filter(user=officer).values_list("unit__name", "role")) == {
        ("Phúc Lợi Mới", "editor"),
        ("Sài Đồng", "viewer"),
    }
    assert Membership.objects.filter(user=known, unit=ward, role="leader").exists()
    assert not known.must_change_password


def test_rows_outside_the_subtree_or_without_a_usable_password_save_nothing(client, tree, login_as):
    login_as(Role.ADMIN, tree["long_bien"])
    rows = [
        [
            "canbo.catlinh",
            "Lý",
            "Hoa",
            "",
            "ha-noi/dong-da/cat-linh",
            "Cán bộ nhập liệu",
            "Tam-thoi-Cat-1",
        ],
        ["canbo.moi", "Vũ", "Nam", "", "ha-noi/long-bien", "Cán bộ nhập liệu", "12345678"],
        ["canbo.khongten", "", "", "", "ha-noi/long-bien", "Cán bộ nhập liệu", "Tam-thoi-Ten-2"],
    ]
    response = post(client, tree["long_bien"], rows)
    page = response.content.decode()
    assert response.status_code == 400
    for message in [
        "đơn vị không có hoặc ngoài phạm vi của bạn",
        "Mật khẩu này hoàn toàn là số",
        "người mới cần có họ tên",
    ]:
        assert message in page, message
    assert not get_user_model().objects.filter(username__startswith="canbo.").exists()


def test_a_sibling_district_s_people_page_is_not_found(client, tree, make_member):
    client.force_login(make_member(Role.ADMIN, tree["long_bien"]))
    assert post(client, tree["dong_da"], []).status_code == 404
