"""Admin pages. `SenderIdentity` is deliberately NOT registered: the admin never shows a
denunciator (the letter has no sender fields for them, and there is no inline)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.freshness import AdminChangesFigures
from petitions.models import Case, IdentityViewing, Letter, ReceptionSession, SubjectArea


@admin.register(SubjectArea)
class SubjectAreaAdmin(AdminChangesFigures, admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]


@admin.register(Letter)
class LetterAdmin(AdminChangesFigures, SimpleHistoryAdmin):
    list_display = ["receipt", "received_on", "unit", "receiving_body", "kind", "case"]
    list_filter = ["kind", "receiving_body", "channel"]
    search_fields = ["search_text"]
    raw_id_fields = ["case", "unit", "created_by"]
    readonly_fields = ["search_text"]

    def get_readonly_fields(self, request, obj=None):
        # A denunciator's name must not be typed onto the letter, where it would be shown.
        if obj is not None and obj.is_secret:
            return [*self.readonly_fields, "sender_name", "sender_contact", "kind"]
        return self.readonly_fields


@admin.register(Case)
class CaseAdmin(AdminChangesFigures, SimpleHistoryAdmin):
    list_display = ["id", "summary", "unit", "state", "resolution_due", "is_long_standing"]
    list_filter = ["state", "kind", "is_long_standing"]
    search_fields = ["search_text"]
    raw_id_fields = ["unit", "handler"]


@admin.register(ReceptionSession)
class ReceptionSessionAdmin(AdminChangesFigures, SimpleHistoryAdmin):
    list_display = ["held_on", "unit", "receiver_kind", "receiver_name", "is_scheduled"]
    raw_id_fields = ["unit"]


@admin.register(IdentityViewing)
class IdentityViewingAdmin(admin.ModelAdmin):
    """The log of who saw a denunciator's identity: read-only, and without the identity."""

    list_display = ["at", "user", "letter"]
    raw_id_fields = ["letter", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
