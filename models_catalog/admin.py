"""Read-mostly admin: records change through the services (pages, import), not here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from models_catalog.models import Attachment, PracticeModel, PracticeModelEvent, Registrant


class EventInline(admin.TabularInline):
    model = PracticeModelEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_state", "to_state", "reason", "data"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PracticeModel)
class PracticeModelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "registrant", "field", "start_year", "end_year", "status"]
    list_filter = ["field", "level", "status", "start_year"]
    search_fields = ["search_text"]
    list_select_related = ["unit", "registrant"]
    readonly_fields = ["unit", "registrant", "status", "version", "search_text"]
    inlines = [EventInline]


@admin.register(Registrant)
class RegistrantAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "position", "unit"]
    list_filter = ["kind"]
    search_fields = ["name", "folded_name"]
    list_select_related = ["unit"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "size", "practice_model", "uploaded_at"]
    readonly_fields = ["file", "content_type", "size", "uploaded_by"]
