"""Excel columns of the indicator values sheet, its export and its all-or-nothing import.

The exported sheet is also the import template: one row per (report, indicator) of the
period's unit rounds in the subtree, with the figures saved so far.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from danvan import excel
from danvan.orgs.models import PATH_SEPARATOR
from reports.models import Report, ReportingRound


def columns() -> list[excel.Column]:
    """The sheet's columns, headed in the active language (the header row is matched)."""
    return [
        excel.Column("unit", _("Unit code")),
        excel.Column("unit_name", _("Unit"), required=False),
        excel.Column("indicator", _("Indicator code")),
        excel.Column("label", _("Indicator"), required=False),
        excel.Column("measure", _("Unit of measure"), required=False),
        excel.Column("actual", _("Actual"), kind="decimal", required=False),
        excel.Column("target", _("Target"), kind="decimal", required=False),
        excel.Column("status", _("Status"), required=False),
    ]


def _reports(unit, period):
    return (
        Report.objects.filter(
            Q(unit__path=unit.path) | Q(unit__path__startswith=unit.path + PATH_SEPARATOR),
            round__period=period.code,
            round__kind=ReportingRound.Kind.UNITS,
        )
        .select_related("unit", "round__template")
        .prefetch_related("round__template__indicators", "values")
        .order_by("unit__path")
    )


def export_values(unit, period) -> bytes:
    rows = []
    for report in _reports(unit, period):
        saved = {v.indicator_id: v for v in report.values.all()}
        for indicator in report.round.template.indicators.all():
            value = saved.get(indicator.pk)
            rows.append(
                [
                    report.unit.path,
                    report.unit.title,
                    indicator.code,
                    indicator.label,
                    indicator.measure,
                    value.actual if value else None,
                    value.target if value else None,
                    report.get_status_display(),
                ]
            )
    return excel.write_workbook(period.code, [c.header for c in columns()], rows)


def check(user, unit, period, upload) -> excel.Sheet:
    """The dry run: file checks, cell checks, then each row against the period's reports."""
    sheet = excel.read_sheet(upload, columns())
    reports = {r.unit.path: r for r in _reports(unit, period)}
    header = {c.key: c.header for c in columns()}
    for row in sheet.rows:
        report = reports.get(row.get("unit"))
        if row.get("unit") and report is None:
            sheet.errors.append(
                excel.RowError(row["_row"], header["unit"], _("unknown unit or no report due"))
            )
            continue
        if report is None:
            continue
        indicators = {i.code: i for i in report.round.template.indicators.all()}
        indicator = indicators.get(row.get("indicator"))
        if row.get("indicator") and indicator is None:
            sheet.errors.append(
                excel.RowError(row["_row"], header["indicator"], _("not in this report's template"))
            )
        elif not report.is_editable:
            sheet.errors.append(
                excel.RowError(row["_row"], header["status"], _("the report is already filed"))
            )
        row["_report"], row["_indicator"] = report, indicator
    return sheet
