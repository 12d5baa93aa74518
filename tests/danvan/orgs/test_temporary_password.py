"""A password an administrator gives out is temporary: its holder is sent to the
change-password page, and works nowhere else, until they choose their own."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from danvan.orgs.access import Role

pytestmark = pytest.mark.django_db

TEMPORARY = "Tam-thoi-Hoa-Lac-7!"


def sign_in(client, username, password):
    return client.post("/dang-nhap/", {"username": username, "password": password})


@pytest.fixture
def hoa_lac(tree):
    """A ward the demo does not have, under Long Biên."""
    from tests.factories import UnitFactory

    return UnitFactory(name="Hòa Lạc Mới", kind="ward", parent=tree["long_bien"])


def test_a_new_person_must_choose_a_password_at_first_sign_in(client, tree, hoa_lac, login_as):
    login_as(Role.ADMIN, tree["long_bien"])
    client.post(
        reverse("administration:person_add", args=[tree["long_bien"].pk]),
        {
            "username": "canbo.hoalac",
            "last_name": "Quàng Thị",
            "first_name": "Xuân",
            "password": TEMPORARY,
            "unit": hoa_lac.pk,
            "role": Role.EDITOR,
        },
    )
    person = get_user_model().objects.get(username="canbo.hoalac")
    assert person.must_change_password
    page = client.get(reverse("administration:unit", args=[tree["long_bien"].pk]))
    assert "mật khẩu tạm" in page.content.decode()  # the administrator sees it is not changed yet
    client.logout()

    assert sign_in(client, "canbo.hoalac", TEMPORARY).status_code == 302
    for url in ["/", "/bao-cao/", "/tong-hop/", "/quan-ly/", "/quan-tri/"]:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/doi-mat-khau/"), url
    page = client.get("/doi-mat-khau/", follow=True).content.decode()
    assert "Bạn đăng nhập bằng mật khẩu tạm" in page

    mine = "Rieng-cua-Xuan-2026"
    response = client.post(
        "/doi-mat-khau/",
        {"old_password": TEMPORARY, "new_password1": mine, "new_password2": mine},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.must_change_password and person.check_password(mine)
    assert client.get("/").status_code == 200  # still signed in, and free to work


def test_a_wrong_new_password_keeps_the_person_on_the_page(client, tree, make_member):
    person = make_member(Role.EDITOR, tree["sai_dong"], must_change_password=True)
    person.set_password(TEMPORARY)
    person.save()
    sign_in(client, person.username, TEMPORARY)
    response = client.post(
        "/doi-mat-khau/", {"old_password": TEMPORARY, "new_password1": "a", "new_password2": "b"}
    )
    assert (
        response.status_code == 200
        and "Hai trường mật khẩu không giống nhau" in response.content.decode()
    )
    person.refresh_from_db()
    assert person.must_change_password and person.check_password(TEMPORARY)
    assert client.get("/bao-cao/").status_code == 302
    assert client.post("/dang-xuat/").status_code == 302  # leaving is always possible


def test_an_administrator_gives_a_temporary_password_inside_its_district_only(
    client, tree, make_member, login_as
):
    officer = make_member(Role.EDITOR, tree["sai_dong"])
    city_admin = make_member(Role.ADMIN, tree["ha_noi"])
    sibling = make_member(Role.EDITOR, tree["cat_linh"])
    login_as(Role.ADMIN, tree["long_bien"])

    def give(person, password=TEMPORARY):
        url = reverse("administration:temporary_password", args=[person.pk])
        return client.post(url, {"password": password})

    page = give(officer, "123")
    shown = page.content.decode()
    assert page.status_code == 200 and "Mật khẩu này hoàn toàn là số" in shown
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in shown and "This password" not in shown
    officer.refresh_from_db()
    assert not officer.must_change_password and not officer.check_password("123")

    assert give(officer).status_code == 302
    officer.refresh_from_db()
    assert officer.must_change_password and officer.check_password(TEMPORARY)

    assert give(sibling).status_code == 404  # another district: not found
    from danvan.orgs.models import Membership

    Membership.objects.create(user=city_admin, unit=tree["long_bien"], role=Role.EDITOR)
    assert give(city_admin).status_code == 403  # someone above: refused
    city_admin.refresh_from_db()
    sibling.refresh_from_db()
    assert not city_admin.must_change_password and not sibling.must_change_password


def test_the_superuser_marks_a_password_temporary_in_the_django_admin(client, tree):
    root = get_user_model().objects.create_superuser("goc", password="Goc-Sieu-Cap-1")
    client.force_login(root)
    response = client.post(
        "/quan-tri/orgs/user/add/",
        {
            "username": "quantri.hoalac",
            "usable_password": "true",
            "password1": TEMPORARY,
            "password2": TEMPORARY,
            "must_change_password": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert get_user_model().objects.get(username="quantri.hoalac").must_change_password
