"""Which stored figures a write makes stale: per unit and period, not the whole country.

Services (the only writers) say what they changed: `changed(unit, day)`, or
`changed_many({(unit, day), …})` for a bulk write (ONE statement whatever the number of
pairs). `day` is the date the figures count the record by (a letter's receipt, a report's
period, a case's receipt and the day it was accepted or closed…); a write that moves a record
records the old and the new date, and the old and the new unit.

Which figures that reaches. The figures of a unit for a period (danvan.rollup.figures) count
the unit's subtree, and, for a unit made by the 2025 reform, the subtrees of the units it took
over (`Scope.predecessors`). They read the period itself, but also everything before its end:
letters carried over and cases still open or overdue at the end, the same period last year,
the trend of the last quarters. So a change dated `day` in a unit makes stale the figures of
the unit, of its ancestors and of the units that took over one of them, for the periods that
end on or after `day`: the periods containing it (`danvan.periods.periods_containing`), and
later ones. For a change made today, later periods are in the future, so only the periods
containing today go stale; every other unit, and every period that ended before `day`, stays
current. (Measured on the demo data: docs/bench.md, "Freshness".)

How. `FiguresVersion` holds a counter per (unit, month). A change adds 1, in the writer's own
transaction, to (unit, month of `day`) for each unit reached. The version of a unit's figures
for a period is the sum of its counters up to the period's end; a snapshot keeps the version
it read BEFORE counting and is current while the sum has not moved (danvan.rollup.snapshots).

Why counters bumped inside the writer's transaction, and not the snapshot rows marked there:
- a mark on the snapshot row races with the snapshot being counted: the counter reads the
  data before the writer commits, the writer marks the (old) row, then the counter overwrites
  the row as current with figures that miss the write; and a write committed while the first
  snapshot of a (unit, period) is counted has no row to mark at all. A counter read before
  counting has neither hole: a write committed before the read is in the count (it commits
  its data and its counter at once), one committed after it moves the sum past the stored
  version.
- bumped after commit (on_commit) instead, a crash between the commit and the bump would
  leave stale figures marked current; inside the transaction the bump commits or rolls back
  with the data.
The price: the writer holds the lock on its counter rows until it commits, so two writes in
the same month under the same ancestor (the city, say) commit one after the other. Services
record their change last, just before they commit, and each statement takes its rows in the
order of the unit ids, so writers queue instead of deadlocking.
"""

from collections.abc import Iterable
from datetime import date
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import BigIntegerField, F, Func, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from danvan.models import FiguresVersion
from danvan.orgs.models import PATH_SEPARATOR, Unit, UnitLineage
from danvan.periods import MIN_YEAR, Period

# The month recorded for a change that reaches every period (a unit's lineage, an indicator's
# definition): before any period.
FROM_THE_START = date(MIN_YEAR, 1, 1)

_pending: WeakKeyDictionary = WeakKeyDictionary()  # connections with uncommitted changes


def changed(unit, day: date | None) -> None:
    """Data of `unit` dated `day` changed (None: from the start, e.g. a unit without dates)."""
    changed_many([(unit, day)])


def changed_many(pairs: Iterable[tuple]) -> None:
    """A set of (unit, day) changed: one statement for all of them."""
    earliest: dict[str, date] = {}  # unit path -> first month reached
    for unit, day in pairs:
        month = FROM_THE_START if day is None else day.replace(day=1)
        parts = unit.path.split(PATH_SEPARATOR)
        for depth in range(1, len(parts) + 1):  # the unit and its ancestors
            path = PATH_SEPARATOR.join(parts[:depth])
            if path not in earliest or month < earliest[path]:
                earliest[path] = month
    if earliest:
        _bump(sorted(earliest.items()))


def changed_everywhere() -> None:
    """Every unit's figures, every period: writes that bypass the services (the admin, the
    demo loader) or change what a figure means (an indicator). One row without a unit, which
    every version counts; inserted, not updated, so it waits for no other writer."""
    FiguresVersion.objects.create(unit=None, month=FROM_THE_START, number=1)
    _note_pending()


def _bump(months: list[tuple[str, date]]) -> None:
    """Add 1 to (unit, month) for the units at these paths and the units that took over one
    of them (their figures fold in their predecessors' subtrees), each at its first month."""
    table = FiguresVersion._meta.db_table
    units, lineage = Unit._meta.db_table, UnitLineage._meta.db_table
    connection = connections[DEFAULT_DB_ALIAS]
    rows = ", ".join(["(%s, %s)"] * len(months))
    params = []
    for path, month in months:
        params += [path, connection.ops.adapt_datefield_value(month)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH changed (path, month) AS (VALUES {rows}), "
            "reached (unit_id, month) AS ("
            f" SELECT u.id, c.month FROM changed c JOIN {units} u ON u.path = c.path"
            " UNION ALL"
            f" SELECT l.successor_id, c.month FROM changed c JOIN {units} u ON u.path = c.path"
            f" JOIN {lineage} l ON l.predecessor_id = u.id) "
            f"INSERT INTO {table} (unit_id, month, number) "
            "SELECT unit_id, MIN(month), 1 FROM reached WHERE true "
            "GROUP BY unit_id ORDER BY unit_id "
            f"ON CONFLICT (unit_id, month) DO UPDATE SET number = {table}.number + 1",
            params,
        )
    _note_pending()


def _note_pending() -> None:
    if transaction.get_autocommit():
        return
    wrapper = connections[DEFAULT_DB_ALIAS]
    _pending[wrapper] = True
    transaction.on_commit(lambda: _pending.pop(wrapper, None))


def pending() -> bool:
    """True inside a transaction that recorded a change and has not committed yet: stored
    figures cannot show this connection its own writes (the worker does not see them)."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    if transaction.get_autocommit():  # outside a transaction: committed or rolled back
        _pending.pop(wrapper, None)
        return False
    return wrapper in _pending


def _versions(period: Period):
    return FiguresVersion.objects.filter(month__lte=period.end).order_by()


def version(unit, period: Period) -> int:
    """The version of the unit's figures for the period (compared with a snapshot's)."""
    rows = _versions(period).filter(Q(unit=unit) | Q(unit__isnull=True))
    return rows.aggregate(n=Sum("number"))["n"] or 0


def version_expression(period: Period, unit_field: str = "unit"):
    """`version()` as an expression, to read it with the snapshot in one query."""
    rows = _versions(period).filter(Q(unit=OuterRef(unit_field)) | Q(unit__isnull=True))
    # SUM as a plain function: one total over the rows, without a GROUP BY.
    total = rows.values(n=Func(F("number"), function="SUM"))
    return Coalesce(Subquery(total, output_field=BigIntegerField()), 0)


class AdminChangesFigures:
    """For the Django admin pages of data the figures read (a ModelAdmin mixin): the admin
    saves without the services, so each save or delete there makes every stored figure stale.
    The admin is the superuser's rare repair tool; recounting is the safe answer to it."""

    def save_related(self, request, form, formsets, change):  # after save_model, inlines too
        super().save_related(request, form, formsets, change)
        changed_everywhere()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        changed_everywhere()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        changed_everywhere()
