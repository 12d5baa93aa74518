"""The unit administrator's pages (/quan-ly/): scoped, and every write through the services."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from danvan.orgs.access import Role
from danvan.orgs.models import IssuingBody, Membership, Unit

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"administration:{name}", args=args)


def test_a_city_administrator_builds_a_district_with_a_ward_a_body_and_people(
    client, tree, login_as
):
    login_as(Role.ADMIN, tree["ha_noi"])
    assert client.get(url("index")).status_code == 200
    response = client.post(
        url("unit_add", tree["ha_noi"].pk),
        {"name": "Hòa Lạc Mới", "kind": "rural_district", "code": "", "valid_from": ""},
    )
    district = Unit.objects.get(path="ha-noi/hoa-lac-moi")
    assert response.status_code == 302 and district.depth == 1
    client.post(url("unit_add", district.pk), {"name": "Tiến Xuân Mới", "kind": "commune"})
    commune = Unit.objects.get(path="ha-noi/hoa-lac-moi/tien-xuan-moi")

    assert "Tiến Xuân Mới" in client.get(url("unit", district.pk)).content.decode()
    assert "tien-xuan-moi" in client.get(url("unit", commune.pk)).content.decode()

    response = client.post(
        url("body_add", district.pk),
        {
            "superior_name": "HUYỆN ỦY HÒA LẠC MỚI",
            "name": "BAN DÂN VẬN",
            "symbol": "BDVHU",
            "place_name": "Hòa Lạc",
            "signing_authority": "",
            "deputy_for": "TRƯỞNG BAN",
            "signer_title": "PHÓ TRƯỞNG BAN",
            "signer_name": "Đỗ Văn Khiêm",
            "recipients": "- Thường trực Huyện ủy,\n- Lưu VP.",
            "is_default": "on",
        },
    )
    assert response.status_code == 302
    body = IssuingBody.objects.get(unit=district)
    assert (body.symbol, body.deputy_for, body.history.first().history_user.is_superuser) == (
        "BDVHU",
        "TRƯỞNG BAN",
        False,
    )

    response = client.post(
        url("person_add", district.pk),
        {
            "username": "canbo.tienxuan",
            "last_name": "Lò Thị",
            "first_name": "Mến",
            "password": "Tam-thoi-2026!",
            "unit": commune.pk,
            "role": Role.EDITOR,
        },
    )
    assert response.status_code == 302
    person = get_user_model().objects.get(username="canbo.tienxuan")
    assert Membership.objects.get(user=person).unit == commune
    assert person.check_password("Tam-thoi-2026!") and person.is_active


def test_readiness_says_what_a_unit_still_lacks(client, tree, login_as, make_member):
    from danvan.orgs import selectors, services

    login_as(Role.ADMIN, tree["long_bien"])
    lacks = selectors.unit_lacks(tree["long_bien"])
    assert len(lacks) == 2  # no issuing body, no editor
    page = client.get(url("unit", tree["long_bien"].pk)).content.decode()
    assert all(lack in page for lack in lacks)
    services.issuing_body_save(
        actor=None,
        unit=tree["long_bien"],
        name="BAN DÂN VẬN",
        superior_name="QUẬN ỦY LONG BIÊN",
        symbol="BDVQU",
        place_name="Long Biên",
        signer_title="TRƯỞNG BAN",
    )
    assert len(selectors.unit_lacks(tree["long_bien"])) == 3  # signer, recipients, editor
    services.issuing_body_save(
        actor=None,
        unit=tree["long_bien"],
        name="BAN DÂN VẬN",
        signer_name="Trần Văn Bình",
        recipients="- Lưu VP.",
    )
    make_member(Role.EDITOR, tree["sai_dong"])
    assert selectors.unit_lacks(tree["long_bien"]) == []


def test_a_district_administrator_stays_inside_its_district(client, tree, login_as, make_member):
    city_admin = make_member(Role.ADMIN, tree["ha_noi"])
    Membership.objects.create(user=city_admin, unit=tree["long_bien"], role=Role.EDITOR)
    login_as(Role.ADMIN, tree["long_bien"])
    sibling = tree["dong_da"].pk
    for name in ("unit", "unit_add", "unit_edit", "body_add", "person_add", "grant"):
        assert client.get(url(name, sibling)).status_code == 404, name
        assert client.post(url(name, sibling), {"name": "X", "kind": "ward"}).status_code == 404
    assert client.get(url("unit", tree["ha_noi"].pk)).status_code == 404  # its parent too
    assert not Unit.objects.filter(name="X").exists()
    above = Membership.objects.get(user=city_admin, unit=tree["ha_noi"])
    assert client.post(url("revoke", above.pk)).status_code == 404
    # The city administrator also edits in Long Biên: still not the district's to lock out.
    assert client.post(url("deactivate", city_admin.pk)).status_code == 403
    city_admin.refresh_from_db()
    assert city_admin.is_active and Membership.objects.filter(pk=above.pk).exists()
    # Nor can it move one of its wards to the sibling district: not offered, refused if posted.
    response = client.post(
        url("unit_edit", tree["sai_dong"].pk),
        {"name": "Sài Đồng", "kind": "ward", "code": "sai-dong", "parent": sibling},
    )
    assert response.status_code == 200
    assert Unit.objects.get(pk=tree["sai_dong"].pk).path == "ha-noi/long-bien/sai-dong"


def test_a_reviewer_has_no_administration(client, tree, login_as):
    login_as(Role.REVIEWER, tree["long_bien"])
    assert client.get(url("index")).status_code == 403
    assert client.get(url("unit", tree["long_bien"].pk)).status_code == 403
    assert client.post(url("unit_add", tree["long_bien"].pk), {"name": "X"}).status_code == 403


def test_moving_a_ward_in_the_portal_takes_its_scope_along(client, tree, login_as, make_member):
    long_bien_viewer = make_member(Role.VIEWER, tree["long_bien"])
    dong_da_viewer = make_member(Role.VIEWER, tree["dong_da"])
    login_as(Role.ADMIN, tree["ha_noi"])
    response = client.post(
        url("unit_edit", tree["ngoc_thuy"].pk),
        {"name": "Ngọc Thụy", "kind": "ward", "code": "", "parent": tree["dong_da"].pk},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    group = Unit.objects.get(pk=tree["group_1"].pk)
    assert group.path == "ha-noi/dong-da/ngoc-thuy/to-dan-pho-1"
    assert Unit.objects.visible_to(dong_da_viewer).filter(pk=group.pk).exists()
    assert not Unit.objects.visible_to(long_bien_viewer).filter(pk=group.pk).exists()


def test_taking_back_a_role_is_kept_in_the_history(client, tree, login_as, make_member):
    editor = make_member(Role.EDITOR, tree["sai_dong"])
    login_as(Role.ADMIN, tree["long_bien"])
    membership = Membership.objects.get(user=editor)
    assert client.post(url("revoke", membership.pk)).status_code == 302
    assert not Membership.objects.filter(user=editor).exists()
    page = client.get(url("unit", tree["long_bien"].pk)).content.decode()
    assert editor.username in page  # the history of roles
