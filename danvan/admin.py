"""Admin of the core's own records: the calendar of non-working days (danvan.workdays), with
the year's swaps imported from one Excel sheet through the project's import flow."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from danvan import excel, imports, workdays
from danvan.models import CalendarDay


def calendar_columns() -> list[excel.Column]:
    return [
        excel.Column("day", _("Day"), kind="date"),
        excel.Column("name", _("Name"), max_length=120),
        excel.Column("is_working", _("Working day"), kind="bool", required=False),
        excel.Column("source", _("Source"), required=False, max_length=200),
    ]


def check_calendar(sheet: excel.Sheet) -> None:
    header = {c.key: c.header for c in calendar_columns()}
    seen = {}
    for row in sheet.rows:
        if row.get("day") in seen:
            sheet.errors.append(
                excel.RowError(
                    row["_row"],
                    header["day"],
                    _("the same day as row %(row)s") % {"row": seen[row["day"]]},
                )
            )
        seen.setdefault(row.get("day"), row["_row"])


def calendar_import(*, actor, rows) -> int:
    """Each row through `workdays.calendar_day_set` (the caller holds the transaction)."""
    for row in rows:
        workdays.calendar_day_set(
            actor=actor,
            day=row["day"],
            is_working=bool(row.get("is_working")),
            name=row["name"],
            source=row.get("source") or "",
        )
    return len(rows)


def calendar_resource() -> imports.Resource:
    return imports.Resource(
        title=_("Import days of the calendar"),
        columns=calendar_columns(),
        check=check_calendar,
        upload_url=reverse("admin:danvan_calendarday_import"),
        done_url=reverse("admin:danvan_calendarday_changelist"),
        template_url=reverse("admin:danvan_calendarday_template"),
        template_name="lich-ngay-nghi.xlsx",
        sheet_title=_("Calendar"),
        done_message=lambda n: _("%(n)s days of the calendar were saved.") % {"n": n},
    )


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ["day", "name", "is_working", "source"]
    list_filter = ["is_working"]
    date_hierarchy = "day"
    search_fields = ["name"]
    change_list_template = "admin/danvan/calendarday/change_list.html"

    def get_urls(self):
        own = [
            path(
                "nhap-excel/",
                self.admin_site.admin_view(self.import_view),
                name="danvan_calendarday_import",
            ),
            path(
                "mau-excel/",
                self.admin_site.admin_view(self.template_view),
                name="danvan_calendarday_template",
            ),
        ]
        return own + super().get_urls()

    def import_view(self, request):
        if not request.user.is_superuser:  # as `workdays.calendar_day_set` requires
            raise PermissionDenied
        return imports.upload_or_confirm(request, calendar_resource(), calendar_import)

    def template_view(self, request):
        return imports.template_download(calendar_resource())
