"""View-only admin: records change through the services (pages, import), never here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from models_catalog.models import Attachment, PracticeModel, PracticeModelEvent, Registrant


class ViewOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(ViewOnly, admin.TabularInline):
    model = PracticeModelEvent
    extra = 0
    readonly_fields = ["at", "actor", "action", "from_state", "to_state", "reason", "data"]


@admin.register(PracticeModel)
class PracticeModelAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["name", "unit", "registrant", "field", "start_year", "end_year", "status"]
    list_filter = ["field", "level", "status", "start_year"]
    search_fields = ["search_text"]
    list_select_related = ["unit", "registrant"]
    inlines = [EventInline]


@admin.register(Registrant)
class RegistrantAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ["name", "kind", "position", "unit"]
    list_filter = ["kind"]
    search_fields = ["name", "folded_name"]
    list_select_related = ["unit"]


@admin.register(Attachment)
class AttachmentAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ["original_name", "kind", "size", "practice_model", "uploaded_at"]
