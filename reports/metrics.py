"""Figures of the reports app. Each is one grouped query over the scope's subtree.

Indicator figures count APPROVED reports of unit rounds only: a consolidated report of a
district repeats its wards' figures and would count them twice.
"""

from dataclasses import dataclass

from django.db.models import Case, CharField, Count, F, Q, Sum, When
from django.db.models import Value as V
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan import metrics
from danvan.metrics import Aggregation, Metric
from danvan.orgs.models import PATH_SEPARATOR
from reports.models import Indicator, Report, ReportingRound, ReportQuerySet, ReportValue

GROUP = "reports"
Status = Report.Status
FILED = Q(status__in=[Status.SUBMITTED, Status.APPROVED])
REPORTS = pgettext_lazy("unit of measure", "reports")


STATE_FIGURES = ("expected", "filed", "approved", "late", "returned")
RATIOS = ("filed", "approved")  # of the reports expected


def _line_path(scopes, path_field: str):
    """SQL for the path of the breakdown line a row folds into (`Scope.group_of`): the child of
    the scopes' unit it was recorded under (or the predecessor), else the row's own path.
    Rows added up per line fold into exactly the lines and total of rows per unit."""
    own = scopes[0].unit.path
    lines, whens = set(), []
    for scope in scopes:
        for line in [*scope.children, *scope.predecessors]:
            under_own = line.path.startswith(own + PATH_SEPARATOR)
            if line.path in lines or (line in scope.predecessors and under_own):
                continue  # a predecessor inside the unit's own subtree: leave it to fold
            lines.add(line.path)
            under = Q(**{path_field: line.path}) | Q(
                **{f"{path_field}__startswith": line.path + PATH_SEPARATOR}
            )
            whens.append(When(under, then=V(line.path)))
    # Children first, as group_of looks in the unit's own subtree before the predecessors.
    whens.sort(key=lambda when: not when.result.value.startswith(own + PATH_SEPARATOR))
    return Case(*whens, default=F(path_field), output_field=CharField())


def state_figures(scopes, codes=None, *, by_line=False) -> dict[str, dict[str, metrics.UnitRows]]:
    """The report-state figures (all, or the metric `codes` asked for) of one or more scopes
    (one per period, e.g. the periods of the completeness board) in ONE grouped query:
    {period code: {metric code: UnitRows}}.

    The definition of `reports.expected` (reports expected), `reports.filed` (submitted or
    approved / expected), `reports.approved` (approved / expected), `reports.late` and
    `reports.returned`: each of those metrics is this query for its one scope.

    `by_line` (scopes of one unit): the database adds the rows up per breakdown line (child
    unit) instead of per unit, which folds into the same figures with far fewer rows (the
    city's 30 districts instead of its 582 wards).
    """
    by_roots: dict[tuple, list] = {}
    for scope in scopes:
        by_roots.setdefault(tuple(root.pk for root in scope.roots), []).append(scope)
    condition = Q(pk__in=[])
    for same_roots in by_roots.values():
        in_periods = [scope.period.code for scope in same_roots]
        # round_id IN (rounds of the periods): PostgreSQL then reads the reports through their
        # round index; joined on the period it read the whole table (docs/bench.md).
        rounds = ReportingRound.objects.filter(period__in=in_periods).values("pk")
        condition |= Q(same_roots[0].unit_q(), round__in=rounds)
    periods = {scope.period.code: scope for scope in scopes}
    if len(periods) != len(scopes):
        raise ValueError("state_figures: one scope per period")
    wanted = [name for name in STATE_FIGURES if codes is None or f"reports.{name}" in codes]
    found = {code: {f"reports.{name}": {} for name in wanted} for code in periods}
    today = timezone.localdate()
    reports = Report.objects.filter(condition).order_by()
    if by_line:
        if len({scope.unit.pk for scope in scopes}) != 1:
            raise ValueError("state_figures: by_line needs scopes of one unit")
        reports = reports.annotate(line=_line_path(scopes, "unit__path"))
    rows = reports.values_list("round__period", "line" if by_line else "unit__path").annotate(
        expected=Count("id"),
        filed=Count("id", filter=FILED),
        approved=Count("id", filter=Q(status=Status.APPROVED)),
        late=Count("id", filter=ReportQuerySet.late_q(today)),
        returned=Count("id", filter=Q(status=Status.RETURNED)),
    )
    # (metric code, position in the row, a ratio of the reports expected?)
    layout = [(f"reports.{name}", STATE_FIGURES.index(name) + 2, name in RATIOS) for name in wanted]
    Value = metrics.Value
    for row in rows:
        figures, path, expected = found[row[0]], row[1], row[2]
        for code, index, ratio in layout:
            if ratio:
                figures[code][path] = Value(numerator=row[index], denominator=expected)
            else:
                figures[code][path] = Value(amount=row[index])
    return found


def _state(scope, code: str) -> metrics.UnitRows:
    return state_figures([scope], [code])[scope.period.code][code]


def _states_many(scope, members: list[Metric]) -> dict[str, metrics.UnitRows]:
    """`compute_many` of the report-state metrics: all of them in one query."""
    return state_figures([scope], [metric.code for metric in members])[scope.period.code]


def _register_state(code: str, **options):
    """Register a report-state metric: `_state` alone, `state_figures` once for all of them.
    A report is a predecessor's in full, not for the share a new unit took over of it."""
    return metrics.register(code, compute_many=_states_many, by_share=False, **options)


@_register_state(
    "reports.expected", label=_("Reports expected"), unit=REPORTS, group=GROUP, order=1
)
def expected(scope):
    return _state(scope, "reports.expected")


@_register_state(
    "reports.filed",
    label=_("Reports filed"),
    unit=REPORTS,
    aggregation=Aggregation.RATIO,
    group=GROUP,
    order=2,
    tile=10,
    headline=True,
)
def filed(scope):
    return _state(scope, "reports.filed")


@_register_state(
    "reports.approved",
    label=_("Reports approved"),
    unit=REPORTS,
    aggregation=Aggregation.RATIO,
    group=GROUP,
    order=3,
)
def approved(scope):
    return _state(scope, "reports.approved")


@_register_state(
    "reports.late", label=_("Reports late"), unit=REPORTS, group=GROUP, order=4, tile=20
)
def late(scope):
    return _state(scope, "reports.late")


@_register_state(
    "reports.returned", label=_("Reports returned"), unit=REPORTS, group=GROUP, order=5
)
def returned(scope):
    return _state(scope, "reports.returned")


def approved_values(scope):
    return ReportValue.objects.filter(
        scope.unit_q("report__unit__path"),
        report__status=Status.APPROVED,
        report__round__period=scope.period.code,
        report__round__kind=ReportingRound.Kind.UNITS,
    )


@metrics.register(
    "reports.indicators_achieved",
    label=_("Indicators achieved (actual ≥ target)"),
    unit=pgettext_lazy("unit of measure", "indicators"),
    aggregation=Aggregation.RATIO,
    group=GROUP,
    order=6,
    tile=30,
)
def indicators_achieved(scope):
    with_target = approved_values(scope).filter(target__gt=0, actual__isnull=False)
    return metrics.ratio_by_unit(
        with_target,
        Count("id", filter=Q(actual__gte=F("target"))),
        Count("id"),
        path_field="report__unit__path",
    )


def indicator_figures(scope, indicators) -> dict[int, metrics.UnitRows]:
    """ONE grouped query for any number of indicators: {indicator id: {unit path: Value}}.

    The definition of every `reports.ind.<code>` figure: RATIO sum(actual)/sum(target) of the
    approved values when the indicator has a target, else SUM of actual.
    """
    by_pk = {indicator.pk: indicator for indicator in indicators}
    found: dict[int, metrics.UnitRows] = {pk: {} for pk in by_pk}
    rows = (
        approved_values(scope)
        .filter(indicator_id__in=list(by_pk))
        .order_by()
        .values("report__unit__path", "indicator_id")
        .annotate(sum_actual=Sum("actual"), sum_target=Sum("target"))
    )
    for row in rows:
        actual, target = row["sum_actual"] or 0, row["sum_target"] or 0
        indicator = by_pk[row["indicator_id"]]
        value = (
            metrics.Value(numerator=actual, denominator=target)
            if indicator.wants_target
            else metrics.Value(amount=actual)
        )
        found[indicator.pk][row["report__unit__path"]] = value
    return found


@dataclass(frozen=True)
class _IndicatorFigure:
    """`compute` of one indicator's metric: the group query for that indicator alone."""

    indicator: Indicator

    def __call__(self, scope) -> metrics.UnitRows:
        return indicator_figures(scope, [self.indicator])[self.indicator.pk]


def _indicators_many(scope, members: list[Metric]) -> dict[str, metrics.UnitRows]:
    """`compute_many` of the indicator metrics: all of them in one query."""
    figures = indicator_figures(scope, [metric.compute.indicator for metric in members])
    return {metric.code: figures[metric.compute.indicator.pk] for metric in members}


# The named breakdown the indicators are lines of: tables of their own (reports/rollup.py).
INDICATORS = "reports.ind"


def indicator_metric(indicator: Indicator) -> Metric:
    return Metric(
        code=f"reports.ind.{indicator.code}",
        label=indicator.label,
        unit=indicator.measure,
        aggregation=Aggregation.RATIO if indicator.wants_target else Aggregation.SUM,
        compute=_IndicatorFigure(indicator),
        group=GROUP,
        order=100 + indicator.order,
        compute_many=_indicators_many,
        breakdown_of=INDICATORS,
        place=f"{__name__}.indicator_metrics",
    )


def indicator_metrics():
    """One metric per active indicator: indicators are data, managed by the district."""
    return [indicator_metric(i) for i in Indicator.objects.filter(is_active=True)]


metrics.register_source(indicator_metrics)
