"""Stored figures (danvan.rollup.snapshots) with real commits: when the dashboard reads them,
when it counts again, and when the worker does."""

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.db.models import Count

from danvan import freshness, metrics
from danvan.orgs import services as org_services
from danvan.orgs.access import Role
from danvan.periods import Period
from danvan.rollup import figures, snapshots
from danvan.rollup.models import Snapshot
from tests import factories
from tests.conftest import wait_until
from tests.danvan.rollup.helpers import squeeze

URL = "/tong-hop/"
Q1 = Period.parse("2019Q1")
STALE_NOTE = "đang tính số liệu mới"


@pytest.fixture
def counted(transactional_db):
    """A metric counting the units of the scope (one real query), and how often it ran."""
    runs = []

    def compute(scope):
        runs.append(scope.period.code)
        return metrics.sum_by_unit(
            factories.Unit.objects.filter(scope.unit_q("path")), path_field="path", n=Count("id")
        )

    metrics.register("test.units", label="Số đơn vị đếm", unit="đơn vị")(compute)
    return runs


@pytest.fixture
def eager(settings):
    from danvan.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def viewer(client, district, login_as):
    """view() -> (units counted, as the page prints it; the page without CSRF tokens)."""
    login_as(Role.REVIEWER, district["long_bien"])

    def view():
        response = client.get(URL, {"unit": "ha-noi/long-bien", "period": "2019Q1"})
        assert response.status_code == 200
        page = re.sub(r"[A-Za-z0-9]{64}", "<csrf>", squeeze(response.content.decode()))
        total = re.search(r"Số đơn vị đếm</th>.*?Tổng cộng.*?<strong>(\d+)</strong>", page)
        return int(total[1]), page

    return view


def units_counted(rollup):
    (figure,) = [f for g in rollup.groups for f in g.figures if f.metric.code == "test.units"]
    return figure.total.amount


def add_ward(district, name="Phúc Lợi"):
    """A change to data the figures read, through its service (which records it)."""
    return org_services.unit_create(
        actor=None, name=name, kind="ward", parent=district["long_bien"]
    )


def long_bien_version(district):
    return freshness.version(district["long_bien"], Q1)


def test_the_second_view_reads_the_snapshot_without_counting(
    counted, viewer, district, monkeypatch
):
    first = viewer()
    runs = len(counted)
    assert runs > 0 and first[0] == 4 and "Số liệu cập nhật lúc" in first[1]
    assembled = []
    monkeypatch.setattr(figures, "assemble", lambda *args, **kw: assembled.append(args))
    assert viewer() == first
    assert len(counted) == runs and not assembled  # nothing counted, the HTML was kept
    assert Snapshot.objects.get().data_version == long_bien_version(district)


def test_a_committed_change_is_counted_again_in_the_request_when_that_is_quick(
    counted, viewer, district, settings
):
    settings.ROLLUP_INLINE_REFRESH_MS = 60_000  # "quick" on a loaded test machine too
    viewer()
    before = long_bien_version(district)
    add_ward(district)
    assert long_bien_version(district) == before + 1
    count, page = viewer()
    assert count == 5 and STALE_NOTE not in page
    assert Snapshot.objects.get().data_version == before + 1


def test_a_slow_snapshot_is_counted_by_the_task(counted, viewer, district, settings, eager):
    settings.ROLLUP_INLINE_REFRESH_MS = 0  # every count is "slow": the task counts
    viewer()
    add_ward(district)
    count, page = viewer()  # the task ran inline (eager) before the page read the snapshot
    assert count == 5 and STALE_NOTE not in page
    assert Snapshot.objects.get().refresh_requested_at is None


def test_without_a_broker_the_stored_figures_are_shown_and_the_refresh_is_sent_later(
    counted, viewer, district, settings, broker_down
):
    settings.ROLLUP_INLINE_REFRESH_MS = 0
    viewer()
    add_ward(district)
    count, page = viewer()
    assert count == 4 and STALE_NOTE in page  # the stored figures, and the page says so
    snapshot = Snapshot.objects.get()
    assert snapshot.refresh_requested_at is not None
    Snapshot.objects.update(refresh_requested_at=snapshot.refresh_requested_at.replace(year=2000))
    broker_down.conf.task_always_eager = True  # the broker is back (tasks inline)
    assert snapshots.resend_lost_refreshes() == 1  # the beat job
    assert viewer()[0] == 5


def test_the_pdf_always_counts_current_figures(counted, district, settings, broker_down):
    settings.ROLLUP_INLINE_REFRESH_MS = 0
    snapshots.rollup(district["long_bien"], Q1)
    add_ward(district)
    stale = snapshots.rollup(district["long_bien"], Q1)
    fresh = snapshots.rollup(district["long_bien"], Q1, fresh=True)
    assert not stale.current and fresh.current
    assert (units_counted(stale), units_counted(fresh)) == (4, 5)


def test_a_new_metric_makes_stored_figures_unusable(counted, viewer):
    viewer()
    metrics.register("test.units_again", label="Đếm lần nữa", unit="đơn vị")(
        lambda scope: {"ha-noi/long-bien": metrics.Value(amount=7)}
    )
    try:
        assert "Đếm lần nữa" in viewer()[1]
    finally:
        metrics._static.pop("test.units_again")


def test_a_change_is_pending_until_its_transaction_commits_and_other_writes_move_nothing(
    counted, district
):
    long_bien, dong_da = district["long_bien"], district["dong_da"]
    before = [freshness.version(unit, Q1) for unit in (long_bien, dong_da)]
    with transaction.atomic():
        add_ward(district)
        assert freshness.pending()
        runs = len(counted)
        assert units_counted(snapshots.rollup(long_bien, Q1)) == 5  # its own write, counted
        assert len(counted) > runs and not Snapshot.objects.exists()  # and not stored
    assert not freshness.pending()
    assert [freshness.version(unit, Q1) for unit in (long_bien, dong_da)] == [
        before[0] + 1,
        before[1],
    ]
    session = SessionStore()
    session["x"] = 1
    session.save()  # sessions are not data the metrics read
    assert freshness.version(long_bien, Q1) == before[0] + 1


def test_a_rolled_back_change_leaves_nothing_pending(counted, district):
    before = long_bien_version(district)
    with pytest.raises(RuntimeError), transaction.atomic():
        add_ward(district)
        raise RuntimeError
    assert not freshness.pending() and long_bien_version(district) == before


@pytest.mark.celery_worker
def test_a_real_worker_counts_the_stale_snapshot(
    celery_worker, counted, viewer, district, settings
):
    settings.ROLLUP_INLINE_REFRESH_MS = 0
    viewer()
    add_ward(district)
    count, page = viewer()
    assert count == 4 and STALE_NOTE in page  # at once, from the snapshot
    wait_until(
        lambda: Snapshot.objects.get().data_version == long_bien_version(district), timeout=60
    )
    count, page = viewer()
    assert count == 5 and STALE_NOTE not in page


def test_figures_counted_yesterday_are_counted_again_today(counted, viewer, settings):
    """Late reports and overdue cases change with the day, not only with the data."""
    settings.ROLLUP_INLINE_REFRESH_MS = 60_000  # counted in the request, however loaded
    viewer()
    yesterday = Snapshot.objects.get().computed_at - timedelta(days=1)
    Snapshot.objects.update(computed_at=yesterday)
    runs = len(counted)
    count, page = viewer()
    assert len(counted) > runs and Snapshot.objects.get().computed_at > yesterday
    assert count == 4 and STALE_NOTE not in page


def test_snapshots_not_counted_for_a_month_are_dropped(counted, viewer, district):
    viewer()
    snapshots.rollup(district["ha_noi"], Q1)
    Snapshot.objects.filter(unit=district["ha_noi"]).update(
        computed_at=Snapshot.objects.get(unit=district["ha_noi"]).computed_at - timedelta(days=31)
    )
    assert snapshots.prune() == 1
    assert list(Snapshot.objects.values_list("unit__name", flat=True)) == ["Long Biên"]
