import pytest


@pytest.mark.django_db
def test_ping_answers_ok_to_a_logged_in_user(client, login_as, tree):
    login_as("editor", tree["ngoc_thuy"])
    response = client.get("/ping")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_ping_sends_an_anonymous_visitor_to_the_login_page(client):
    response = client.get("/ping")
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]
