"""Reporting rounds with each unit's report status, and approved reports' figures, in the
read-only API (danvan.api)."""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import CursorPagination, paginate

from danvan.api import registry
from danvan.api.filters import ListFilters, apply
from reports.models import Report, ReportingRound, ReportValue

router = Router(tags=["reports"])


class StatusOut(Schema):
    report: int
    unit: str
    status: str
    submitted_at: datetime | None
    approved_at: datetime | None


class RoundOut(Schema):
    id: int
    owner: str
    period: str
    title: str
    kind: str
    due_date: date
    opened_at: datetime
    reports: list[StatusOut]

    @staticmethod
    def resolve_owner(obj):
        return obj.owner.path

    @staticmethod
    def resolve_reports(obj):
        return [
            {
                "report": r.pk,
                "unit": r.unit.path,
                "status": r.status,
                "submitted_at": r.submitted_at,
                "approved_at": r.approved_at,
            }
            for r in obj.visible_reports
        ]


class ValueOut(Schema):
    indicator: str
    label: str
    measure: str
    actual: Decimal | None
    target: Decimal | None


class ReportOut(Schema):
    id: int
    round: int
    unit: str
    period: str
    approved_at: datetime | None
    values: list[ValueOut]

    @staticmethod
    def resolve_round(obj):
        return obj.round_id

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.path

    @staticmethod
    def resolve_period(obj):
        return obj.round.period

    @staticmethod
    def resolve_values(obj):
        return [
            {
                "indicator": v.indicator.code,
                "label": v.indicator.label,
                "measure": v.indicator.measure,
                "actual": v.actual,
                "target": v.target,
            }
            for v in obj.values.all()
        ]


def _rounds(user):
    reports = Report.objects.visible_to(user).select_related("unit").order_by("unit__path")
    return ReportingRound.objects.select_related("owner").prefetch_related(
        Prefetch("reports", reports, to_attr="visible_reports")
    )


def _approved(user):
    values = ReportValue.objects.select_related("indicator").order_by("indicator__order", "id")
    return (
        Report.objects.filter(status=Report.Status.APPROVED)
        .select_related("unit", "round")
        .prefetch_related(Prefetch("values", values))
    )


@router.get("/rounds/", response=list[RoundOut])
@paginate(CursorPagination, ordering=("id",))
def round_list(request, filters: Query[ListFilters]):
    """Rounds opened in your scope and the status of each report in it you may see."""
    rounds = apply(request, _rounds(request.user), filters, updated_field="opened_at")
    if filters.period:
        rounds = rounds.filter(period=filters.period.strip().upper())
    return rounds


@router.get("/rounds/{int:round_id}/", response=RoundOut)
def round_detail(request, round_id: int):
    return get_object_or_404(_rounds(request.user).visible_to(request.user), pk=round_id)


@router.get("/reports/", response=list[ReportOut])
@paginate(CursorPagination, ordering=("id",))
def report_list(request, filters: Query[ListFilters]):
    """Approved reports in your scope with their figures; `period` is the round's period."""
    reports = apply(request, _approved(request.user), filters)
    if filters.period:
        reports = reports.filter(round__period=filters.period.strip().upper())
    return reports


@router.get("/reports/{int:report_id}/", response=ReportOut)
def report_detail(request, report_id: int):
    return get_object_or_404(_approved(request.user).visible_to(request.user), pk=report_id)


registry.register("reports", router)
