"""Stored roll-up figures: the summary table the dashboard reads (docs/bench.md).

Counting every metric for a district takes seconds at city scale, so the figures of a unit
and period are stored in a `Snapshot` with the version of that unit's figures for that period
they were counted at (danvan.freshness: only writes in the unit's subtree, dated up to the
period's end, move it). A page then:

- shows the snapshot when no such write has committed since (the same version) and it was
  counted today (some figures, late reports for one, change with the day);
- counts again at once when there is none yet, or when counting took less than
  `ROLLUP_INLINE_REFRESH_MS` last time (small units stay exact to the second);
- otherwise shows the stored figures with the time they were counted ("Số liệu cập nhật
  lúc …") and asks the worker to count again (`refresh_snapshot`, by id, at most once per
  `REFRESH_RESEND_AFTER`; a beat job resends requests lost while the broker was down).

A document (PDF, its fingerprint) always asks for current figures: `rollup(…, fresh=True)`.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from danvan import freshness
from danvan.orgs.models import Unit
from danvan.periods import Period
from danvan.rollup import figures
from danvan.rollup.models import Snapshot

logger = logging.getLogger(__name__)

REFRESH_RESEND_AFTER = timedelta(minutes=2)
KEEP_FOR = timedelta(days=30)  # a snapshot not counted again for this long is dropped


@dataclass
class Stored:
    """The figures a page may show: when they were counted, whether they are current, and
    `key` naming them for a cache ("" when counted for this request only)."""

    computed_at: datetime
    current: bool
    key: str
    load: Callable[[], dict]  # the figures themselves, read only when needed


def find(unit: Unit, period: Period, *, fresh: bool = False) -> Stored:
    """The unit's figures for the period, from its snapshot when that may be shown."""
    if freshness.pending():  # this connection's own uncommitted writes: count them
        data = figures.evaluate(unit, period)
        return Stored(timezone.now(), True, "", lambda: data)
    signature = figures.signature()
    snapshot = (
        Snapshot.objects.defer("data")
        .filter(unit=unit, period=period.code)
        .annotate(version_now=freshness.version_expression(period))  # one query for both
        .first()
    )
    version = freshness.version(unit, period) if snapshot is None else snapshot.version_now
    usable = snapshot is not None and snapshot.signature == signature
    if usable and not fresh and not is_current(snapshot, version):
        if snapshot.compute_ms >= settings.ROLLUP_INLINE_REFRESH_MS:
            request_refresh(snapshot)  # with tasks inline, counted again by now
            snapshot.refresh_from_db(fields=["data_version", "computed_at"])
        else:
            usable = False
    if not usable or (fresh and not is_current(snapshot, version)):
        snapshot = store(unit, period, version, signature)
    key = f"{snapshot.pk}:{snapshot.data_version}:{snapshot.computed_at.timestamp()}:{signature}"
    return Stored(snapshot.computed_at, is_current(snapshot, version), key, lambda: snapshot.data)


def is_current(snapshot: Snapshot, version: int) -> bool:
    """Counted at the current version of its figures, and today: late reports, overdue cases and
    unanswered opinions change with the day, not only with the data."""
    return (
        snapshot.data_version >= version
        and timezone.localdate(snapshot.computed_at) == timezone.localdate()
    )


def rollup(
    unit: Unit, period: Period, *, with_charts: bool = True, fresh: bool = False
) -> figures.Rollup:
    return assemble(unit, period, find(unit, period, fresh=fresh), with_charts=with_charts)


def assemble(unit: Unit, period: Period, stored: Stored, *, with_charts=True) -> figures.Rollup:
    return figures.assemble(
        unit,
        period,
        stored.load(),
        with_charts=with_charts,
        computed_at=stored.computed_at,
        current=stored.current,
    )


def store(unit: Unit, period: Period, version: int, signature: str) -> Snapshot:
    """Count the figures now and keep them as counted at `version` (read before counting,
    so a change committed meanwhile leaves the snapshot marked out of date)."""
    started = time.perf_counter()
    data = figures.evaluate(unit, period)
    snapshot, _created = Snapshot.objects.update_or_create(
        unit=unit,
        period=period.code,
        defaults={
            "data": data,
            "signature": signature,
            "data_version": version,
            "computed_at": timezone.now(),
            "compute_ms": round((time.perf_counter() - started) * 1000),
            "refresh_requested_at": None,
        },
    )
    return snapshot


def request_refresh(snapshot: Snapshot) -> None:
    """Ask the worker to count the snapshot again, unless that was asked a moment ago."""
    from kombu.exceptions import OperationalError as BrokerError
    from redis.exceptions import RedisError

    from danvan.rollup.tasks import refresh_snapshot

    now = timezone.now()
    claimed = (
        Snapshot.objects.filter(pk=snapshot.pk)
        .filter(
            Q(refresh_requested_at__isnull=True)
            | Q(refresh_requested_at__lt=now - REFRESH_RESEND_AFTER)
        )
        .update(refresh_requested_at=now)
    )
    if not claimed:
        return
    try:
        refresh_snapshot.delay(snapshot.pk)
    except (BrokerError, RedisError) as exc:  # the beat job sends it again
        logger.warning("snapshot %s: refresh not sent: %s", snapshot.pk, exc)


def refresh(snapshot_id: int) -> None:
    """The task's work: count the snapshot again if its data changed since."""
    snapshot = Snapshot.objects.select_related("unit").filter(pk=snapshot_id).first()
    if snapshot is None:
        return
    version = freshness.version(snapshot.unit, Period.parse(snapshot.period))
    signature = figures.signature()
    if is_current(snapshot, version) and snapshot.signature == signature:
        Snapshot.objects.filter(pk=snapshot_id).update(refresh_requested_at=None)
        return
    store(snapshot.unit, Period.parse(snapshot.period), version, signature)


def resend_lost_refreshes(now=None) -> int:
    """Beat job: refreshes asked for but not done (the broker or the worker was down)."""
    now = now or timezone.now()
    lost = Snapshot.objects.filter(refresh_requested_at__lt=now - REFRESH_RESEND_AFTER)
    count = 0
    for snapshot in lost:
        request_refresh(snapshot)
        count += 1
    return count


def prune(now=None) -> int:
    """Beat job: drop snapshots counted more than KEEP_FOR ago (each holds a unit's whole
    roll-up; a page that needs one again counts it again)."""
    now = now or timezone.now()
    deleted, _by_model = Snapshot.objects.filter(computed_at__lt=now - KEEP_FOR).delete()
    return deleted
