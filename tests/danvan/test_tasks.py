from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from danvan.tasks import clear_expired_sessions
from tests.conftest import wait_until


def make_session(expire_date):
    store = SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=expire_date)
    return store.session_key


@pytest.mark.django_db
def test_clear_expired_sessions_keeps_live_ones():
    old = make_session(timezone.now() - timedelta(days=1))
    live = make_session(timezone.now() + timedelta(days=1))
    assert clear_expired_sessions() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
    assert old != live


@pytest.mark.celery_worker
def test_a_real_worker_runs_the_task_from_redis(celery_worker):
    make_session(timezone.now() - timedelta(days=1))
    clear_expired_sessions.delay()
    wait_until(lambda: not Session.objects.exists())
