from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.freshness import AdminChangesFigures
from reports.models import (
    Indicator,
    Report,
    ReportEvent,
    ReportingRound,
    ReportTemplate,
    RoundEvent,
    Target,
)


@admin.register(Indicator)
class IndicatorAdmin(AdminChangesFigures, SimpleHistoryAdmin):
    list_display = ["code", "label", "measure", "kind", "has_target", "order", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "label"]

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        super().save_model(request, obj, form, change)


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "unit", "period", "value"]
    list_filter = ["period", "indicator"]
    autocomplete_fields = ["indicator"]
    raw_id_fields = ["unit"]


@admin.register(ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "period_kind", "version"]
    filter_horizontal = ["indicators"]

    def get_readonly_fields(self, request, obj=None):
        # A template in use stays as it was: a change is a new version (services.template_create).
        if obj and ReportingRound.objects.filter(template=obj).exists():
            return ["name", "period_kind", "version", "sections", "required_sections", "indicators"]
        return []


class RoundEventInline(admin.TabularInline):
    model = RoundEvent
    extra = 0
    can_delete = False
    fields = readonly_fields = ["at", "actor", "from_state", "to_state", "reason"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReportingRound)
class ReportingRoundAdmin(AdminChangesFigures, admin.ModelAdmin):
    list_display = ["title", "owner", "period", "kind", "due_date"]
    list_filter = ["period", "kind"]
    raw_id_fields = ["owner", "opened_by"]
    inlines = [RoundEventInline]

    def get_readonly_fields(self, request, obj=None):
        # Once open, the due date moves on the round's portal page, with a reason in its history.
        return ["due_date"] if obj else []


@admin.register(Report)
class ReportAdmin(AdminChangesFigures, SimpleHistoryAdmin):
    list_display = ["round", "unit", "status", "submitted_at", "approved_at"]
    list_filter = ["status", "round__period"]
    raw_id_fields = ["unit", "round"]
    readonly_fields = ["status", "version", "submitted_at", "approved_at"]


@admin.register(ReportEvent)
class ReportEventAdmin(admin.ModelAdmin):
    """The audit of reports: who approved, returned or reopened which report, and why.
    Read-only: an audit that can be edited proves nothing."""

    list_display = ["at", "report", "action", "from_state", "to_state", "actor", "reason"]
    list_filter = ["action", "report__round__period"]
    search_fields = ["reason", "report__unit__name", "actor__username"]
    list_select_related = ["report__round", "report__unit", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
