from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from danvan.freshness import AdminChangesFigures
from danvan.orgs.models import IssuingBody, Membership, Unit, UnitLineage, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [MembershipInline]


class LineageInline(admin.TabularInline):
    model = UnitLineage
    fk_name = "successor"
    extra = 0
    autocomplete_fields = ["predecessor"]


class IssuingBodyInline(admin.StackedInline):
    model = IssuingBody
    extra = 0


@admin.register(Unit)
class UnitAdmin(AdminChangesFigures, SimpleHistoryAdmin):
    list_display = ["path", "name", "kind", "valid_from", "valid_to"]
    list_filter = ["kind", "depth"]
    search_fields = ["path", "name"]
    readonly_fields = ["path", "depth"]
    autocomplete_fields = ["parent"]
    inlines = [LineageInline, IssuingBodyInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "unit", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "unit__path", "unit__name"]
    autocomplete_fields = ["user", "unit"]
