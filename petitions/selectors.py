"""Reads of the petitions app, always scoped to the user."""

from datetime import date

from django.contrib.auth.models import Permission
from django.db.models import Q

from danvan.orgs.models import Unit, open_on_q
from danvan.search import fold, search_q
from danvan.workdays import WorkCalendar, calendar_for
from petitions.models import Case, CaseQuerySet, Letter

IDENTITY_PERMISSION = ("petitions", "view_denunciator_identity")


def work_calendar(*days: date) -> WorkCalendar:
    """The calendar of non-working days around `days` (danvan.workdays), one query."""
    return calendar_for(days)


def holds_identity_permission(user) -> bool:
    """Whether the permission was given to the user or one of their groups, explicitly.

    Not `user.has_perm`: that answers yes for every superuser, and the law wants the people
    who may see a denunciator named one by one (superusers included).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    app_label, codename = IDENTITY_PERMISSION
    return Permission.objects.filter(
        Q(user=user) | Q(group__user=user),
        content_type__app_label=app_label,
        codename=codename,
    ).exists()


def can_view_identity(user, letter: Letter) -> bool:
    return (
        letter.is_secret
        and Letter.objects.visible_to(user).filter(pk=letter.pk).exists()
        and holds_identity_permission(user)
    )


def case_pages():
    """Cases with their unit and handler; a view fetches one through
    danvan.orgs.access.get_visible (404 outside the user's scope)."""
    return Case.objects.select_related("unit", "handler")


def in_subtree(unit) -> Q:
    """Rows of `unit` and its descendants, by unit id (`unit_id IN (subtree)`): PostgreSQL reads
    them through the unit indexes, not by joining every row to the units (docs/bench.md)."""
    return Q(unit__in=Unit.objects.subtree(unit).values("pk"))


def letters_for(user, *, unit=None, query="", kind="", body="", state="", year=None, area=""):
    """The letters a user may see, filtered as the list page asks."""
    letters = Letter.objects.visible_to(user)
    if unit is not None:
        letters = letters.filter(in_subtree(unit))
    if query:
        letters = letters.filter(search_q(query))
    if kind:
        letters = letters.filter(kind=kind)
    if body:
        letters = letters.filter(receiving_body=body)
    if state:
        letters = letters.filter(case__state=state)
    if area:
        letters = letters.filter(subject_area__code=area)
    if year:
        letters = letters.filter(received_on__range=(date(year, 1, 1), date(year, 12, 31)))
    # Cases fetched for the rows shown, not joined to every match before the page is cut.
    return letters.prefetch_related("case")


def cases_for(user, *, unit=None, query="", state="", overdue_on=None, long_standing=False):
    cases = Case.objects.visible_to(user)
    if unit is not None:
        cases = cases.filter(in_subtree(unit))
    if query:
        cases = cases.filter(search_q(query))
    if state:
        cases = cases.filter(state=state)
    if overdue_on is not None:
        cases = cases.overdue_on(overdue_on)
    if long_standing:
        cases = cases.filter(is_long_standing=True)
    return cases.select_related("unit", "handler")


def likely_cases(user, unit, *, sender_name="", summary="", limit=5):
    """Open or recent cases of the unit that a new letter may repeat: same sender, or a summary
    sharing its longer words. Secret senders are never matched (their names are not stored
    on letters), so a suggestion cannot reveal who denounced what."""
    cases = Case.objects.editable_by(user).filter(unit=unit)
    condition = Q(pk__in=[])
    name = fold(sender_name)
    if len(name) >= 3:
        condition |= Q(letters__search_text__contains=name)
    words = [word for word in fold(summary).split() if len(word) >= 4][:6]
    if words:
        matched = Q()
        for word in words[:3]:
            matched &= Q(search_text__contains=word)
        condition |= matched
    if not name and not words:
        return []
    return list(cases.filter(condition).distinct().order_by("-received_on")[:limit])


def case_registrar(case: Case):
    letter = case.letters.select_related("created_by").order_by("id").first()
    return letter.created_by if letter else None


def cases_needing_reminder(today: date, until: date):
    """Cases open today whose running deadline falls on or before `until`: due soon, or
    already overdue (`Case.is_overdue_on(today)` tells which)."""
    return (
        Case.objects.filter(CaseQuerySet.running_deadline_q(today, "lte", until))
        .filter(open_on_q(today, "unit__"))  # a closed unit's officers are not reminded
        .select_related("handler", "unit")
    )
