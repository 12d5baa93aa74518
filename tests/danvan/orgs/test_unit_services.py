"""Unit services (create, rename, move, close) and the Django admin going through them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.orgs import services
from danvan.orgs.access import Role
from danvan.orgs.models import IssuingBody, Unit
from tests import factories

pytestmark = pytest.mark.django_db


def visible_paths(user):
    user.__dict__.pop("_danvan_scopes", None)
    return set(Unit.objects.visible_to(user).values_list("path", flat=True))


def test_moving_a_unit_with_children_recomputes_the_subtree_and_scope_follows(tree, make_member):
    long_bien_reviewer = make_member(Role.REVIEWER, tree["long_bien"])
    dong_da_reviewer = make_member(Role.REVIEWER, tree["dong_da"])
    city_admin = make_member(Role.ADMIN, tree["ha_noi"])
    body = IssuingBody.objects.create(
        unit=tree["group_1"],
        superior_name="Đảng ủy phường",
        name="Tổ dân phố 1",
        symbol="TDP1",
        place_name="Ngọc Thụy",
        signer_title="Tổ trưởng",
    )
    assert {"ha-noi/long-bien/ngoc-thuy", "ha-noi/long-bien/ngoc-thuy/to-dan-pho-1"} <= (
        visible_paths(long_bien_reviewer)
    )

    moved = services.unit_move(actor=city_admin, unit=tree["ngoc_thuy"], parent=tree["dong_da"])

    assert moved.path == "ha-noi/dong-da/ngoc-thuy" and moved.depth == 2
    group = Unit.objects.get(pk=tree["group_1"].pk)
    assert group.path == "ha-noi/dong-da/ngoc-thuy/to-dan-pho-1" and group.depth == 3
    assert not Unit.objects.filter(path__startswith="ha-noi/long-bien/ngoc-thuy").exists()
    assert visible_paths(long_bien_reviewer) == {"ha-noi/long-bien", "ha-noi/long-bien/sai-dong"}
    assert "ha-noi/dong-da/ngoc-thuy/to-dan-pho-1" in visible_paths(dong_da_reviewer)
    assert IssuingBody.objects.visible_to(dong_da_reviewer).filter(pk=body.pk).exists()
    assert not IssuingBody.objects.visible_to(long_bien_reviewer).filter(pk=body.pk).exists()
    assert group.history.first().history_user == city_admin  # the move is in the history


def test_a_move_is_refused_under_itself_and_for_a_district_administrator_elsewhere(
    tree, make_member
):
    long_bien_admin = make_member(Role.ADMIN, tree["long_bien"])
    with pytest.raises(ValidationError):
        services.unit_move(actor=None, unit=tree["long_bien"], parent=tree["group_1"])
    with pytest.raises(PermissionDenied):  # Đống Đa is not its subtree
        services.unit_move(actor=long_bien_admin, unit=tree["sai_dong"], parent=tree["dong_da"])
    with pytest.raises(PermissionDenied):  # nor may it create a sibling district
        services.unit_create(
            actor=long_bien_admin, name="Hoàng Mai", kind="urban_district", parent=tree["ha_noi"]
        )
    assert Unit.objects.get(pk=tree["sai_dong"].pk).path == "ha-noi/long-bien/sai-dong"


def test_rename_with_a_new_code_moves_the_paths_and_close_dates_the_unit(tree):
    unit = services.unit_rename(
        actor=None, unit=tree["ngoc_thuy"], name="Phường Bồ Đề Mới", code="bo-de-moi"
    )
    assert unit.name == "Phường Bồ Đề Mới" and unit.path == "ha-noi/long-bien/bo-de-moi"
    assert Unit.objects.get(pk=tree["group_1"].pk).path == "ha-noi/long-bien/bo-de-moi/to-dan-pho-1"
    closed = services.unit_close(actor=None, unit=unit, valid_to=date(2025, 6, 30))
    assert Unit.objects.get(pk=closed.pk).valid_to == date(2025, 6, 30)


def _admin_form(unit_fields):
    data = {
        "predecessor_links-TOTAL_FORMS": "0",
        "predecessor_links-INITIAL_FORMS": "0",
        "issuing_bodies-TOTAL_FORMS": "0",
        "issuing_bodies-INITIAL_FORMS": "0",
        "kind": "ward",
        "valid_from": "",
        "valid_to": "",
    }
    data.update(unit_fields)
    return data


def test_django_admin_adds_and_moves_units_through_the_services(client, tree, make_member):
    superuser = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    dong_da_viewer = make_member(Role.VIEWER, tree["dong_da"])
    long_bien_viewer = make_member(Role.VIEWER, tree["long_bien"])

    response = client.post(
        reverse("admin:orgs_unit_add"),
        _admin_form(
            {"parent": tree["long_bien"].pk, "name": "Thạch Bàn Mới", "code": "thach-ban-moi"}
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = Unit.objects.get(code="thach-ban-moi")
    assert (added.path, added.depth) == ("ha-noi/long-bien/thach-ban-moi", 2)

    response = client.post(
        reverse("admin:orgs_unit_change", args=[tree["ngoc_thuy"].pk]),
        _admin_form({"parent": tree["dong_da"].pk, "name": "Ngọc Thụy", "code": "ngoc-thuy"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Unit.objects.get(pk=tree["group_1"].pk).path == "ha-noi/dong-da/ngoc-thuy/to-dan-pho-1"
    assert "ha-noi/dong-da/ngoc-thuy/to-dan-pho-1" in visible_paths(dong_da_viewer)
    assert not any(
        p.startswith("ha-noi/long-bien/ngoc-thuy") for p in visible_paths(long_bien_viewer)
    )

    # Under its own child: the form says why, nothing moves.
    response = client.post(
        reverse("admin:orgs_unit_change", args=[tree["dong_da"].pk]),
        _admin_form(
            {
                "parent": tree["cat_linh"].pk,
                "name": "Đống Đa",
                "code": "dong-da",
                "kind": "urban_district",
            }
        ),
    )
    assert response.status_code == 200
    assert Unit.objects.get(pk=tree["dong_da"].pk).path == "ha-noi/dong-da"


def test_a_document_takes_the_issuing_body_valid_on_its_date(tree):
    from danvan.orgs.selectors import body_valid_on

    common = {"superior_name": "QUẬN ỦY HOÀNG MAI MỚI", "place_name": "Hoàng Mai"}
    old = services.issuing_body_save(
        actor=None,
        unit=tree["long_bien"],
        name="BAN DÂN VẬN",
        symbol="BDVQU",
        signer_title="TRƯỞNG BAN",
        valid_to=date(2025, 6, 30),
        **common,
    )
    new = services.issuing_body_save(
        actor=None,
        unit=tree["long_bien"],
        name="BAN TUYÊN GIÁO VÀ DÂN VẬN",
        symbol="BTGDVQU",
        signer_title="PHÓ TRƯỞNG BAN",
        deputy_for="TRƯỞNG BAN",
        signer_name="Nguyễn Thị Lụa",
        recipients="- Thường trực Quận ủy,\n\n- Lưu VP.",
        valid_from=date(2025, 7, 1),
        **common,
    )
    assert body_valid_on(tree["long_bien"], date(2019, 4, 5)) == old
    assert body_valid_on(tree["long_bien"], date(2025, 7, 1)) == new
    assert body_valid_on(tree["sai_dong"], date(2025, 7, 1)) is None
    assert new.authority_lines == ["K/T TRƯỞNG BAN"]
    assert new.recipient_lines == ["- Thường trực Quận ủy,", "- Lưu VP."]
    with pytest.raises(ValidationError):  # ends before it starts
        services.issuing_body_save(
            actor=None,
            unit=tree["long_bien"],
            name="BAN DÂN VẬN",
            valid_from=date(2025, 7, 1),
            valid_to=date(2025, 6, 30),
        )
