"""Batched metrics: single aggregates over the same base rows, counted together.

Registered through `Batch.register` into the one registry of danvan.metrics (see there).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Aggregate, Count, Q, QuerySet

from danvan import metrics
from danvan.metrics import (
    Aggregation,
    Metric,
    Scope,
    UnitRows,
    Value,
    ratio_by_unit,
    sum_by_unit,
)

# A filter or aggregate of a batched metric: fixed, or built for the scope (e.g. its period's end).
Part = Q | Aggregate | Callable[[Scope], Q | Aggregate] | None


def _part(part: Part, scope: Scope):
    return part(scope) if callable(part) else part


@dataclass(frozen=True)
class BatchFigure:
    """`compute` of one metric of a `Batch`: its own query, the base rows `where` it holds,
    `amount` (SUM) or `numerator`/`denominator` (RATIO) per unit path — a row for every path
    that has such rows, as `sum_by_unit` / `ratio_by_unit` give."""

    batch: "Batch"
    code: str
    where: Part = None
    amount: Part = None
    numerator: Part = None
    denominator: Part = None

    def rows(self, scope: Scope) -> QuerySet:
        where = _part(self.where, scope)
        rows = self.batch.rows(scope)
        return rows if where is None else rows.filter(where)

    def __call__(self, scope: Scope) -> UnitRows:
        path = self.batch.path_field
        if self.amount is not None:
            return sum_by_unit(self.rows(scope), path, metric_amount=_part(self.amount, scope))
        numerator, denominator = _part(self.numerator, scope), _part(self.denominator, scope)
        return ratio_by_unit(self.rows(scope), numerator, denominator, path)


def _only_where(aggregate: Aggregate, where: Q | None) -> Aggregate:
    """The aggregate over the rows `where` only: `where` joins its FILTER."""
    if where is None:
        return aggregate
    aggregate = aggregate.copy()
    aggregate.filter = where if aggregate.filter is None else where & aggregate.filter
    return aggregate


class Batch:
    """Metrics that are single aggregates over the same base rows, counted together.

    `rows(scope)` is the base QuerySet (the scope's subtree and period), `path_field` the path
    of the unit a row belongs to. Each metric registered with `Batch.register` is an aggregate
    (`Count`, `Sum`, or a numerator and a denominator) over the base rows `where` holds: alone
    (`metric.compute`) it is ONE grouped query of those rows; with others of its batch
    (`evaluate_all`) it is one conditional aggregate (`FILTER (WHERE …)`) in ONE grouped query
    of the base rows for all of them, giving each exactly the same rows.

    `where` and the aggregates must not follow a reverse relation or a many-to-many: it would
    multiply the base rows of every metric of the batch (forward foreign keys are fine). Such
    a metric stays on its own query (`register`).
    """

    def __init__(self, rows: Callable[[Scope], QuerySet], path_field: str = "unit__path"):
        self.rows = rows
        self.path_field = path_field

    def register(
        self,
        code: str,
        *,
        label,
        unit,
        where: Part = None,
        amount: Part = None,
        numerator: Part = None,
        denominator: Part = None,
        group="",
        order=100,
        **shown,
    ) -> BatchFigure:
        """Register metric `code`: SUM of `amount`, or RATIO `numerator`/`denominator`, over
        the base rows `where` holds (each a Q / aggregate, or a function of the scope), shown
        as `shown` says (`tile`, `headline`, `breakdown_of`, `short_label`: see `Metric`)."""
        if (amount is None) == (numerator is None or denominator is None):
            raise ValueError(f"metric {code!r}: give an amount, or a numerator and a denominator")
        figure = BatchFigure(self, code, where, amount, numerator, denominator)
        aggregation = Aggregation.SUM if amount is not None else Aggregation.RATIO
        if code in metrics._static and metrics._static[code].compute != figure:
            raise ValueError(f"metric {code!r} is registered twice")
        metrics._static[code] = Metric(
            code,
            label,
            unit,
            aggregation,
            figure,
            group,
            order,
            compute_many=self.compute_many,
            place=f"{self.rows.__module__}.{code}",
            **shown,
        )
        return figure

    def compute_many(self, scope: Scope, members: list[Metric]) -> dict[str, UnitRows]:
        """`compute_many` of the batch: ONE grouped query of the base rows, an aggregate per
        metric over its rows `where`, and one count per distinct `where` saying which paths
        have such rows (a metric gets no row where it has none, like its own query)."""
        wheres: list[Q] = []  # distinct conditions; presence_<i> counts the rows of wheres[i]
        annotations, layout = {}, []
        for n, metric in enumerate(members):
            figure: BatchFigure = metric.compute
            where = _part(figure.where, scope)
            presence = None
            if where is not None:
                if where not in wheres:
                    wheres.append(where)
                    annotations[f"presence_{wheres.index(where)}"] = Count("pk", filter=where)
                presence = f"presence_{wheres.index(where)}"
            if figure.amount is not None:
                parts = {"amount": figure.amount}
            else:
                parts = {"numerator": figure.numerator, "denominator": figure.denominator}
            for name, part in parts.items():
                annotations[f"batch_{n}_{name}"] = _only_where(_part(part, scope), where)
            layout.append((metric.code, n, list(parts), presence))
        found: dict[str, UnitRows] = {metric.code: {} for metric in members}
        rows = self.rows(scope).order_by().values(self.path_field).annotate(**annotations)
        for row in rows:
            path = row[self.path_field]
            for code, n, names, presence in layout:
                if presence is None or row[presence]:
                    found[code][path] = Value(**{k: row[f"batch_{n}_{k}"] or 0 for k in names})
        return found
