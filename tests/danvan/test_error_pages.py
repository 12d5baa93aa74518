"""The 400, 403, 404 and 500 pages: Vietnamese, in the portal's layout, with the way home, and
nothing of the user, the failed page or the error in them."""

import pytest
from django.test import Client
from django.urls import path

from danvan import urls as portal_urls
from danvan import views


def _boom(request):
    raise RuntimeError("chi tiết nội bộ: mật khẩu cơ sở dữ liệu")


# This module is also a URL configuration: the portal's pages and one that fails.
urlpatterns = [path("hong-thu/", _boom), *portal_urls.urlpatterns]
handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error


def assert_portal_error_page(response, status, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert '<html lang="vi">' in html
    assert heading in html
    assert 'href="/"' in html and "Về trang chủ" in html
    assert "portal-navbar" in html  # the portal's layout
    return html


@pytest.fixture
def officer(login_as, tree):
    return login_as("editor", tree["ngoc_thuy"], username="hoa.vuthi.19", first_name="Hoa Riêng")


def test_an_unknown_address_answers_the_vietnamese_404_without_the_user(client, officer):
    html = assert_portal_error_page(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")
    assert "Hoa Riêng" not in html and "hoa.vuthi.19" not in html
    assert "Ngọc Thụy" not in html  # no picker, no menu of the user's units


def test_an_object_outside_the_scope_answers_404_naming_nothing(client, officer, tree):
    html = assert_portal_error_page(
        client.get(f"/don-vi/{tree['cat_linh'].path}/"), 404, "Không tìm thấy trang"
    )
    assert "Cát Linh" not in html and "matches the given query" not in html


@pytest.mark.parametrize("code", ["1900Q1", "1949Q4", "2101", "1901Q1"])
def test_a_period_outside_the_range_answers_404_with_the_parsers_message(client, officer, code):
    response = client.get(
        "/tong-hop/", {"period": code, "unit": officer.memberships.get().unit.path}
    )
    html = assert_portal_error_page(response, 404, "Không tìm thấy trang")
    assert "Năm phải nằm trong khoảng từ 1950 đến 2100" in html


def test_too_many_parameters_answer_400(client, officer):
    query = "&".join(f"f{n}=x" for n in range(2000))
    assert_portal_error_page(client.get(f"/don-thu/?{query}"), 400, "Không đọc được yêu cầu")


def test_too_many_parameters_answer_400_in_development_mode_too(client, officer, settings):
    settings.DEBUG = True
    query = "&".join(f"f{n}=x" for n in range(2000))
    assert client.get(f"/tong-hop/?{query}").status_code == 400


def test_a_nul_character_in_a_parameter_answers_400(client, officer):
    assert_portal_error_page(client.get("/don-thu/", {"q": "a\x00"}), 400, "Không đọc được")
    form = "application/x-www-form-urlencoded"
    assert client.post("/chon/", "unit=%00", content_type=form).status_code == 400


def test_an_expired_form_answers_the_vietnamese_403(officer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(officer)
    html = assert_portal_error_page(
        browser.post("/chon/", {"period": "2019Q1"}), 403, "Bạn không được làm việc này"
    )
    assert "Forbidden" not in html and "CSRF verification" not in html


@pytest.mark.urls("tests.danvan.test_error_pages")
def test_a_failure_answers_the_vietnamese_500_and_shows_nothing_of_the_error(client, officer):
    client.raise_request_exception = False
    html = assert_portal_error_page(client.get("/hong-thu/"), 500, "Đã xảy ra lỗi")
    assert "mật khẩu" not in html and "RuntimeError" not in html and "Traceback" not in html
