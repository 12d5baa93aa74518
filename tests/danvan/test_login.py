import pytest
from django.urls import reverse

from danvan.orgs.access import Role

pytestmark = pytest.mark.django_db


def post_login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_in_vietnamese(client):
    page = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in page and "Tên đăng nhập" in page and "Mật khẩu" in page


def test_good_password_logs_in_and_goes_home(client, tree, make_member):
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="ha")
    response = post_login(client, "ha", "mat-khau-thu-2019")
    assert response.status_code == 302 and response.url == reverse("home")
    assert "Phường Ngọc Thụy" in client.get(reverse("home")).content.decode()


def test_wrong_password_keeps_the_username_and_explains(client, tree, make_member):
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="ha")
    page = post_login(client, "ha", "sai").content.decode()
    assert 'value="ha"' in page
    assert "mật khẩu chính xác" in page  # Django's own Vietnamese message


def test_repeated_failures_lock_the_login(client, tree, make_member, settings):
    make_member(Role.EDITOR, tree["ngoc_thuy"], username="ha")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, "ha", "sai")
    locked = post_login(client, "ha", "mat-khau-thu-2019")  # even the right password now
    assert locked.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change_in_vietnamese(client, tree, login_as):
    user = login_as(Role.EDITOR, tree["ngoc_thuy"])
    page = client.get(reverse("password_change")).content.decode()
    assert "Đổi mật khẩu" in page
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "mat-khau-thu-2019",
            "new_password1": "Ngoc-Thuy-2025!",
            "new_password2": "Ngoc-Thuy-2025!",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Ngoc-Thuy-2025!")


def test_session_cookie_is_http_only_and_csrf_is_enforced(tree, make_member, settings):
    from django.test import Client

    make_member(Role.EDITOR, tree["ngoc_thuy"], username="ha")
    strict = Client(enforce_csrf_checks=True)
    assert (
        strict.post(
            reverse("login"), {"username": "ha", "password": "mat-khau-thu-2019"}
        ).status_code
        == 403
    )
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_picker_refuses_a_unit_outside_scope(client, tree, login_as):
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    response = client.post(
        reverse("picker_set"), {"unit": tree["cat_linh"].path, "next": "/"}, follow=True
    )
    assert "không có quyền" in response.content.decode()
    assert client.session.get("picker_unit") is None
    client.post(
        reverse("picker_set"), {"unit": tree["ngoc_thuy"].path, "period": "2019q1", "next": "/"}
    )
    assert client.session["picker_unit"] == tree["ngoc_thuy"].path
    assert client.session["picker_period"] == "2019Q1"
