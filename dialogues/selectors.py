"""Reads of the dialogues app, always scoped to the user."""

from django.db.models import Count, Q

from danvan.orgs.access import EDIT_ROLES, has_role
from danvan.orgs.models import PATH_SEPARATOR, Unit
from danvan.periods import Period
from danvan.search import search_q
from dialogues.models import Conference, Opinion

SORTS = {
    "date": ("held_on", "id"),
    "-date": ("-held_on", "-id"),
    "unit": ("unit__path", "-held_on"),
    "attendees": ("attendees", "id"),
    "-attendees": ("-attendees", "-id"),
    "opinions": ("opinion_count", "id"),
    "-opinions": ("-opinion_count", "-id"),
}


def conference_list(
    user,
    *,
    unit: Unit | None = None,
    period: Period | None = None,
    status: str = "",
    kind: str = "",
    query: str = "",
    sort: str = "-date",
):
    conferences = Conference.objects.visible_to(user)
    if unit is not None:
        conferences = conferences.filter(
            Q(unit__path=unit.path) | Q(unit__path__startswith=unit.path + PATH_SEPARATOR)
        )
    if period is not None:
        conferences = conferences.filter(held_on__range=period.data_range())
    if status:
        conferences = conferences.filter(status=status)
    if kind:
        conferences = conferences.filter(kind=kind)
    if query:
        conferences = conferences.filter(search_q(query))
    return (
        conferences.select_related("unit")
        .annotate(opinion_count=Count("opinions"))
        .order_by(*SORTS.get(sort, SORTS["-date"]))
    )


def conference_pages():
    """Conferences with their unit; a view fetches one through danvan.orgs.access.get_visible
    (404 outside the user's scope) or get_editable (403 inside it without an editing role)."""
    return Conference.objects.select_related("unit")


def opinion_pages():
    """Opinions with their conference, unit and field (fetched as `conference_pages`)."""
    return Opinion.objects.select_related("conference__unit", "field")


def minutes_context(conference_id: int) -> dict:
    """What the minutes PDF shows. The export pipeline calls it by the id the user's scoped
    request stored (dialogues.documents.subject), so it reads without a user."""
    conference = Conference.objects.select_related("unit").get(pk=conference_id)
    return {"conference": conference, "opinions": list(opinions_of(conference))}


def opinions_of(conference: Conference):
    return conference.opinions.select_related("field").order_by("number")


def may_edit(user, conference: Conference) -> bool:
    return has_role(user, conference.unit, EDIT_ROLES)


def editable_units(user, around: Unit | None, keep: Unit | None = None):
    """Units a conference may be recorded for: the picked unit and its children (and the
    conference's present unit, `keep`), where the user may edit."""
    units = Unit.objects.editable_by(user)
    if around is not None:
        near = Q(pk=around.pk) | Q(parent=around)
        units = units.filter(near | Q(pk=keep.pk) if keep else near)
    return units.order_by("depth", "name")


def awaiting_answers(user, *, unit: Unit | None = None, query: str = ""):
    """Opinions taken for a written answer that has not come yet, the nearest deadline first."""
    opinions = Opinion.objects.visible_to(user).filter(
        outcome=Opinion.Outcome.WRITTEN_ANSWER, answered_on__isnull=True
    )
    if unit is not None:
        opinions = opinions.filter(
            Q(conference__unit__path=unit.path)
            | Q(conference__unit__path__startswith=unit.path + PATH_SEPARATOR)
        )
    if query:
        opinions = opinions.filter(search_q(query))
    return opinions.select_related("conference__unit", "field").order_by("deadline", "id")


def linkable_cases(user, unit: Unit):
    """Petition cases of the conference's unit subtree that the user may see, newest first."""
    from petitions.models import Case

    subtree = Q(unit__path=unit.path) | Q(unit__path__startswith=unit.path + PATH_SEPARATOR)
    return Case.objects.visible_to(user).filter(subtree).order_by("-pk")
