import pytest

from danvan.api import services


@pytest.fixture
def token_for():
    """token_for(user) -> the secret of a new 30-day token of `user`."""

    def make(user, days=30):
        return services.token_create(actor=user, name="test", days=days)[1]

    return make


@pytest.fixture
def api_get(client):
    """api_get(secret, path, **params) -> the response of GET /api/v1/<path>."""

    def get(secret, path, **params):
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        return client.get(f"/api/v1/{path.lstrip('/')}", params, headers=headers)

    return get
