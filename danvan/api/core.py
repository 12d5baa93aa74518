"""The core's endpoints: units with their lineage, periods, and the registered metrics."""

from datetime import date
from typing import Annotated

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import CursorPagination, paginate

from danvan import metrics
from danvan.api.filters import ListFilters, PeriodCode, UnitPath, apply, parse_period, visible_unit
from danvan.orgs.models import Unit, UnitLineage
from danvan.periods import PeriodError
from danvan.rollup import snapshots
from danvan.rollup.figures import _value

router = Router(tags=["core"])


class LineageOut(Schema):
    unit: str  # the other unit's code path
    share: str
    effective_date: date
    legal_basis: str


class UnitOut(Schema):
    id: int
    path: str
    code: str
    name: str
    title: str
    kind: str
    parent: str | None
    depth: int
    valid_from: date | None
    valid_to: date | None
    predecessors: list[LineageOut]
    successors: list[LineageOut]

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.path if obj.parent_id else None

    @staticmethod
    def resolve_predecessors(obj):
        return [_link(link, link.predecessor) for link in obj.predecessor_links.all()]

    @staticmethod
    def resolve_successors(obj):
        return [_link(link, link.successor) for link in obj.successor_links.all()]


def _link(link: UnitLineage, other: Unit) -> dict:
    return {
        "unit": other.path,
        "share": link.share,
        "effective_date": link.effective_date,
        "legal_basis": link.legal_basis,
    }


def _units():
    lineage = UnitLineage.objects.select_related("predecessor", "successor")
    return Unit.objects.select_related("parent").prefetch_related(
        Prefetch("predecessor_links", lineage), Prefetch("successor_links", lineage)
    )


@router.get("/units/", response=list[UnitOut])
@paginate(CursorPagination, ordering=("id",))
def unit_list(request, filters: Query[ListFilters]):
    """Units in your scope (`unit`: one subtree). `period` keeps the units that existed in it."""
    units = apply(
        request, _units(), ListFilters(unit=filters.unit, updated_since=filters.updated_since)
    )
    if filters.period:
        start, end = parse_period(filters.period).date_range
        units = units.exclude(valid_from__gt=end).exclude(valid_to__lt=start)
    return units


@router.get("/units/{int:unit_id}/", response=UnitOut)
def unit_detail(request, unit_id: int):
    return get_object_or_404(_units().visible_to(request.user), pk=unit_id)


class PeriodOut(Schema):
    code: str
    label: str
    start: date
    end: date


def _period_out(period) -> dict:
    start, end = period.date_range
    return {"code": period.code, "label": str(period.label), "start": start, "end": end}


@router.get("/periods/{code}/", response=PeriodOut)
def period_detail(request, code: PeriodCode):
    """A period code (2019, 2019Q1, 2019S1, 2019N9, 2019M03) with its label and dates."""
    return _period_out(parse_period(code))


@router.get("/periods/", response=list[PeriodOut])
def period_recent(request, period: PeriodCode, count: Annotated[int, Field(ge=1, le=40)] = 4):
    """`count` periods (1-40) of the same kind ending with `period`."""
    try:  # the first periods of 1900 have none before them
        recent = parse_period(period).recent(count)
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from None
    return [_period_out(p) for p in recent]


class FigureOut(Schema):
    value: float | int | None = None
    numerator: float | int | None = None
    denominator: float | int | None = None
    percent: float | None = None


class LineOut(FigureOut):
    unit: str
    name: str


class MetricOut(Schema):
    code: str
    label: str
    unit_of_measure: str
    aggregation: str
    group: str
    total: FigureOut
    by_unit: list[LineOut]


class MetricsOut(Schema):
    unit: str
    period: PeriodOut
    computed_at: str
    metrics: list[MetricOut]


@router.get("/metrics/", response=MetricsOut, exclude_none=True)
def metric_list(
    request,
    unit: UnitPath,
    period: PeriodCode,
    code: Annotated[str, Field(max_length=100, pattern=r"^[a-z0-9_.]*$")] = "",
):
    """Every registered metric (or those whose code starts with `code`) for a unit subtree
    and a period, with the breakdown by child unit: the stored figures the dashboard shows."""
    found = visible_unit(request.user, unit)
    chosen = parse_period(period)
    stored = snapshots.find(found, chosen)
    raw = stored.load()["figures"]
    paths = {path for pair in raw.values() for path, _v in pair[0]["lines"]}
    titles = {u.path: u.title for u in Unit.objects.filter(path__in=paths)}
    out = []
    for metric in metrics.all_metrics():
        if metric.code not in raw or not metric.code.startswith(code):
            continue
        current = raw[metric.code][0]
        out.append(
            {
                "code": metric.code,
                "label": str(metric.label),
                "unit_of_measure": str(metric.unit),
                "aggregation": str(metric.aggregation),
                "group": str(metric.group),
                "total": _value(current["total"]).as_json(),
                "by_unit": [
                    {"unit": path, "name": titles.get(path, path), **_value(v).as_json()}
                    for path, v in current["lines"]
                    if path in titles
                ],
            }
        )
    return {
        "unit": found.path,
        "period": _period_out(chosen),
        "computed_at": stored.computed_at.isoformat(),
        "metrics": out,
    }
