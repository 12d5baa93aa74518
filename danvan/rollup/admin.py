from django.contrib import admin

from danvan.rollup.models import Export, ExportEvent


class ExportEventInline(admin.TabularInline):
    model = ExportEvent
    extra = 0
    readonly_fields = ["at", "actor", "action", "from_state", "to_state", "reason"]
    fields = readonly_fields
    can_delete = False


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "unit", "period", "status", "progress", "attempts", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["unit__path", "period"]
    readonly_fields = [f.name for f in Export._meta.fields]
    inlines = [ExportEventInline]
