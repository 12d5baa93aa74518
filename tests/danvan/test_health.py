import pytest

from tests.conftest import redis_reachable, require


@pytest.mark.django_db
def test_healthz_is_public_and_reports_components(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "embedded"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_configured_broker_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error" and body["broker"].startswith("down")
    assert body["database"] == "ok"


@pytest.mark.django_db
def test_healthz_with_a_live_redis(client, settings):
    url = settings.REDIS_URL or "redis://127.0.0.1:6379/0"
    require(redis_reachable(url), f"Redis at {url} does not answer")
    settings.REDIS_URL = url
    assert client.get("/healthz").json()["broker"] == "ok"
