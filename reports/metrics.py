"""Figures of the reports app. Each is one grouped query over the scope's subtree.

Indicator figures count APPROVED reports of unit rounds only: a consolidated report of a
district repeats its wards' figures and would count them twice.
"""

from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan import metrics
from danvan.metrics import Aggregation, Metric
from reports.models import Indicator, Report, ReportingRound, ReportValue

GROUP = "reports"
Status = Report.Status
FILED = Q(status__in=[Status.SUBMITTED, Status.APPROVED])
REPORTS = pgettext_lazy("unit of measure", "reports")


def _reports(scope):
    return Report.objects.filter(scope.unit_q(), round__period=scope.period.code)


def _late_q(today) -> Q:
    """Filed after the due date, or not filed (first submission) and the due date is past."""
    return Q(submitted_at__date__gt=F("round__due_date")) | Q(
        submitted_at__isnull=True, round__due_date__lt=today
    )


@metrics.register(
    "reports.expected", label=_("Reports expected"), unit=REPORTS, group=GROUP, order=1
)
def expected(scope):
    return metrics.sum_by_unit(_reports(scope), count=Count("id"))


@metrics.register(
    "reports.filed",
    label=_("Reports filed"),
    unit=REPORTS,
    aggregation=Aggregation.RATIO,
    group=GROUP,
    order=2,
)
def filed(scope):
    return metrics.ratio_by_unit(_reports(scope), Count("id", filter=FILED), Count("id"))


@metrics.register(
    "reports.approved",
    label=_("Reports approved"),
    unit=REPORTS,
    aggregation=Aggregation.RATIO,
    group=GROUP,
    order=3,
)
def approved(scope):
    return metrics.ratio_by_unit(
        _reports(scope), Count("id", filter=Q(status=Status.APPROVED)), Count("id")
    )


@metrics.register("reports.late", label=_("Reports late"), unit=REPORTS, group=GROUP, order=4)
def late(scope):
    today = timezone.localdate()
    return metrics.sum_by_unit(_reports(scope), count=Count("id", filter=_late_q(today)))


@metrics.register(
    "reports.returned", label=_("Reports returned"), unit=REPORTS, group=GROUP, order=5
)
def returned(scope):
    return metrics.sum_by_unit(_reports(scope), count=Count("id", filter=Q(status=Status.RETURNED)))


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
)
def indicators_achieved(scope):
    with_target = approved_values(scope).filter(target__gt=0, actual__isnull=False)
    return metrics.ratio_by_unit(
        with_target,
        Count("id", filter=Q(actual__gte=F("target"))),
        Count("id"),
        path_field="report__unit__path",
    )


def indicator_metric(indicator: Indicator) -> Metric:
    def compute(scope):
        values = approved_values(scope).filter(indicator_id=indicator.pk)
        if indicator.wants_target:
            return metrics.ratio_by_unit(
                values, Sum("actual"), Sum("target"), path_field="report__unit__path"
            )
        return metrics.sum_by_unit(values, "report__unit__path", amount=Sum("actual"))

    return Metric(
        code=f"reports.ind.{indicator.code}",
        label=indicator.label,
        unit=indicator.measure,
        aggregation=Aggregation.RATIO if indicator.wants_target else Aggregation.SUM,
        compute=compute,
        group=GROUP,
        order=100 + indicator.order,
    )


def indicator_metrics():
    """One metric per active indicator: indicators are data, managed by the district."""
    return [indicator_metric(i) for i in Indicator.objects.filter(is_active=True)]


metrics.register_source(indicator_metrics)
