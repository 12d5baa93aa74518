from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.freshness import AdminChangesFigures
from dialogues.models import Conference, ConferenceEvent, Opinion, OpinionField


@admin.register(OpinionField)
class OpinionFieldAdmin(AdminChangesFigures, admin.ModelAdmin):
    list_display = ["code", "label", "order", "active"]
    list_editable = ["label", "order", "active"]


class EventInline(admin.TabularInline):
    model = ConferenceEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_state", "to_state", "reason", "data"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Conference)
class ConferenceAdmin(AdminChangesFigures, SimpleHistoryAdmin):
    """Read-mostly: records are written through the portal's screens (services)."""

    list_display = ["title", "unit", "held_on", "status", "attendees"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "unit__path"]
    readonly_fields = [f.name for f in Conference._meta.fields]
    inlines = [EventInline]

    def has_add_permission(self, request):
        return False


@admin.register(Opinion)
class OpinionAdmin(AdminChangesFigures, SimpleHistoryAdmin):
    """Read-only: opinions are entered in the grid or imported (services)."""

    list_display = ["conference", "number", "channel", "field", "outcome", "deadline"]
    list_filter = ["channel", "outcome", "field"]
    readonly_fields = [f.name for f in Opinion._meta.fields]

    def has_add_permission(self, request):
        return False
