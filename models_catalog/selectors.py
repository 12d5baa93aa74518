"""Reads of the catalogue, always scoped to the user."""

from django.db.models import Prefetch, Q

from danvan.orgs.models import PATH_SEPARATOR, Unit
from danvan.periods import Period
from danvan.search import search_q
from models_catalog.forms import SORTS
from models_catalog.models import TYPICAL_STATES, Field, PracticeModel, PracticeModelEvent


def practice_models_for(user, filters: dict):
    """The models the user may see, narrowed by the list's cleaned filters and sorted."""
    models = PracticeModel.objects.visible_to(user).select_related("unit", "registrant")
    if path := (filters.get("unit") or "").strip("/"):
        # By unit id, not by joining the units: PostgreSQL then walks the list's sort index
        # (a city's 50.000 models: docs/bench.md).
        subtree = Unit.objects.filter(Q(path=path) | Q(path__startswith=path + PATH_SEPARATOR))
        models = models.filter(unit__in=subtree.values("pk"))
    for name in ("field", "level", "status"):
        if filters.get(name):
            models = models.filter(**{name: filters[name]})
    if filters.get("kind"):
        models = models.filter(registrant__kind=filters["kind"])
    if filters.get("year"):
        models = models.in_years(filters["year"], filters["year"])
    if filters.get("q"):
        models = models.filter(search_q(filters["q"]))
    return models.order_by(*SORTS.get(filters.get("sort") or "-year", SORTS["-year"]))


def practice_model_pages():
    """Models with what their pages show; a view fetches one through
    danvan.orgs.access.get_visible (404 outside the user's scope) or get_editable."""
    events = PracticeModelEvent.objects.select_related("actor").order_by("-at", "-id")
    return PracticeModel.objects.select_related("unit", "registrant").prefetch_related(
        "attachments", Prefetch("events", queryset=events)
    )


def units_to_register_for(user):
    """Units the user may register models for: where they hold an editing role."""
    return Unit.objects.editable_by(user).exclude(kind=Unit.Kind.RESIDENTIAL_GROUP).order_by("path")


def booklet_context(unit_path: str, period_code: str) -> dict:
    """What the typical-models booklet PDF shows: the typical (and commended) models of the
    unit's subtree in the period's years, by field. The export pipeline calls it with the unit
    the user's scoped request chose (models_catalog.documents.subject), so it reads without a
    user."""
    unit = Unit.objects.get(path=unit_path)
    period = Period.parse(period_code)
    start, end = period.date_range
    models = (
        PracticeModel.objects.filter(
            Q(unit__path=unit.path) | Q(unit__path__startswith=unit.path + PATH_SEPARATOR),
            status__in=TYPICAL_STATES,
        )
        .in_years(start.year, end.year)
        .select_related("unit", "registrant")
        .order_by("unit__path", "name")
    )
    fields = list(Field.values)  # the order the articles list them in, not the codes' order
    ordered = sorted(models, key=lambda m: fields.index(m.field))
    return {"unit": unit, "period": period, "models": ordered}
