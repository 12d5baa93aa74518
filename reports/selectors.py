"""Reads of the reports app, always scoped to the user."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from danvan import metrics
from danvan.orgs.models import PATH_SEPARATOR, Unit
from danvan.periods import Period
from danvan.search import search_q
from reports.metrics import indicator_metric
from reports.models import Report, ReportingRound, Target

Status = Report.Status


def report_for(user, pk: int) -> Report:
    """A report the user may see, or 404."""
    queryset = Report.objects.visible_to(user).select_related("round__template", "unit")
    return get_object_or_404(queryset, pk=pk)


def reports_of(user, *, status="", query="", order="due"):
    """The reports the user's units must file or have filed, newest due date first."""
    reports = Report.objects.visible_to(user).select_related("round", "unit")
    if status:
        reports = reports.filter(status=status)
    if query:
        reports = reports.filter(search_q(query))
    ordering = {
        "due": ["round__due_date", "unit__path"],
        "-due": ["-round__due_date", "unit__path"],
        "unit": ["unit__path", "-round__due_date"],
        "status": ["status", "round__due_date"],
    }
    return reports.order_by(*ordering.get(order, ordering["due"]))


def rounds_of(user):
    """Rounds opened by a unit in the user's scope."""
    return ReportingRound.objects.visible_to(user).select_related("owner", "template")


def countdown(report: Report, today=None) -> int:
    """Days left before the due date (negative: days overdue)."""
    return (report.round.due_date - (today or timezone.localdate())).days


# --- Filing form -----------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: object
    actual: object = None
    target: object = None
    assigned: object = None  # the district's target for the unit and period, if set
    last_year: metrics.Value | None = None
    prefill: metrics.Value | None = None


def indicator_rows(report: Report) -> list[IndicatorRow]:
    """The template's indicators with this report's figures and last year's approved ones."""
    indicators = list(report.round.template.indicators.all())
    saved = {v.indicator_id: v for v in report.values.all()}
    assigned = dict(
        Target.objects.filter(unit=report.unit, period=report.round.period).values_list(
            "indicator_id", "value"
        )
    )
    period = Period.parse(report.round.period)
    last_scope = metrics.Scope.build(report.unit, period.same_period_last_year())
    consolidating = report.round.kind == ReportingRound.Kind.CONSOLIDATED
    scope = metrics.Scope.build(report.unit, period) if consolidating else None
    rows = []
    for indicator in indicators:
        value = saved.get(indicator.pk)
        metric = indicator_metric(indicator)
        rows.append(
            IndicatorRow(
                indicator=indicator,
                actual=value.actual if value else None,
                target=value.target if value else None,
                assigned=assigned.get(indicator.pk),
                last_year=metrics.evaluate(
                    metric, report.unit, last_scope.period, last_scope
                ).total,
                prefill=metrics.evaluate(metric, report.unit, period, scope).total
                if consolidating
                else None,
            )
        )
    return rows


def ward_narratives(report: Report) -> list[Report]:
    """Approved reports of the unit's children for the period, for the consolidation."""
    return list(
        Report.objects.filter(
            unit__parent=report.unit,
            round__period=report.round.period,
            round__kind=ReportingRound.Kind.UNITS,
            status=Status.APPROVED,
        )
        .select_related("unit")
        .order_by("unit__name")
    )


def children_total(result: metrics.Result) -> metrics.Value:
    """The total over the child units' lines, leaving out the unit's own report."""
    total = result.metric.empty
    for line in result.lines:
        if line.unit.pk != result.scope.unit.pk:
            total = total + line.value
    return total


def children_approved(unit: Unit, period: Period) -> metrics.Value:
    """approved/expected over the child units (not the unit's own report): '12/14'."""
    return children_total(metrics.evaluate("reports.approved", unit, period))


def narrative_of(unit, period) -> dict[str, str]:
    """Provider for danvan.narratives: the unit's own approved (else submitted) report."""
    own = Report.objects.filter(unit=unit, round__period=period.code)
    report = (
        own.filter(status=Status.APPROVED).order_by("-approved_at").first()
        or own.filter(status=Status.SUBMITTED).order_by("-submitted_at").first()
    )
    if report is None:
        return {}
    return {
        "results": report.results,
        "shortcomings": report.shortcomings,
        "directions": report.directions,
        "proposals": report.proposals,
    }


# --- Completeness board --------------------------------------------------------------------


@dataclass
class BoardRow:
    unit_id: int
    path: str
    title: str
    cells: dict = field(default_factory=dict)  # period code -> cell dict


def board(unit: Unit, periods: list[Period], round_id=None, page_units=None):
    """Units × periods of the subtree in ONE query: each cell a report's state and lateness."""
    codes = [p.code for p in periods]
    reports = Report.objects.filter(
        Q(unit__path=unit.path) | Q(unit__path__startswith=unit.path + PATH_SEPARATOR),
        round__period__in=codes,
    )
    if round_id:
        reports = reports.filter(round_id=round_id)
    today = timezone.localdate()
    rows: dict[int, BoardRow] = {}
    fields = ("pk", "unit_id", "unit__path", "unit__name", "unit__kind", "round__period")
    fields += ("status", "submitted_at", "round__due_date")
    for r in reports.order_by("unit__path", "round__due_date").values(*fields):
        row = rows.get(r["unit_id"])
        if row is None:
            title = Unit(name=r["unit__name"], kind=r["unit__kind"]).title
            row = rows[r["unit_id"]] = BoardRow(r["unit_id"], r["unit__path"], title)
        submitted = r["submitted_at"]
        late = (
            timezone.localdate(submitted) > r["round__due_date"]
            if submitted
            else today > r["round__due_date"]
        )
        row.cells[r["round__period"]] = {"pk": r["pk"], "status": r["status"], "late": late}
    return list(rows.values())


def board_counts(unit: Unit, periods: list[Period]) -> dict[str, dict]:
    """Per period, over the child units: filed/expected, late and returned, from the
    registered metrics (3 queries per period): "12/14 đã nộp, 2 quá hạn"."""
    wanted = {m.code: m for m in metrics.all_metrics() if m.group == "reports"}
    counts = defaultdict(dict)
    for period in periods:
        scope = metrics.Scope.build(unit, period)
        for name in ("filed", "late", "returned"):
            result = metrics.evaluate(wanted[f"reports.{name}"], unit, period, scope)
            counts[period.code][name] = children_total(result)
    return counts
