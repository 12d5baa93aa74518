"""The hand-over of open work when units close (the reform of 1/7/2025, any later merger).

Every open item of a unit closed before the day (cases and their letters, written answers
pending, "Dân vận khéo" models in progress, open reports…) moves to the unit that took it
over: by the lineage (the link with the largest share), or as the administrator chooses where
a unit split; a closed unit without lineage hands over to its parent's successor, else to its
nearest open ancestor. Each app registers its kinds of open work in a `handover.py` module,
discovered like `metrics.py`, so the core never names an app's code (firm point 1); the app's
`move` is its own service, which records an event on the record.

After the hand-over no closed unit holds open work, the open items counted city-wide are the
same, and every table's total is the sum of its rows (its rows are the units open in the
period).
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils.module_loading import autodiscover_modules

from danvan.orgs.lineage import raw_weight
from danvan.orgs.models import Unit, UnitLineage


@dataclass(frozen=True)
class Kind:
    """A kind of open work an app hands over."""

    code: str
    label: str
    # The open items held by the units of these ids (their own, not their subtrees') that are
    # still work on the day of the hand-over: open_items(unit ids, day).
    open_items: Callable[[list[int], date], QuerySet]
    # The app's service moving one item: move(item, successor, *, actor, reason).
    move: Callable
    describe: Callable[[object], str] = str
    order: int = 100


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    _kinds[kind.code] = kind
    return kind


@functools.cache
def _discover() -> None:
    autodiscover_modules("handover")


def kinds() -> list[Kind]:
    _discover()
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.code))


def _is_open(unit: Unit, day: date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= day) and (
        unit.valid_to is None or unit.valid_to >= day
    )


def successors(day: date, choices: dict[int, Unit] | None = None) -> dict[int, Unit]:
    """For every unit closed before `day`: the open unit its work goes to (a few queries)."""
    choices = choices or {}
    units = {unit.pk: unit for unit in Unit.objects.all()}
    by_path = {unit.path: unit for unit in units.values()}
    best: dict[int, tuple] = {}
    for link in UnitLineage.objects.all():
        key = (raw_weight(link), link.share == UnitLineage.Share.WHOLE, -link.successor_id)
        if link.predecessor_id not in best or key > best[link.predecessor_id][0]:
            best[link.predecessor_id] = (key, link.successor_id)

    def target(unit: Unit, seen: frozenset = frozenset()) -> Unit:
        if _is_open(unit, day) or unit.pk in seen:
            return unit
        seen = seen | {unit.pk}
        chosen = choices.get(unit.pk)
        if chosen is None and unit.pk in best:
            chosen = units[best[unit.pk][1]]
        if chosen is None:  # no lineage of its own: where its parent's work goes
            parent_path = unit.path.rpartition("/")[0]
            if not parent_path:
                return unit
            chosen = by_path[parent_path]
        return target(chosen, seen)

    return {
        pk: found
        for pk, unit in units.items()
        if unit.valid_to is not None
        and unit.valid_to < day
        and _is_open(found := target(unit), day)
    }


@dataclass(frozen=True)
class Row:
    kind: Kind
    item: object
    old: Unit
    new: Unit

    @property
    def description(self) -> str:
        return self.kind.describe(self.item)


def plan(day: date, choices: dict[int, Unit] | None = None) -> list[Row]:
    """What the hand-over for `day` would move: one query per kind."""
    targets = successors(day, choices)
    if not targets:
        return []
    closed = {unit.pk: unit for unit in Unit.objects.filter(pk__in=targets)}
    rows = []
    for kind in kinds():
        for item in kind.open_items(list(targets), day):
            rows.append(Row(kind, item, closed[item.unit_id], targets[item.unit_id]))
    return rows


def stranded(day: date) -> dict[str, int]:
    """Open items still held by units closed before `day`, per kind (0 after the hand-over)."""
    ids = list(Unit.objects.filter(valid_to__lt=day).values_list("pk", flat=True))
    return {kind.code: kind.open_items(ids, day).count() for kind in kinds()}


@transaction.atomic
def handover_run(
    *, actor, day: date, reason: str, choices: dict[int, Unit] | None = None
) -> list[Row]:
    """Move every open item of the units closed before `day` to its successor; the list of
    what moved (for the printed list)."""
    rows = plan(day, choices)
    for row in rows:
        row.kind.move(row.item, row.new, actor=actor, reason=reason)
    return rows


def printed_list(rows: list[Row], *, day: date, issuer: Unit) -> bytes:
    """The list of what moved, as a Party document of `issuer` (its body valid on `day`):
    by kind, each item with its old and new unit, and each kind's count."""
    from danvan.rollup import documents

    by_kind: dict[str, list[Row]] = {}
    for row in rows:
        by_kind.setdefault(row.kind.code, []).append(row)
    sections = [(kind, by_kind.get(kind.code, [])) for kind in kinds()]
    context = {
        **documents.document_context(issuer, issued_on=day),
        "day": day,
        "sections": sections,
        "total": len(rows),
    }
    return documents.render_pdf("danvan/handover_list.html", context)
