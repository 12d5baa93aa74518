"""One statistics table: the figures of a unit and period by child unit, for any page.

The apps' statistics pages show the roll-up's own `Table` (danvan.rollup.figures), drawn by
one template include (templates/danvan/statistics_table.html), so a page, the dashboard and
the PDF read a unit's line the same way: by unit path, a missing line shown as a dash. The
app passes its own metrics; this module names none of them.

Queries: one per metric, or per batch of metrics counted together (`metrics.evaluate_all`),
twice when compared with last year; never one per unit.
"""

from collections.abc import Iterable

from danvan import metrics
from danvan.metrics import Metric, Scope
from danvan.orgs import lineage
from danvan.orgs.models import Unit
from danvan.periods import Period
from danvan.rollup.figures import Figure, Table


def build(
    unit: Unit,
    period: Period,
    chosen: Iterable[Metric | str],
    *,
    key: str = "statistics",
    title: str = "",
    compare: bool = False,
) -> Table:
    """The table of the `chosen` metrics (or codes) for the unit's subtree and the period,
    one row per breakdown line; `compare` also counts the same period last year."""
    chosen = [metrics.get(m) if isinstance(m, str) else m for m in chosen]
    now = metrics.evaluate_all(unit, period, chosen, Scope.build(unit, period))
    before: list = [None] * len(now)
    if compare:
        last_year = period.same_period_last_year()
        before = metrics.evaluate_all(unit, last_year, chosen, Scope.build(unit, last_year))
    figures = [Figure(result, previous) for result, previous in zip(now, before, strict=True)]
    table = Table.of(key, str(title), figures)
    if compare:
        table.note = lineage.comparison_note(unit, period, period.same_period_last_year())
    return table
