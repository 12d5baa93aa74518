"""Reads of exports, always scoped to the user."""

from django.core.paginator import Paginator

from danvan.rollup.models import Export
from danvan.search import search_q

PAGE_SIZE = 25
# ?sort= values and their ordering; a leading "-" on the value reverses it.
SORTS = {
    "created": ["created_at"],
    "unit": ["unit__path"],
    "period": ["period_start", "-period_end"],  # by date; a year before its quarters
    "status": ["status"],
}


def exports_for(user, *, query="", status="", kind="", sort="-created"):
    exports = Export.objects.visible_to(user).select_related("unit", "requested_by")
    if query:
        exports = exports.filter(search_q(query))
    if status in Export.Status.values:
        exports = exports.filter(status=status)
    if kind in Export.Kind.values:
        exports = exports.filter(kind=kind)
    fields = SORTS.get(sort.lstrip("-"), SORTS["created"])
    if sort.startswith("-"):
        fields = [f[1:] if f.startswith("-") else "-" + f for f in fields]
    return exports.order_by(*fields, "-id")


def export_page(user, params):
    """One page of the user's exports as chosen by the list's query string."""
    exports = exports_for(
        user,
        query=params.get("q", ""),
        status=params.get("status", ""),
        kind=params.get("kind", ""),
        sort=params.get("sort", "-created"),
    )
    return Paginator(exports, PAGE_SIZE).get_page(params.get("page"))
