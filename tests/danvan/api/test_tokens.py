"""Personal access tokens: shown once, stored hashed, refused at once when revoked or expired,
read-only, rate limited and logged by id."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from danvan.api import services
from danvan.api.models import ApiToken

pytestmark = pytest.mark.django_db


def test_the_secret_is_not_recoverable_from_the_database(make_member, tree):
    user = make_member("viewer", tree["dong_da"])
    token, secret = services.token_create(actor=user, name="Sở Nội vụ", days=30)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM api_apitoken")
        rows = [str(value) for row in cursor.fetchall() for value in row]
        cursor.execute("SELECT * FROM api_historicalapitoken")
        rows += [str(value) for row in cursor.fetchall() for value in row]
    assert secret.startswith("dvk_") and len(secret) > 40
    assert not any(secret in value or secret[10:30] in value for value in rows)
    assert token.key_digest != secret and len(token.hint) < 12


def test_a_revoked_or_expired_token_gets_401_at_once(make_member, tree, api_get, token_for):
    user = make_member("viewer", tree["dong_da"])
    secret = token_for(user)
    assert api_get(secret, "units/").status_code == 200
    token = ApiToken.objects.get(user=user)
    services.token_revoke(actor=user, token_id=token.pk)
    response = api_get(secret, "units/")
    assert response.status_code == 401
    assert "thu hồi" in response.json()["detail"]  # in Vietnamese, the default language

    short = token_for(user, days=1)
    assert api_get(short, "units/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        assert api_get(short, "units/").status_code == 401
    assert api_get("", "units/").status_code == 401
    assert api_get("dvk_guessed", "units/").status_code == 401


def test_a_token_can_never_write(make_member, tree, client, token_for):
    secret = token_for(make_member("admin", tree["dong_da"]))
    headers = {"Authorization": f"Bearer {secret}"}
    for method in (client.post, client.put, client.patch, client.delete):
        assert method("/api/v1/units/", headers=headers).status_code == 405


def test_every_call_is_logged_with_its_token_id_never_the_secret(
    make_member, tree, api_get, token_for, caplog
):
    secret = token_for(make_member("viewer", tree["dong_da"]))
    with caplog.at_level(logging.INFO, logger="danvan.api"):
        api_get(secret, "units/")
    token = ApiToken.objects.get()
    assert f"token={token.pk}" in caplog.text and "/api/v1/units/" in caplog.text
    assert secret not in caplog.text


def test_the_rate_limit_is_per_token(make_member, tree, api_get, token_for):
    from danvan.api.main import api

    (throttle,) = api.throttle  # the one instance every operation checks
    saved = throttle.num_requests, throttle.duration
    throttle.num_requests, throttle.duration = 3, 60
    try:
        first = token_for(make_member("viewer", tree["dong_da"]))
        second = token_for(make_member("viewer", tree["dong_da"]))
        assert [api_get(first, "units/").status_code for _ in range(4)] == [200, 200, 200, 429]
        assert api_get(second, "units/").status_code == 200
    finally:
        throttle.num_requests, throttle.duration = saved


def test_the_profile_page_shows_the_secret_once_and_revokes(client, make_member, tree):
    user = make_member("viewer", tree["dong_da"])
    client.force_login(user)
    page = client.post(reverse("api_tokens:list"), {"name": "Cổng tỉnh Xyz", "days": "90"})
    assert page.status_code == 200
    token = ApiToken.objects.get(user=user)
    secret = page.context["secret"]
    assert secret in page.content.decode() and token.name == "Cổng tỉnh Xyz"
    again = client.get(reverse("api_tokens:list")).content.decode()
    assert secret not in again and token.hint in again
    refused = client.post(reverse("api_tokens:list"), {"name": "", "days": "900"})
    assert refused.status_code == 200 and ApiToken.objects.count() == 1
    client.post(reverse("api_tokens:revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    other = make_member("viewer", tree["dong_da"])
    client.force_login(other)
    assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404
