"""The one set of figures behind the dashboard, the Excel tables and the roll-up PDF.

Everything here comes from the metrics registry (DESIGN.md firm point 3): a metric is
evaluated once for the period and once for the same period last year, with one scope each,
so the query count depends on the number of metrics, never on the number of units. The
dashboard and the PDF both render a `Rollup`, so they cannot disagree.

How a figure is shown is the metric's own word (`Metric.tile`, `headline`, `breakdown_of`), and
the groups' titles, order and sentences are the apps' (danvan.rollup.registry): nothing here
names an app or a metric code.
"""

import functools
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from danvan import collation, metrics
from danvan.metrics import Line, Metric, Result, Scope, Value
from danvan.numbers import format_number, format_percent
from danvan.orgs import lineage
from danvan.orgs.models import Unit
from danvan.periods import Period, cutoff_setting
from danvan.rollup import charts, registry

TABLE_COLUMNS = 4  # columns of figures per table: a wider table does not fit A4 portrait
TREND_PERIODS = 8
DATA_FORMAT = 2  # bump when `evaluate`'s output changes shape: stored snapshots are redone


@dataclass
class Figure:
    result: Result
    # The same period last year; None when the figure is not compared (a statistics table).
    previous: Result | None = None
    # False when the figure's module had no data at all last year: "tăng 29 đơn" against a
    # year the portal did not cover would be false, so no change is shown or written.
    comparable: bool = True

    @property
    def metric(self) -> Metric:
        return self.result.metric

    @property
    def total(self) -> Value:
        return self.result.total

    @property
    def change(self):
        if not self.comparable or self.previous is None:
            return None
        return metrics.change(self.result.total, self.previous.total)

    @property
    def has_data(self) -> bool:
        """A non-zero amount, or a ratio with a non-zero denominator."""
        return has_data(self.total)

    @property
    def change_display(self) -> str:
        """'+15 đơn' against the same period last year; percentage points for a ratio."""
        change = self.change
        if change is None:
            return ""
        sign = "+" if change > 0 else ("−" if change < 0 else "±")
        if self.total.is_ratio:
            return _("%(sign)s%(n)s percentage points") % {
                "sign": sign,
                "n": format_number(abs(change), 1),
            }
        return f"{sign}{format_number(abs(change), 2)} {self.metric.unit}"

    @functools.cached_property
    def _lines(self) -> dict[str, Value]:
        return {line.unit.path: line.value for line in self.result.lines}

    def line_for(self, path: str) -> Value | None:
        """The breakdown line of the unit at `path`, found by path (the lines of two metrics
        need not line up: the unit's own line exists only where it holds records); None
        when the figure has no line for that unit."""
        return self._lines.get(path)

    def value_for(self, path: str) -> Value:
        """The line of the unit at `path`, nothing counted when there is none."""
        value = self.line_for(path)
        return self.metric.empty if value is None else value


@dataclass
class Table:
    """Figures by unit: one row per unit, one column per figure, and the total row.

    A cell is None where a figure has no line for the row's unit (shown as a dash "–")."""

    key: str
    title: str
    figures: list[Figure]
    units: list[Unit]
    note: str = ""  # under the table: which old units a figure across the reform takes in

    @classmethod
    def of(cls, key: str, title: str, figures: list[Figure]) -> "Table":
        """The table whose rows are the units the figures have lines for, each once, in
        the lines' order, the unit the figures were counted for first."""
        seen: dict[str, Unit] = {}
        for figure in figures:
            for line in figure.result.lines:
                seen.setdefault(line.unit.path, line.unit)
        units = list(seen.values())
        if figures:
            own = figures[0].result.scope.unit.path
            units.sort(key=lambda unit: unit.path != own)  # stable: the rest keep their order
        return cls(key, title, figures, units)

    @property
    def headers(self) -> list[str]:
        return [str(f.metric.label) for f in self.figures]

    @property
    def rows(self) -> list[tuple[Unit, list[Value | None]]]:
        return [(unit, [f.line_for(unit.path) for f in self.figures]) for unit in self.units]

    @property
    def by_figure(self) -> list[tuple[Figure, list[Value | None]]]:
        """The same cells turned round: one row per figure, one column per unit."""
        return [(f, [f.line_for(unit.path) for unit in self.units]) for f in self.figures]

    @property
    def totals(self) -> list[Value]:
        return [f.total for f in self.figures]

    @property
    def unit(self) -> Unit | None:
        """The unit the figures were counted for (the rows are its breakdown)."""
        return self.figures[0].result.scope.unit if self.figures else None

    @property
    def period(self) -> Period | None:
        return self.figures[0].result.scope.period if self.figures else None

    @property
    def compared(self) -> bool:
        """Every figure also holds the same period last year."""
        return bool(self.figures) and all(f.previous is not None for f in self.figures)

    @property
    def previous_period(self) -> Period | None:
        return self.figures[0].previous.scope.period if self.compared else None

    @property
    def has_breakdown(self) -> bool:
        """A row of a unit other than the table's own: the rows say more than the total."""
        own = self.unit.path if self.unit else None
        return any(unit.path != own for unit in self.units)

    @property
    def below(self) -> list[Value] | None:
        """Per figure, the lines of the units below added up ("14 hội nghị cấp phường") when
        the unit also holds records of its own; None otherwise (the total says it already)."""
        own = self.unit.path if self.unit else None
        if not any(f.line_for(own) is not None for f in self.figures):
            return None
        subtotals = []
        for figure in self.figures:
            value = figure.metric.empty
            for line in figure.result.lines:
                if line.unit.path != own:
                    value = value + line.value
            subtotals.append(value)
        return subtotals

    def by_code(self) -> dict[str, Figure]:
        return {f.metric.code: f for f in self.figures}

    def only(self, codes: list[str], key: str | None = None) -> "Table":
        """The table of these figures, in this order (a page counts more than it shows)."""
        found = self.by_code()
        return Table.of(key or self.key, self.title, [found[code] for code in codes])


@dataclass
class Group:
    key: str
    title: str
    figures: list[Figure]
    units: list[Unit]
    sentences: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)

    def by_code(self) -> dict[str, Figure]:
        return {f.metric.code: f for f in self.figures}

    @property
    def has_data(self) -> bool:
        return any(f.has_data for f in self.figures)

    @property
    def shown(self) -> list[Figure]:
        """The figures worth a column: a column of zeros for every unit says nothing."""
        return [f for f in self.figures if f.has_data]

    @property
    def main_figures(self) -> list[Figure]:
        return [f for f in self.shown if not f.metric.breakdown_of]

    def _chunks(self, kind: str, chosen: list[Figure], title, columns: int) -> list[Table]:
        return [
            Table(
                f"{self.key}-{kind}-{start // columns + 1}",
                str(title),
                chosen[start : start + columns],
                self.units,
            )
            for start in range(0, len(chosen), columns)
        ]

    def table_sets(self) -> list[tuple[str, str, list[Figure]]]:
        """(kind, title, figures) of each table: the main figures, each named breakdown (the
        indicators), then the breakdowns by field or kind."""
        sets = [("main", self.title, self.main_figures)] if self.main_figures else []
        named = registry.breakdowns()
        for code in dict.fromkeys(f.metric.breakdown_of for f in self.shown):
            if code in named:
                lines = [f for f in self.shown if f.metric.breakdown_of == code]
                sets.append((code.split(".", 1)[-1], str(named[code].title), lines))
        if self.breakdown:
            sets.append(("by", str(_("By field or kind")), self.breakdown))
        return sets

    def tables_of(self, columns: int = TABLE_COLUMNS) -> list[Table]:
        """Every table of the group, each cut in chunks of `columns` figures."""
        return [
            table
            for kind, title, chosen in self.table_sets()
            for table in self._chunks(kind, chosen, title, columns)
        ]

    @property
    def tables(self) -> list[Table]:
        """The dashboard's tables: main figures, then each named breakdown (e.g. the
        indicators), each in chunks that fit A4."""
        return [t for t in self.tables_of() if not t.key.startswith(f"{self.key}-by-")]

    @property
    def appendix_tables(self) -> list[Table]:
        """The breakdowns by field or kind, unit by unit."""
        return [t for t in self.tables_of() if t.key.startswith(f"{self.key}-by-")]

    @property
    def breakdown(self) -> list[Figure]:
        return [f for f in self.shown if _is_breakdown(f)]


@dataclass
class Rollup:
    unit: Unit
    period: Period
    groups: list[Group]
    tiles: list[Figure]
    # When the figures were counted; `current` is False while newer data is being counted.
    computed_at: datetime | None = None
    current: bool = True
    # Which old units the figures before the unit's start take in, and for what share.
    reform_note: str = ""

    def table(self, key: str) -> Table | None:
        for group in self.groups:
            for table in group.tables + group.appendix_tables:
                if table.key == key:
                    return table
        return None


def has_data(value: Value) -> bool:
    return bool(value.denominator) if value.is_ratio else bool(value.amount)


def _is_breakdown(figure: Figure) -> bool:
    """A line of another figure (by field, by kind…), not of a named breakdown."""
    return bool(figure.metric.breakdown_of) and (
        figure.metric.breakdown_of not in registry.breakdowns()
    )


def group_key(metric: Metric) -> str:
    return metric.code.split(".", 1)[0]


def evaluate(unit: Unit, period: Period) -> dict:
    """Count every registered metric for the unit and period, last year's, and the trend of
    each group's headline: the roll-up's raw figures, as JSON (what a Snapshot stores)."""
    scope = Scope.build(unit, period)
    last_year = Scope.build(unit, period.same_period_last_year())
    registered = metrics.all_metrics()
    figures = [
        Figure(now, before)
        for now, before in zip(
            metrics.evaluate_all(unit, period, registered, scope),
            metrics.evaluate_all(unit, last_year.period, registered, last_year),
            strict=True,
        )
    ]
    recent = period.recent(TREND_PERIODS)
    scopes = [Scope.build(unit, p) for p in recent]
    trends = {}
    for key, chosen in _by_group(figures):
        group = Group(key, key, chosen, [])
        if group.has_data:
            headline = _headline(group)
            trends[headline.metric.code] = [
                [s.period.code, _raw(metrics.evaluate(headline.metric, unit, s.period, s).total)]
                for s in scopes
            ]
    return {
        "figures": {
            f.metric.code: [_raw_result(f.result), _raw_result(f.previous)] for f in figures
        },
        "trends": trends,
    }


def signature() -> str:
    """What stored figures must have been computed for: the format and the code that
    defines the metrics (a change to the data-defined ones, the indicators, makes every
    stored figure stale through danvan.freshness), and the data cut-off day they counted to."""
    cutoff = cutoff_setting()
    return hashlib.sha256(f"{DATA_FORMAT}:{cutoff}:{metrics.definitions()}".encode()).hexdigest()


def assemble(
    unit: Unit, period: Period, data: dict, *, with_charts: bool = True, **state
) -> Rollup:
    """The roll-up (groups, tables, sentences, charts) from `evaluate`'s figures."""
    raw = data["figures"]
    paths = {path for pair in raw.values() for result in pair for path, _ in result["lines"]}
    units = {u.path: u for u in Unit.objects.filter(path__in=paths)}
    previous_period = period.same_period_last_year()
    figures = [
        Figure(
            _result(m, unit, period, raw[m.code][0], units),
            _result(m, unit, previous_period, raw[m.code][1], units),
        )
        for m in metrics.all_metrics()
        if m.code in raw
    ]
    units_shown = _units_of(figures)
    groups = []
    for key, chosen in _by_group(figures):
        if not any(has_data(f.previous.total) for f in chosen):
            for f in chosen:
                f.comparable = False
        section = registry.sections().get(key)
        title = section.title if section else chosen[0].metric.group or key
        group = Group(key, str(title), chosen, units_shown)
        group.sentences = registry.write(group)
        groups.append(group)
    if with_charts:
        _draw_charts(groups, data["trends"])
    tiles = sorted((f for f in figures if f.metric.tile is not None), key=lambda f: f.metric.tile)
    note = lineage.comparison_note(unit, period, previous_period)
    return Rollup(unit=unit, period=period, groups=groups, tiles=tiles, reform_note=note, **state)


def build(unit: Unit, period: Period, *, with_charts: bool = True) -> Rollup:
    """Count and assemble now, without a snapshot (pages read danvan.rollup.snapshots)."""
    return assemble(unit, period, evaluate(unit, period), with_charts=with_charts)


def _by_group(figures: list[Figure]) -> list[tuple[str, list[Figure]]]:
    """The figures by group: the registered sections in their order, then others by name."""
    found = {group_key(f.metric) for f in figures}
    sections = sorted(registry.sections().values(), key=lambda section: section.order)
    keys = [section.key for section in sections]
    keys += sorted(found - set(keys))
    pairs = [(key, [f for f in figures if group_key(f.metric) == key]) for key in keys]
    return [(key, chosen) for key, chosen in pairs if chosen]


def _headline(group: Group) -> Figure:
    main = group.main_figures or group.figures
    return next((f for f in group.figures if f.metric.headline), main[0])


def _raw(value: Value) -> list:
    """A Value as JSON: [amount, numerator, denominator], decimals as text (exact)."""
    return [None if n is None else n if isinstance(n, int) else str(n) for n in
            (value.amount, value.numerator, value.denominator)]  # fmt: skip


def _value(raw: list) -> Value:
    return Value(*(Decimal(n) if isinstance(n, str) else n for n in raw))


def _raw_result(result: Result) -> dict:
    return {
        "total": _raw(result.total),
        "lines": [[line.unit.path, _raw(line.value)] for line in result.lines],
    }


def _result(metric: Metric, unit: Unit, period: Period, raw: dict, units: dict) -> Result:
    lines = [Line(units[path], _value(v)) for path, v in raw["lines"] if path in units]
    # Vietnamese order of the names (a stored snapshot may hold the database's), own line last.
    lines.sort(key=lambda line: (line.unit.path == unit.path, collation.key(line.unit.name)))
    scope = Scope(unit=unit, period=period, children=[], predecessors=[])
    return Result(metric=metric, scope=scope, total=_value(raw["total"]), lines=lines)


def _units_of(figures: list[Figure]) -> list[Unit]:
    """The breakdown lines of all figures, in order, each unit once."""
    seen: dict[str, Unit] = {}
    for figure in figures:
        for line in figure.result.lines:
            seen.setdefault(line.unit.path, line.unit)
    return list(seen.values())


def _draw_charts(groups: list[Group], trends: dict) -> None:
    """Per group: its headline figure by child unit, its trend, and its breakdown by field."""
    for group in groups:
        if not group.has_data:
            continue
        headline = _headline(group)
        label = str(headline.metric.label)
        if not headline.has_data:  # a chart of the headline's zeros: the tables say it all
            _draw_breakdown(group)
            continue
        # The units that have something to show: fourteen bars of which thirteen are zero
        # say less than one.
        group.charts.append(
            charts.bar_chart(
                label,
                [
                    _point(line.unit.name, line.value)
                    for line in headline.result.lines
                    if has_data(line.value)
                ],
            )
        )
        trend = [
            (Period.parse_computed(code), _value(v))
            for code, v in trends.get(headline.metric.code, [])
        ]
        # From the first period with data: years before the portal held any are not zeros.
        while trend and not has_data(trend[0][1]):
            trend.pop(0)
        if len(trend) > 1:
            group.charts.append(
                charts.line_chart(
                    _("%(label)s – last %(n)s periods") % {"label": label, "n": len(trend)},
                    [_point(p.short_label, v) for p, v in trend],
                )
            )
        _draw_breakdown(group)


def _draw_breakdown(group: Group) -> None:
    # The chart shows the lines themselves; the lines of a line (the collective/individual
    # split of a field) stay in the appendix tables: overlapping bars read as a double count.
    by_code = group.by_code()
    shown = [f for f in group.breakdown if not _is_line(by_code.get(f.metric.breakdown_of))]
    if shown:
        group.charts.append(
            charts.bar_chart(
                str(_("By field or kind")),
                [_point(str(f.metric.label), f.total) for f in shown],
            )
        )


def _is_line(figure: Figure | None) -> bool:
    return figure is not None and bool(figure.metric.breakdown_of)


def _point(label: str, value: Value) -> charts.Point:
    text = format_percent(value.percent) if value.is_ratio else format_number(value.amount)
    return charts.Point(label=label, value=value.number, text=text, hover=value.display())
