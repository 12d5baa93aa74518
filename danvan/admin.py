"""Admin of the core's own records: the calendar of non-working days (danvan.workdays)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ["day", "name", "is_working", "source"]
    list_filter = ["is_working"]
    date_hierarchy = "day"
    search_fields = ["name"]
