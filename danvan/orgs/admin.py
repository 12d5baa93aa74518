from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from danvan.freshness import AdminChangesFigures
from danvan.orgs import services
from danvan.orgs.models import PATH_SEPARATOR, IssuingBody, Membership, Unit, UnitLineage, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    # A password the superuser gives out is temporary: the person chooses their own.
    fieldsets = [*UserAdmin.fieldsets, (_("Sign-in"), {"fields": ["must_change_password"]})]
    add_fieldsets = [*UserAdmin.add_fieldsets, (_("Sign-in"), {"fields": ["must_change_password"]})]
    list_display = [*UserAdmin.list_display, "must_change_password"]


class LineageInline(admin.TabularInline):
    model = UnitLineage
    fk_name = "successor"
    extra = 0
    autocomplete_fields = ["predecessor"]


class IssuingBodyInline(admin.StackedInline):
    model = IssuingBody
    extra = 0


class UnitAdminForm(forms.ModelForm):
    """Checks a move or a new code before `danvan.orgs.services` recomputes the paths."""

    class Meta:
        model = Unit
        fields = ["parent", "kind", "name", "code", "valid_from", "valid_to", "is_remote"]

    def clean(self):
        data = super().clean()
        parent, code = data.get("parent"), data.get("code")
        unit = self.instance
        if unit.pk and parent is not None and unit.contains(parent):
            self.add_error(
                "parent", _("A unit cannot be moved under itself or one of its own units.")
            )
        elif code:
            path = f"{parent.path}{PATH_SEPARATOR}{code}" if parent else code
            if Unit.objects.filter(path=path).exclude(pk=unit.pk).exists():
                self.add_error(
                    "code",
                    _("Another unit already has the code path %(path)s.") % {"path": path},
                )
        return data


@admin.register(Unit)
class UnitAdmin(AdminChangesFigures, SimpleHistoryAdmin):
    """Adding, renaming and moving go through the unit services, so a new unit gets its path
    and depth and a moved one takes its whole subtree's paths along (no stale path)."""

    form = UnitAdminForm
    list_display = ["path", "name", "kind", "valid_from", "valid_to"]
    list_filter = ["kind", "depth"]
    search_fields = ["path", "name"]
    readonly_fields = ["path", "depth"]
    autocomplete_fields = ["parent"]
    inlines = [LineageInline, IssuingBodyInline]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        plain = {f: data[f] for f in ("kind", "valid_from", "valid_to", "is_remote")}
        if not change:
            unit = services.unit_create(
                actor=request.user,
                name=data["name"],
                parent=data["parent"],
                code=data["code"],
                **plain,
            )
        else:
            unit = Unit.objects.get(pk=obj.pk)
            if unit.parent_id != getattr(data["parent"], "pk", None) or unit.code != data["code"]:
                unit = services.unit_move(
                    actor=request.user, unit=unit, parent=data["parent"], code=data["code"]
                )
            unit = services.unit_rename(actor=request.user, unit=unit, name=data["name"], **plain)
        # The admin goes on with `obj` (inlines, the message, the redirect): make it the saved unit.
        obj.__dict__.update({k: v for k, v in unit.__dict__.items() if not k.startswith("_")})
        obj._state.adding = False


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "unit", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "unit__path", "unit__name"]
    autocomplete_fields = ["user", "unit"]
