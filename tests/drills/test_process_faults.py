"""Fault drills against real processes: a Redis and a Celery worker started by the test as
subprocesses, stopped and SIGKILLed while a Party-format PDF renders. The roll-up's recovery
job (exports_recover, a beat task) is what turns a killed run into a retryable failure.

Marked `drill`: `make drill` runs them (CI too), `make test` leaves them out.
"""

import os
import shutil
import signal
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from danvan.rollup import services
from danvan.rollup.models import Export
from tests.conftest import require, uses_postgresql
from tests.drills.processes import RedisProcess, WorkerProcess, free_port, wait_for

pytestmark = [pytest.mark.drill, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DISTRICT = {"unit": "ha-noi/long-bien", "period": "2019Q1"}


@pytest.fixture
def redis_process(tmp_path):
    require(uses_postgresql(), "the worker subprocess needs the test database on PostgreSQL")
    require(shutil.which("redis-server") is not None, "redis-server is not installed")
    redis = RedisProcess(free_port(), tmp_path / "redis.log").start()
    yield redis
    redis.stop()


@pytest.fixture
def web_app(redis_process):
    """The test process (the web side) sends its tasks to the drill's Redis."""
    from danvan.celery import app

    saved = (app.conf.task_always_eager, app.conf.broker_url, app.conf.task_publish_retry_policy)
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_process.url
    app.conf.task_publish_retry_policy = {"max_retries": 1, "interval_start": 0}
    app._pool = app.amqp._producer_pool = None
    try:
        yield app
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app.conf.task_publish_retry_policy = saved
        app._pool = app.amqp._producer_pool = None


@pytest.fixture
def worker(web_app, redis_process, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"  # the worker writes where the test reads
    process = WorkerProcess(redis_process, settings.MEDIA_ROOT, tmp_path / "worker.log")
    yield process
    process.stop()


@pytest.fixture
def reviewer(client, transactional_db):
    call_command("seed_demo", verbosity=0)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="bandanvan.longbien")
    client.force_login(user)
    return user


def request_export(client) -> Export:
    response = client.post("/tong-hop/xuat/", DISTRICT, follow=True)
    assert response.status_code == 200
    return Export.objects.get(pk=response.resolver_match.kwargs["pk"]), response


def status_of(export) -> str:
    export.refresh_from_db()
    return export.status


def ends(export, timeout=90) -> str:
    return wait_for(
        lambda: status_of(export) in {"done", "failed"} and export.status,
        timeout,
        f"export {export.pk} neither done nor failed",
        interval=0.2,
    )


def test_worker_sigkilled_mid_render_ends_failed_with_a_retry_that_completes(
    worker, reviewer, client
):
    worker.start()
    export, _ = request_export(client)
    wait_for(lambda: status_of(export) == "running", 60, "the render did not start")
    worker.kill()
    assert status_of(export) == "running"  # killed mid-render: nobody will finish it

    worker.start()  # a restart alone does not redeliver (visibility timeout of one hour) ...
    assert services.exports_recover()["failed"] == 0  # ... and within the time limit it waits
    after_limit = export.started_at + services.STALE_AFTER + timedelta(seconds=1)
    assert services.exports_recover(now=after_limit)["failed"] == 1  # the beat, past the limit
    assert status_of(export) == "failed"
    page = client.get(f"/tong-hop/xuat/{export.pk}/").content.decode()
    assert "Thử lại" in page and export.error in page

    client.post(f"/tong-hop/xuat/{export.pk}/thu-lai/")
    assert ends(export) == "done", export.error
    pdf = b"".join(client.get(f"/tong-hop/xuat/{export.pk}/tai-ve/").streaming_content)
    assert pdf.startswith(b"%PDF")


def test_pool_child_sigkilled_mid_render_is_redelivered_and_completes(worker, reviewer, client):
    worker.start()
    export, _ = request_export(client)
    wait_for(lambda: status_of(export) == "running", 60, "the render did not start")
    for child in worker.children():
        os.kill(child, signal.SIGKILL)
    # acks_late + reject_on_worker_lost: the message goes back and a new child renders again
    assert ends(export) == "done", export.error
    assert export.attempts == 2
    restarted = export.events.filter(action="started").order_by("pk").last()
    assert restarted.from_state == "running" and restarted.reason  # "restarted after ..."


def test_redis_stopped_pages_work_export_is_queued_and_proceeds_when_redis_returns(
    worker, redis_process, reviewer, client
):
    worker.start()
    redis_process.stop()
    assert client.get("/tong-hop/", DISTRICT).status_code == 200
    assert client.get("/bao-cao/").status_code == 200

    export, response = request_export(client)
    page = response.content.decode()
    assert "Dịch vụ xuất báo cáo đang tạm ngừng" in page and "xếp hàng" in page
    assert status_of(export) == "queued" and export.send_error

    redis_process.start()  # same port: the worker reconnects by itself
    later = timezone.now() + services.RESEND_AFTER + timedelta(seconds=1)
    assert services.exports_recover(now=later)["resent"] == 1
    assert ends(export) == "done", export.error
