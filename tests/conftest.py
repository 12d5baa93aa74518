"""Test rig shared by every app: service checks, users with roles, a unit tree, a browser and a
real Celery worker."""

import os
import shutil

import pytest
from django.conf import settings

from danvan.orgs.access import Role
from tests import factories

IN_CI = os.environ.get("CI", "").lower() == "true"


def require(available: bool, reason: str) -> None:
    """Skip when a real component is missing, but never under CI=true: there it must exist."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} — CI must provide it")
    pytest.skip(reason)


def uses_postgresql() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = settings.REDIS_URL or "none (embedded, tasks inline)"
    chromium = shutil.which("chromium") or "not found"
    return [f"danvan: database={engine} broker={broker} chromium={chromium} CI={IN_CI}"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rendered fragments are cached by row id and version; rolled-back tests reuse ids."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def reference_rows(db):
    """The rows that data migrations insert (opinion fields, subject areas). A transactional
    test empties every table when it ends, so a later test that needs them asks for this."""
    from importlib import import_module

    from django.apps import apps

    import_module("dialogues.migrations.0002_seed_opinion_fields_and_trigram_indexes").seed_fields(
        apps, None
    )
    import_module("petitions.migrations.0002_search_indexes_and_subject_areas").add_areas(
        apps, None
    )


@pytest.fixture
def tree(db):
    """A small tree: Hà Nội > Long Biên > (Ngọc Thụy > Tổ dân phố 1, Sài Đồng); Hà Nội > Đống Đa
    > Cát Linh. Keys are short names."""
    ha_noi = factories.UnitFactory(name="Hà Nội", kind="city", parent=None)
    long_bien = factories.UnitFactory(name="Long Biên", kind="urban_district", parent=ha_noi)
    ngoc_thuy = factories.UnitFactory(name="Ngọc Thụy", kind="ward", parent=long_bien)
    group_1 = factories.UnitFactory(name="Tổ dân phố 1", kind="residential_group", parent=ngoc_thuy)
    sai_dong = factories.UnitFactory(name="Sài Đồng", kind="ward", parent=long_bien)
    dong_da = factories.UnitFactory(name="Đống Đa", kind="urban_district", parent=ha_noi)
    cat_linh = factories.UnitFactory(name="Cát Linh", kind="ward", parent=dong_da)
    return {
        "ha_noi": ha_noi,
        "long_bien": long_bien,
        "ngoc_thuy": ngoc_thuy,
        "group_1": group_1,
        "sai_dong": sai_dong,
        "dong_da": dong_da,
        "cat_linh": cat_linh,
    }


@pytest.fixture
def make_member(db):
    """make_member(role, unit) -> a user holding `role` on `unit` (and its subtree)."""

    def make(role: str | Role, unit, **user_fields):
        user = factories.UserFactory(**user_fields)
        factories.MembershipFactory(user=user, unit=unit, role=role)
        return user

    return make


@pytest.fixture
def login_as(client, make_member):
    """login_as(role, unit) -> the logged-in test client's user."""

    def login(role: str | Role, unit, **user_fields):
        user = make_member(role, unit, **user_fields)
        client.force_login(user)
        return user

    return login


def redis_reachable(url: str) -> bool:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False
    return True


@pytest.fixture
def celery_worker(transactional_db, settings):
    """A real Celery worker (threads) consuming from Redis, on a queue of this test process
    only, so parallel test runs sharing one Redis never take each other's tasks."""
    require(bool(settings.REDIS_URL), "REDIS_URL is not set: no broker for a real worker")
    require(redis_reachable(settings.REDIS_URL), f"Redis at {settings.REDIS_URL} does not answer")
    from celery.contrib.testing.worker import start_worker

    from danvan.celery import app

    queue = f"test-{os.getpid()}"
    saved = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        with start_worker(
            app,
            pool="threads",
            concurrency=2,
            perform_ping_check=False,
            loglevel="WARNING",
            queues=[queue],
            shutdown_timeout=30,
        ):
            yield app
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = saved


def wait_until(predicate, timeout: float = 30, interval: float = 0.1):
    """Poll until predicate() is truthy; return its value or fail after `timeout` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout} s")
