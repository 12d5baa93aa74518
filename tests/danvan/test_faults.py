"""A broken component degrades the portal instead of breaking it."""

import psycopg
import pytest
from django.db import connection

from danvan.orgs.access import Role
from tests.conftest import require, uses_postgresql


def kill_other_connections():
    """Terminate every other session on the test database, as a database restart would."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.mark.django_db(transaction=True)
def test_the_next_request_recovers_after_database_connections_drop(client, tree, login_as):
    require(uses_postgresql(), "needs PostgreSQL (DATABASE_URL=postgres://...)")
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    assert client.get("/don-vi/ha-noi/long-bien/ngoc-thuy/").status_code == 200
    kill_other_connections()
    connection.close()  # the test's own handle was among those terminated
    response = client.get("/don-vi/ha-noi/long-bien/ngoc-thuy/")
    assert response.status_code == 200
    assert "Phường Ngọc Thụy" in response.content.decode()


@pytest.mark.django_db
def test_pages_work_while_the_broker_is_down(client, tree, login_as, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # a broker that does not answer
    login_as(Role.EDITOR, tree["ngoc_thuy"])
    assert client.get("/").status_code == 200
    assert client.get("/don-vi/ha-noi/long-bien/ngoc-thuy/").status_code == 200
