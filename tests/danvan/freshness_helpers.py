"""Snapshots stored for units and periods, and which of them a write made stale."""

from django.utils import timezone

from danvan import freshness
from danvan.periods import Period
from danvan.rollup import snapshots
from danvan.rollup.models import Snapshot

# Hà Nội > Long Biên > Ngọc Thụy: the ward of the `tree` fixture and its ancestors.
ANCESTRY = ("ngoc_thuy", "long_bien", "ha_noi")


def store(units, codes) -> None:
    """A current snapshot of each unit for each period (as `snapshots.store` keeps one: with
    the version read before counting; the figures themselves do not matter here)."""
    now = timezone.now()
    for unit in units:
        for code in codes:
            version = freshness.version(unit, Period.parse(code))
            Snapshot.objects.create(
                unit=unit, period=code, signature="t", data_version=version, computed_at=now
            )


def stale() -> set[tuple[str, str]]:
    """(unit name, period code) of every stored snapshot that is no longer current."""
    return {
        (snapshot.unit.name, snapshot.period)
        for snapshot in Snapshot.objects.select_related("unit")
        if not snapshots.is_current(
            snapshot, freshness.version(snapshot.unit, Period.parse(snapshot.period))
        )
    }


def of(tree, names, codes) -> set[tuple[str, str]]:
    return {(tree[name].name, code) for name in names for code in codes}
