"""Reads of exports, always scoped to the user."""

from django.core.paginator import Paginator
from django.utils import timezone

from danvan.rollup.models import DocumentRegister, Export, Issue
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


def issues_of(user, unit, period):
    """The unit's issues of the period, newest first: an issue and its corrections."""
    return (
        Issue.objects.visible_to(user)
        .filter(unit=unit, period=period.code)
        .select_related("export", "issued_by", "corrects")
        .order_by("-id")
    )


def register_page(user, year_param) -> tuple[int, list]:
    """(year, [(register, its issues by number)]) of the registers the user may see; the
    year asked for, else the latest one with a register (this year when there is none)."""
    registers = DocumentRegister.objects.visible_to(user).select_related("issuing_body__unit")
    try:
        year = int(year_param)
    except (TypeError, ValueError):
        latest = registers.order_by("-year").values_list("year", flat=True).first()
        year = latest or timezone.localdate().year
    chosen = list(registers.filter(year=year).order_by("issuing_body__unit__path"))
    issues = (
        Issue.objects.filter(register__in=chosen)
        .select_related("unit", "issued_by", "corrects", "export")
        .order_by("number")
    )
    by_register: dict[int, list] = {register.pk: [] for register in chosen}
    for issue in issues:
        by_register[issue.register_id].append(issue)
    return year, [(register, by_register[register.pk]) for register in chosen]
