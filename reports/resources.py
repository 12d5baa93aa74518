"""Excel columns of the indicator values sheet, its export and its all-or-nothing import.

The exported sheet is also the import template: one row per (report, indicator) of the
period's unit rounds in the subtree, with the figures saved so far.
"""

from functools import partial

from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from danvan import excel, imports
from danvan.numbers import NumberError, check_whole, format_number
from danvan.orgs.access import Role, has_role
from danvan.orgs.models import PATH_SEPARATOR, Unit
from danvan.periods import Period, PeriodError
from reports.models import Indicator, Report, ReportingRound


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


def check(sheet: excel.Sheet, unit, period) -> None:
    """Row checks of the dry run: each row against the period's reports of the subtree."""
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
        elif not indicator.allows_decimals:
            _check_whole(sheet, row, header)
        row["_report"], row["_indicator"] = report, indicator


def _check_whole(sheet: excel.Sheet, row: dict, header: dict) -> None:
    """A count (households, units of blood) or an amount in đồng has no decimals."""
    for key in ("actual", "target"):
        if row.get(key) is None:
            continue
        try:
            check_whole(row[key], format_number(row[key], 2))
        except NumberError as error:
            sheet.errors.append(excel.RowError(row["_row"], header[key], str(error)))


def values_import(unit, period) -> imports.Resource:
    """The import of a period's values; its template is the export (`export_values`)."""
    return imports.Resource(
        title=_("Import indicator values"),
        columns=columns(),
        check=partial(check, unit=unit, period=period),
        upload_url=reverse("reports:import"),
        template_url=reverse("reports:export"),
        done_url=reverse("reports:board"),
        done_message=lambda n: _("%(n)s values were imported.") % {"n": n},
    )


# --- The indicator catalogue with the district's targets -----------------------------------


def catalogue_columns() -> list[excel.Column]:
    kinds = {label: value for value, label in Indicator.Kind.choices}
    return [
        excel.Column("code", _("Indicator code"), max_length=60),
        excel.Column("label", _("Indicator"), max_length=300),
        excel.Column("measure", _("Unit of measure"), max_length=40),
        excel.Column("kind", _("Kind"), kind="choice", choices=kinds),
        excel.Column("has_target", _("Has a target"), kind="bool", required=False),
        excel.Column("unit", _("Unit code"), required=False),
        excel.Column("period", _("Period"), required=False, max_length=8),
        excel.Column("target", _("Target"), kind="decimal", required=False),
    ]


# The template's sample row: a code no real indicator has, refused if uploaded as it is.
SAMPLE_CODE = "vi-du-xoa-dong-nay"


def catalogue_import(unit, user=None) -> imports.Resource:
    example = [
        SAMPLE_CODE,
        "Ví dụ: chỉ tiêu riêng của đơn vị (xóa dòng này)",
        "lượt",
        str(Indicator.Kind.NUMBER.label),
    ]
    return imports.Resource(
        title=_("Import the indicator catalogue and targets"),
        columns=catalogue_columns(),
        check=partial(check_catalogue, unit=unit, user=user),
        upload_url=reverse("reports:catalogue_import"),
        template_url=reverse("reports:catalogue_template"),
        done_url=reverse("reports:index"),
        template_name="danh-muc-chi-tieu.xlsx",
        sheet_title=_("Indicators"),
        template_rows=([*example, "Có", "", "", None],),
    )


def check_catalogue(sheet: excel.Sheet, unit, user=None) -> None:
    """Row checks of a catalogue file: targets only for units of the user's subtree; an
    indicator changes only by the administrators of its owner unit (a district reviewer's
    file may carry a city-wide indicator's row only as it is, for its targets)."""
    from reports.services import indicator_changes, may_change_indicator

    header = {c.key: c.header for c in catalogue_columns()}
    codes = {row.get("code") for row in sheet.rows}
    existing = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    for row in sheet.rows:
        code = row.get("code")
        if code == SAMPLE_CODE:
            sheet.errors.append(
                excel.RowError(row["_row"], header["code"], _("the sample row: delete it"))
            )
            continue
        indicator = existing.get(code)
        if user is None or indicator is None:
            if indicator is None and user is not None and not has_role(user, unit, {Role.ADMIN}):
                sheet.errors.append(
                    excel.RowError(
                        row["_row"],
                        header["code"],
                        _("a new indicator: only the unit's administrators may add one"),
                    )
                )
            continue
        fields = (row.get("label"), row.get("measure"), row.get("kind"), row.get("has_target"))
        if indicator_changes(indicator, *fields) and not may_change_indicator(user, indicator):
            sheet.errors.append(
                excel.RowError(
                    row["_row"],
                    header["label"],
                    _("%(code)s belongs to %(owner)s: only its administrators may change it")
                    % {"code": code, "owner": indicator.owner or _("the national catalogue")},
                )
            )
    paths = {row["unit"] for row in sheet.rows if row.get("unit")}
    units = {
        u.path: u
        for u in Unit.objects.filter(path__in=paths).filter(
            Q(path=unit.path) | Q(path__startswith=unit.path + PATH_SEPARATOR)
        )
    }
    for row in sheet.rows:
        if slugify(row.get("code") or "") != row.get("code"):
            sheet.errors.append(
                excel.RowError(row["_row"], header["code"], _("use lower-case letters, digits, -"))
            )
        parts = [row.get("unit"), row.get("period"), row.get("target")]
        if any(p not in (None, "") for p in parts) and not all(p not in (None, "") for p in parts):
            sheet.errors.append(
                excel.RowError(
                    row["_row"], header["target"], _("a target needs a unit, a period and a value")
                )
            )
            continue
        if row.get("unit"):
            row["_unit"] = units.get(row["unit"])
            if row["_unit"] is None:
                sheet.errors.append(
                    excel.RowError(
                        row["_row"], header["unit"], _("unknown unit or outside your units")
                    )
                )
            try:
                row["period"] = Period.parse(row["period"]).code
            except PeriodError as error:
                sheet.errors.append(excel.RowError(row["_row"], header["period"], str(error)))
