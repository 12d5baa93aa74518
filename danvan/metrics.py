"""Registry of named figures: one number, one function (DESIGN.md firm point 3).

Every figure the portal shows — dashboard tile, table cell, PDF sentence, Excel cell, report
prefill, "so với cùng kỳ" — is a registered `Metric`, evaluated for a unit subtree and a period
and broken down by child unit. A metric's function runs ONE grouped query and returns the
values per unit path it found; the registry folds those rows into the child units of the scope
and the total, so the number of queries never grows with the number of units. Ratios are
folded from summed numerators and denominators, never from percentages.

Apps register their metrics in their `metrics.py` (imported on start-up):

    @metrics.register("library.loans", label=_("Books lent"), unit=_("books"), tile=10)
    def loans(scope):
        return metrics.sum_by_unit(
            Loan.objects.filter(scope.unit_q(), lent_on__range=scope.date_range),
            count=Count("id"),
        )

Metrics defined by data (the report indicator catalogue) come from a registered source.
"""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from danvan import collation
from danvan.numbers import format_number, format_percent, percent, round_percent
from danvan.orgs.lineage import crosses_reform, predecessors_taken
from danvan.orgs.models import PATH_SEPARATOR, Unit
from danvan.periods import Period


class Aggregation(StrEnum):
    SUM = "sum"  # a count or an amount: add the units' values
    RATIO = "ratio"  # actual/target: add numerators and denominators, then divide
    LATEST = "latest"  # a stock at the end of the period: each unit's latest value, added


@dataclass(frozen=True)
class Value:
    """A figure: `amount` for sums, `numerator`/`denominator` for ratios."""

    amount: Decimal | int | None = None
    numerator: Decimal | int | None = None
    denominator: Decimal | int | None = None

    @property
    def is_ratio(self) -> bool:
        return self.numerator is not None or self.denominator is not None

    @property
    def percent(self) -> Decimal | None:
        return percent(self.numerator, self.denominator)

    @property
    def number(self):
        """The single number of the figure: the amount, or the percentage of a ratio."""
        return self.percent if self.is_ratio else self.amount

    def scaled(self, weight: Decimal) -> "Value":
        """The figure for a share of the unit (a predecessor's part taken over): both parts of
        a ratio scale, so its percentage stays and it weighs in the sum for that share."""
        if weight == 1:
            return self
        if self.is_ratio:
            return Value(
                numerator=(self.numerator or 0) * weight,
                denominator=(self.denominator or 0) * weight,
            )
        return Value(amount=None if self.amount is None else self.amount * weight)

    def __add__(self, other: "Value") -> "Value":
        if self.is_ratio or other.is_ratio:
            return Value(
                numerator=(self.numerator or 0) + (other.numerator or 0),
                denominator=(self.denominator or 0) + (other.denominator or 0),
            )
        return Value(amount=(self.amount or 0) + (other.amount or 0))

    def display(self, decimals: int = 2) -> str:
        """'1.081' or '7.775/8.233 (95,06%)'."""
        if self.is_ratio:
            share = format_percent(self.percent)
            return f"{format_number(self.numerator)}/{format_number(self.denominator)} ({share})"
        return format_number(self.amount, decimals)

    def as_json(self) -> dict:
        def plain(number):
            if number is None:
                return None
            return int(number) if Decimal(number) == int(number) else float(number)

        if self.is_ratio:
            share = self.percent
            return {
                "numerator": plain(self.numerator),
                "denominator": plain(self.denominator),
                "percent": None if share is None else float(round_percent(share)),
            }
        return {"value": plain(self.amount)}


ZERO = Value(amount=0)
ZERO_RATIO = Value(numerator=0, denominator=0)

# What a metric function returns: values keyed by the path of the unit they were recorded on.
UnitRows = dict[str, Value]


@dataclass(frozen=True)
class Metric:
    code: str  # "<app>.<name>", stable: used in URLs, exports and the JSON of the command
    label: str
    unit: str  # unit of measure shown after the number: hộ, người, đơn, vụ, lượt, đồng…
    aggregation: Aggregation
    compute: Callable[["Scope"], UnitRows] = field(compare=False, repr=False)
    group: str = ""  # the module's heading in listings
    order: int = 100
    # Optional set-based form shared by the metrics of one source, used by `evaluate_all`:
    # `compute_many(scope, metrics) -> {code: UnitRows}` in ONE query for all of them. It must
    # give each metric exactly what its `compute` gives (`compute` may simply call it).
    compute_many: Callable[["Scope", list["Metric"]], dict[str, UnitRows]] | None = field(
        default=None, compare=False, repr=False
    )
    # How the roll-up shows it: its place among the dashboard's tiles (None: not a tile); the
    # figure its group's charts show; the code of the figure, or of the named breakdown
    # (danvan.rollup.registry), it is a line of; the short name sentences list it by.
    tile: int | None = None
    headline: bool = False
    breakdown_of: str = ""
    short_label: str = ""
    # Whether a predecessor's figure counts for the share taken over (danvan.orgs.lineage): a
    # count of people or letters does; a count of the old unit's own reports does not.
    by_share: bool = True
    place: str = field(default="", compare=False)  # where it is defined, for the checks

    @property
    def empty(self) -> Value:
        return ZERO_RATIO if self.aggregation == Aggregation.RATIO else ZERO


def figures_as_of(period: Period) -> date:
    """The day the period's standing figures (open, in progress, overdue, awaiting) are
    counted on: the period's end (its cut-off day), or today while the period runs — a case
    due on the 4th is not overdue on the 2nd because the month ends on the 31st."""
    return min(period.data_range()[1], timezone.localdate())


def as_of_sentence(period: Period) -> str:
    """'Số liệu tính đến ngày 14/12/2019 (tính từ ngày 15/12/2018).', printed with the figures."""
    start = period.data_range()[0]
    return _("Figures as of %(day)s (counted from %(start)s).") % {
        "day": figures_as_of(period).strftime("%d/%m/%Y"),
        "start": start.strftime("%d/%m/%Y"),
    }


@dataclass
class Scope:
    """A unit subtree for a period: what a metric function filters on.

    For a unit created by a reform, periods before its start also take in the subtrees of the
    units it took over (its lineage), so that old data stays reachable from the new unit, each
    for the share taken over (`weights`, by path: danvan.orgs.lineage).
    """

    unit: Unit
    period: Period
    children: list[Unit]
    predecessors: list[Unit]
    weights: dict[str, Decimal] = field(default_factory=dict)

    @classmethod
    def build(cls, unit: Unit, period: Period) -> "Scope":
        start, end = period.date_range
        # Vietnamese order (danvan.collation), whatever the database's collation: the lines of
        # every figure, hence the dashboard, the Excel tables and the PDF, follow it.
        children = collation.sort_units(
            Unit.objects.filter(parent=unit)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        )
        taken = predecessors_taken(unit) if crosses_reform(unit, period) else []
        return cls(
            unit=unit,
            period=period,
            children=children,
            predecessors=collation.sort_units(t.unit for t in taken),
            weights={t.unit.path: t.weight for t in taken},
        )

    @property
    def date_range(self) -> tuple[date, date]:
        """The days whose records count: the period up to its data cut-off
        (`Period.data_range`, Nghị định 09/2019 Art. 12). Every metric filters on these."""
        return self.period.data_range()

    @property
    def start(self) -> date:
        return self.date_range[0]

    @property
    def end(self) -> date:
        return self.date_range[1]

    @property
    def as_of(self) -> date:
        return figures_as_of(self.period)

    @property
    def roots(self) -> list[Unit]:
        return [self.unit, *self.predecessors]

    def unit_q(self, path_field: str = "unit__path") -> Q:
        """Rows recorded anywhere in the scope's subtree(s)."""
        condition = Q(pk__in=[])
        for root in self.roots:
            condition |= Q(path=root.path) | Q(path__startswith=root.path + PATH_SEPARATOR)
        if path_field == "path":
            return condition
        # "…unit__path" -> "…unit__in (subtree ids)": PostgreSQL then reads the rows through
        # their (unit, date) index instead of every row of the period (docs/bench.md).
        unit_field = path_field.removesuffix("__path")
        return Q(**{f"{unit_field}__in": Unit.objects.filter(condition).values("pk")})

    def group_of(self, path: str) -> str | None:
        """The breakdown line a row belongs to: a child, the unit itself, or a predecessor."""
        own = self.unit.path
        if path == own:
            return own
        if path.startswith(own + PATH_SEPARATOR):
            return own + PATH_SEPARATOR + path[len(own) + 1 :].split(PATH_SEPARATOR, 1)[0]
        for old in self.predecessors:
            if path == old.path or path.startswith(old.path + PATH_SEPARATOR):
                return old.path
        return None


@dataclass
class Line:
    unit: Unit
    value: Value


@dataclass
class Result:
    metric: Metric
    scope: Scope
    total: Value
    lines: list[Line]  # one per child unit (and the unit's own records, and predecessors)

    def as_json(self) -> dict:
        return {
            "code": self.metric.code,
            "label": str(self.metric.label),
            "unit": str(self.metric.unit),
            "aggregation": str(self.metric.aggregation),
            "total": self.total.as_json(),
            "by_unit": [
                {"unit": line.unit.path, "name": line.unit.title, **line.value.as_json()}
                for line in self.lines
            ],
        }


_static: dict[str, Metric] = {}
_sources: list[Callable[[], Iterable[Metric]]] = []


def register(
    code: str,
    *,
    label,
    unit,
    aggregation=Aggregation.SUM,
    group="",
    order=100,
    compute_many=None,
    **shown,
):
    """Decorator registering `compute(scope) -> {unit path: Value}` as metric `code`, with the
    `compute_many` it shares with other metrics, if any, and how it is shown (`tile`,
    `headline`, `breakdown_of`, `short_label`: see `Metric`)."""

    def decorator(compute):
        if code in _static and _static[code].compute is not compute:
            raise ValueError(f"metric {code!r} is registered twice")
        place = f"{compute.__module__}.{compute.__qualname__}"
        _static[code] = Metric(
            code,
            label,
            unit,
            Aggregation(aggregation),
            compute,
            group,
            order,
            compute_many,
            place=place,
            **shown,
        )
        return compute

    return decorator


def static_metrics() -> dict[str, Metric]:
    """The metrics registered by code (not the data-defined ones): no query."""
    _discover()
    return _static


def register_source(source: Callable[[], Iterable[Metric]]) -> None:
    """Metrics defined by data (e.g. report indicators), listed afresh on each call."""
    if source not in _sources:
        _sources.append(source)


@functools.cache
def _discover() -> None:
    """Import every app's `metrics` module, once: a page asks for the definitions on every
    request, and `autodiscover_modules` looks through every app each time (1,4 ms)."""
    autodiscover_modules("metrics")


def all_metrics() -> list[Metric]:
    _discover()
    found = dict(_static)
    for source in _sources:
        for metric in source():
            found[metric.code] = metric
    return sorted(found.values(), key=lambda m: (m.group, m.order, m.code))


def definitions() -> str:
    """The registered metric codes and the sources of data-defined metrics, without asking
    the sources (no query): what changes only when the code does."""
    _discover()
    sources = (f"{source.__module__}.{source.__qualname__}" for source in _sources)
    return ",".join([*sorted(_static), *sources])


def get(code: str) -> Metric:
    """The metric `code`; data-defined sources (a query each) are asked only when needed."""
    _discover()
    if code in _static:
        return _static[code]
    for source in _sources:
        for metric in source():
            if metric.code == code:
                return metric
    raise KeyError(f"unknown metric {code!r}")


def fold(metric: Metric, scope: Scope, rows: UnitRows) -> Result:
    """Fold per-unit rows into the breakdown lines and the total; a predecessor's line counts
    for the share taken over."""
    groups: dict[str, Value] = {}
    for path, value in rows.items():
        key = scope.group_of(path)
        if key is not None:
            groups[key] = groups.get(key, metric.empty) + value
    for path, weight in scope.weights.items() if metric.by_share else ():
        if path in groups:
            groups[path] = groups[path].scaled(weight)
    lines = [Line(child, groups.get(child.path, metric.empty)) for child in scope.children]
    if scope.unit.path in groups:  # records kept at the unit itself, not in a child
        lines.insert(0, Line(scope.unit, groups[scope.unit.path]))
    lines += [Line(old, groups.get(old.path, metric.empty)) for old in scope.predecessors]
    total = metric.empty
    for value in groups.values():
        total = total + value
    return Result(metric=metric, scope=scope, total=total, lines=lines)


def evaluate(
    metric: Metric | str, unit: Unit, period: Period, scope: Scope | None = None
) -> Result:
    metric = get(metric) if isinstance(metric, str) else metric
    scope = scope or Scope.build(unit, period)
    return fold(metric, scope, metric.compute(scope))


def evaluate_all(
    unit: Unit,
    period: Period,
    metrics: Iterable[Metric] | None = None,
    scope: Scope | None = None,
) -> list[Result]:
    """Every (or the given) metric for one scope, in order: one query per metric whatever the
    units, and one for each group of metrics sharing a `compute_many` (e.g. the indicators)."""
    metrics = list(metrics or all_metrics())
    scope = scope or Scope.build(unit, period)
    rows: dict[str, UnitRows] = {}
    groups: dict[Callable, list[Metric]] = {}
    for metric in metrics:
        if metric.compute_many is None:
            rows[metric.code] = metric.compute(scope)
        else:
            groups.setdefault(metric.compute_many, []).append(metric)
    for compute_many, members in groups.items():
        rows.update(compute_many(scope, members))
    return [fold(metric, scope, rows[metric.code]) for metric in metrics]


# --- Batched metrics live in danvan.metric_batch (`metrics.Batch` still finds them) ---------


def __getattr__(name: str):
    if name in {"Batch", "BatchFigure", "Part"}:
        from danvan import metric_batch

        return getattr(metric_batch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- Helpers for metric functions -----------------------------------------------------------


def sum_by_unit(queryset: QuerySet, path_field: str = "unit__path", **aggregate) -> UnitRows:
    """One grouped query: {unit path: Value(amount=aggregate)} for a single aggregate."""
    ((name, expression),) = aggregate.items()
    rows = queryset.order_by().values(path_field).annotate(**{name: expression})
    return {row[path_field]: Value(amount=row[name] or 0) for row in rows}


def ratio_by_unit(
    queryset: QuerySet, numerator, denominator, path_field: str = "unit__path"
) -> UnitRows:
    """One grouped query: {unit path: Value(numerator, denominator)}."""
    rows = (
        queryset.order_by()
        .values(path_field)
        .annotate(metric_numerator=numerator, metric_denominator=denominator)
    )
    return {
        row[path_field]: Value(
            numerator=row["metric_numerator"] or 0, denominator=row["metric_denominator"] or 0
        )
        for row in rows
    }


def change(current: Value, previous: Value):
    """current - previous of the figure's single number ("so với cùng kỳ"), None if unknown."""
    if current.number is None or previous.number is None:
        return None
    return current.number - previous.number


def evaluate_with_last_year(
    metric: Metric | str, unit: Unit, period: Period
) -> tuple[Result, Result]:
    """The figure for the period and for the same period of the previous year."""
    return evaluate(metric, unit, period), evaluate(metric, unit, period.same_period_last_year())
