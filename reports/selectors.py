"""Reads of the reports app, always scoped to the user."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse
from django.utils import timezone

from danvan import collation, metrics, narratives
from danvan.orgs.models import PATH_SEPARATOR, Unit
from danvan.periods import Period
from danvan.search import search_q
from reports import metrics as reports_metrics
from reports.metrics import indicator_metric
from reports.models import Report, ReportingRound, ReportQuerySet, Target

Status = Report.Status


def report_pages():
    """Reports with what every report page shows; a view fetches one through
    danvan.orgs.access.get_visible (404 outside the user's scope)."""
    return Report.objects.select_related("round__template", "unit")


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


def indicator_rows(report: Report, *, figures: bool = True) -> list[IndicatorRow]:
    """The template's indicators with this report's figures and, with `figures`, last year's
    approved ones and the units' totals (see `load_figures`)."""
    indicators = list(report.round.template.indicators.all())
    saved = {v.indicator_id: v for v in report.values.all()}
    assigned = dict(
        Target.objects.filter(unit=report.unit, period=report.round.period).values_list(
            "indicator_id", "value"
        )
    )
    rows = []
    for indicator in indicators:
        value = saved.get(indicator.pk)
        rows.append(
            IndicatorRow(
                indicator=indicator,
                actual=value.actual if value else None,
                target=value.target if value else None,
                assigned=assigned.get(indicator.pk),
            )
        )
    if figures:
        load_figures(report, rows)
    return rows


def load_figures(report: Report, rows: list[IndicatorRow]) -> None:
    """Fill in each row's figure for the same period last year and, for a consolidated report,
    the units' approved totals (the prefill): the registered indicator metrics, evaluated as
    one group (one query for all indicators per period, whatever their number)."""
    if not rows or all(row.last_year is not None for row in rows):
        return
    period = Period.parse(report.round.period)
    registered = [indicator_metric(row.indicator) for row in rows]
    last_year = period.same_period_last_year()
    for row, result in zip(
        rows, metrics.evaluate_all(report.unit, last_year, registered), strict=True
    ):
        row.last_year = result.total
    if report.round.kind == ReportingRound.Kind.CONSOLIDATED:
        for row, result in zip(
            rows, metrics.evaluate_all(report.unit, period, registered), strict=True
        ):
            row.prefill = result.total


def ward_narratives(report: Report) -> list[Report]:
    """Approved reports of the unit's children for the period, for the consolidation."""
    reports = Report.objects.filter(
        unit__parent=report.unit,
        round__period=report.round.period,
        round__kind=ReportingRound.Kind.UNITS,
        status=Status.APPROVED,
    ).select_related("unit")
    return sorted(reports, key=lambda found: collation.key(found.unit.name))


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


def children_narratives(unit, period) -> list[tuple[str, dict[str, str]]]:
    """Provider for danvan.narratives: the child units' approved reports, section by section,
    which a consolidation is prefilled from."""
    reports = Report.objects.filter(
        unit__parent=unit,
        round__period=period.code,
        round__kind=ReportingRound.Kind.UNITS,
        status=Status.APPROVED,
    ).select_related("unit")
    return [
        (
            report.unit.title,
            {section: getattr(report, section) for section in narratives.SECTIONS},
        )
        for report in sorted(reports, key=lambda report: collation.key(report.unit.name))
    ]


def consolidation_link(unit, period) -> str | None:
    """Provider for danvan.narratives: the unit's own report to write, else the page that
    opens a consolidation round."""
    own = Report.objects.filter(unit=unit, round__period=period.code).order_by("-pk").first()
    if own is not None:
        return reverse("reports:fill", args=[own.pk])
    return reverse("reports:round_open")


# --- Completeness board --------------------------------------------------------------------


@dataclass
class BoardRow:
    unit_id: int
    path: str
    title: str
    cells: dict = field(default_factory=dict)  # period code -> cell dict


def board(unit: Unit, periods: list[Period], round_id=None, page_number=None, per_page=100):
    """One page of units × periods of the subtree: each cell a report's state and lateness.

    The page of units is cut in SQL (units with a report in the periods, by path: a count and
    a slice), then ONE query reads the reports of that page's units: four queries whatever
    the number of units.
    """
    codes = [p.code for p in periods]
    rounds = ReportingRound.objects.filter(period__in=codes)
    if round_id:
        rounds = rounds.filter(pk=round_id)
    # The rounds' ids first: PostgreSQL then reads the reports through their round index
    # (joined on the period, it read the whole table for each of the queries below).
    reports = Report.objects.filter(round_id__in=list(rounds.values_list("pk", flat=True)))
    subtree = Q(path=unit.path) | Q(path__startswith=unit.path + PATH_SEPARATOR)
    units = (
        Unit.objects.filter(subtree, pk__in=reports.values("unit_id"))
        .order_by("path")
        .values_list("pk", "path", "name", "kind")
    )
    page = Paginator(units, per_page).get_page(page_number)
    rows = {
        pk: BoardRow(pk, path, Unit(name=name, kind=kind).title)
        for pk, path, name, kind in page.object_list
    }
    # Late as the `reports.late` figure counts it (filed after the due date, or not filed and
    # the due date past), computed by the database.
    late = ExpressionWrapper(ReportQuerySet.late_q(timezone.localdate()), BooleanField())
    cells = (
        reports.filter(unit_id__in=list(rows))
        .annotate(late=late)
        .order_by("round__due_date")
        .values("pk", "unit_id", "round__period", "status", "late")
    )
    for r in cells:
        cell = {"pk": r["pk"], "status": r["status"], "late": r["late"]}
        rows[r["unit_id"]].cells[r["round__period"]] = cell
    page.object_list = list(rows.values())
    return page


def board_counts(unit: Unit, periods: list[Period]) -> dict[str, dict]:
    """Per period, over the child units: filed/expected and late ("12/14 đã nộp, 2 quá hạn"):
    the registered metrics' own grouped query, once for all the periods."""
    wanted = [metrics.get("reports.filed"), metrics.get("reports.late")]
    scopes = [metrics.Scope.build(unit, period) for period in periods]
    codes = [metric.code for metric in wanted]
    figures = reports_metrics.state_figures(scopes, codes, by_line=True)
    counts = defaultdict(dict)
    for scope in scopes:
        for metric in wanted:
            rows = figures[scope.period.code][metric.code]
            total = children_total(metrics.fold(metric, scope, rows))
            counts[scope.period.code][metric.code.removeprefix("reports.")] = total
    return counts
