"""Every write of the dialogues app: atomic, versioned, recorded in history and events."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan import freshness
from danvan.audit import audited, record_event
from danvan.concurrency import lock_version
from danvan.imports import RowsRefused
from danvan.notifications import notify
from danvan.orgs.access import EDIT_ROLES, Role, require_role
from danvan.orgs.models import Membership, open_on_q
from danvan.search import search_text
from dialogues.models import Conference, Opinion

CONFERENCE_FIELDS = [
    "unit",
    "title",
    "kind",
    "chair",
    "co_chairs",
    "secretary",
    "organiser",
    "co_organiser",
    "held_on",
    "starts_at",
    "place",
    "mode",
    "notice_on",
    "attendees",
    "invited_bodies",
    "results_published_on",
]
OPINION_FIELDS = [
    "raised_by",
    "channel",
    "field",
    "content",
    "outcome",
    "answered_by",
    "answer_summary",
    "assignee",
    "deadline",
    "answer_number",
    "answered_on",
    "petition_case",
]


class LockedError(Exception):
    """The minutes are published: the conference and its opinions can no longer change."""

    def __init__(self):
        super().__init__(
            _("The minutes of this conference are published; it can no longer be changed.")
        )


def _conference_search_text(conference: Conference) -> str:
    return search_text(conference.title, conference.chair, conference.place, conference.unit.name)


def _opinion_search_text(opinion: Opinion) -> str:
    return search_text(opinion.raised_by, opinion.content, opinion.answer_summary, opinion.assignee)


def _check_unlocked(conference: Conference) -> None:
    if conference.is_locked:
        raise LockedError()


def _bump(instance, version: int, fields: dict, actor) -> list[str]:
    """Apply `fields` if the stored version is still `version`; returns the changed names."""
    locked = lock_version(type(instance), instance.pk, version)
    changed = [name for name, value in fields.items() if getattr(locked, name) != value]
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.version = version + 1
    audited(instance, actor)
    return changed


def _clean_conference(conference: Conference) -> None:
    errors = {}
    if conference.notice_on and conference.notice_on > conference.held_on:
        errors["notice_on"] = _("The public notice cannot come after the conference.")
    published = conference.results_published_on
    if published and published < conference.held_on:
        errors["results_published_on"] = _("The results cannot be published before the conference.")
    if errors:
        raise ValidationError(errors)


def _figures_changed(conference: Conference, *before) -> None:
    """The figures count held conferences, and their opinions, by the day the conference was
    held (dialogues/metrics.py); a planned one is in no figure. `before`: (unit, day) it had."""
    if conference.status != Conference.Status.PLANNED:
        freshness.changed_many({(conference.unit, conference.held_on), *before})


@transaction.atomic
def conference_create(*, actor, **fields) -> Conference:
    require_role(actor, fields.get("unit"), EDIT_ROLES)
    conference = Conference(
        **{name: fields.get(name) for name in CONFERENCE_FIELDS if name in fields}
    )
    conference.search_text = _conference_search_text(conference)
    conference.full_clean()
    _clean_conference(conference)
    audited(conference, actor).save()
    record_event(conference, actor, "create", to_state=conference.status)
    return conference


@transaction.atomic
def conference_update(*, actor, conference: Conference, version: int, **fields) -> Conference:
    require_role(actor, conference.unit, EDIT_ROLES)
    if "unit" in fields:  # moved to another unit: the actor must edit there too
        require_role(actor, fields["unit"], EDIT_ROLES)
    _check_unlocked(conference)
    before = (conference.unit, conference.held_on)
    changed = _bump(conference, version, fields, actor)
    conference.search_text = _conference_search_text(conference)
    conference.full_clean()
    _clean_conference(conference)
    conference.save()
    if changed:
        record_event(conference, actor, "update", changed=changed)
    _figures_changed(conference, before)
    return conference


@transaction.atomic
def conference_mark_held(
    *, actor, conference: Conference, version: int, attendees: int, today: date | None = None
) -> Conference:
    """planned → held: the conference took place and its attendance is known."""
    require_role(actor, conference.unit, EDIT_ROLES)
    today = today or timezone.localdate()
    if conference.status != Conference.Status.PLANNED:
        raise ValidationError(_("Only a planned conference can be marked as held."))
    if conference.held_on > today:
        raise ValidationError(_("A conference cannot be marked as held before its date."))
    _bump(conference, version, {"attendees": attendees}, actor)
    conference.status = Conference.Status.HELD
    conference.save()
    record_event(conference, actor, "hold", Conference.Status.PLANNED, Conference.Status.HELD)
    _figures_changed(conference)
    return conference


@transaction.atomic
def conference_publish(
    *, actor, conference: Conference, version: int, published_on: date, reason: str = ""
) -> Conference:
    """held → minutes published: the record is final and locked."""
    require_role(actor, conference.unit, EDIT_ROLES)
    if conference.status != Conference.Status.HELD:
        raise ValidationError(_("Only a held conference can have its minutes published."))
    if published_on < conference.held_on:
        raise ValidationError(_("The results cannot be published before the conference."))
    undecided = conference.opinions.filter(outcome=Opinion.Outcome.UNDECIDED).count()
    if undecided:
        raise ValidationError(
            _("%(n)s opinions have no outcome yet; decide them before publishing.")
            % {"n": undecided}
        )
    _bump(conference, version, {"results_published_on": published_on}, actor)
    conference.status = Conference.Status.PUBLISHED
    conference.save()
    record_event(
        conference,
        actor,
        "publish",
        Conference.Status.HELD,
        Conference.Status.PUBLISHED,
        reason=reason,
        late=conference.published_too_late,
    )
    _figures_changed(conference)
    return conference


def _clean_opinion(opinion: Opinion) -> None:
    errors = {}
    if opinion.outcome == Opinion.Outcome.WRITTEN_ANSWER:
        if not opinion.assignee:
            errors["assignee"] = _("Say who must answer in writing.")
        if not opinion.deadline:
            errors["deadline"] = _("Give the deadline of the written answer.")
    if opinion.answered_on and opinion.outcome != Opinion.Outcome.WRITTEN_ANSWER:
        errors["answered_on"] = _("Only an opinion taken for a written answer has an answer date.")
    if opinion.answered_on and opinion.answered_on < opinion.conference.held_on:
        errors["answered_on"] = _("The answer cannot come before the conference.")
    case = opinion.petition_case
    if case is not None and not opinion.conference.unit.contains(case.unit):
        errors["petition_case"] = _("The case must belong to the unit that held the conference.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def opinion_create(*, actor, conference: Conference, **fields) -> Opinion:
    require_role(actor, conference.unit, EDIT_ROLES)
    _check_unlocked(conference)
    Conference.objects.select_for_update().filter(pk=conference.pk).first()  # serialise numbers
    last = conference.opinions.aggregate(last=Max("number"))["last"] or 0
    opinion = Opinion(conference=conference, number=last + 1, **fields)
    _clean_opinion(opinion)
    opinion.full_clean()
    opinion.search_text = _opinion_search_text(opinion)
    audited(opinion, actor).save()
    _figures_changed(conference)
    return opinion


@transaction.atomic
def opinion_update(*, actor, opinion: Opinion, version: int, **fields) -> Opinion:
    require_role(actor, opinion.conference.unit, EDIT_ROLES)
    _check_unlocked(opinion.conference)
    _bump(opinion, version, fields, actor)
    _clean_opinion(opinion)
    opinion.full_clean()
    opinion.search_text = _opinion_search_text(opinion)
    opinion.save()
    _figures_changed(opinion.conference)
    return opinion


@transaction.atomic
def opinion_delete(*, actor, opinion: Opinion) -> None:
    require_role(actor, opinion.conference.unit, EDIT_ROLES)
    _check_unlocked(opinion.conference)
    record_event(opinion.conference, actor, "delete_opinion", number=opinion.number)
    audited(opinion, actor).delete()
    _figures_changed(opinion.conference)


@transaction.atomic
def opinions_import(*, actor, conference: Conference, rows: list[dict]) -> list[Opinion]:
    """All rows or none: any invalid row rolls the whole import back."""
    require_role(actor, conference.unit, EDIT_ROLES)
    _check_unlocked(conference)
    created = []
    errors = []
    for row in rows:
        fields = {name: row[name] for name in OPINION_FIELDS if row.get(name) is not None}
        try:
            with transaction.atomic():
                created.append(opinion_create(actor=actor, conference=conference, **fields))
        except ValidationError as error:
            errors.append((row.get("_row"), error))
    if errors:
        raise ImportRowsError(errors)
    record_event(conference, actor, "import_opinions", count=len(created))
    return created


class ImportRowsError(RowsRefused):
    """Rows the model refused after the sheet checks passed: (Excel row, ValidationError)."""


def overdue_reminders_send(*, today: date) -> int:
    """Tell each editor of a unit how many written answers of its conferences are overdue.

    One notification per editor and day (its key makes a second run the same day a no-op);
    returns how many were created.
    """
    overdue = (
        Opinion.objects.overdue_on(today)
        .filter(open_on_q(today, "conference__unit__"))  # never to a closed unit's editors
        .values("conference__unit_id")
        .annotate(count=Count("id"))
    )
    per_unit = {row["conference__unit_id"]: row["count"] for row in overdue}
    members = Membership.objects.filter(unit_id__in=per_unit, role__in=EDIT_ROLES).select_related(
        "user"
    )
    url = reverse("dialogues:awaiting_answers")
    created = 0
    for member in members:
        count = per_unit[member.unit_id]
        with translation.override(settings.LANGUAGE_CODE):
            title = _("%(n)s written answers to dialogue opinions are overdue") % {"n": count}
        if notify(
            user=member.user,
            key=f"dialogues.overdue.{member.unit_id}.{today.isoformat()}",
            title=title,
            url=url,
        ):
            created += 1
    return created


# A conference still open: planned, or with opinions taken for a written answer not yet given.
OPEN_CONFERENCE = Q(status=Conference.Status.PLANNED) | Q(
    opinions__outcome=Opinion.Outcome.WRITTEN_ANSWER, opinions__answered_on__isnull=True
)


@transaction.atomic
def conference_hand_over(conference: Conference, successor, *, actor, reason: str):
    """A closed unit's conference still open goes, with its opinions, to its successor, whose
    officers then give the written answers (danvan.handover)."""
    require_role(actor, conference.unit, Role.ADMIN)
    require_role(actor, successor, Role.ADMIN)
    before = (conference.unit, conference.held_on)
    conference.unit = successor
    conference.version += 1
    audited(conference, actor).save(update_fields=["unit", "version"])
    record_event(
        conference, actor, "handed_over", conference.status, conference.status, reason,
        from_unit=before[0].path, to_unit=successor.path,
    )  # fmt: skip
    _figures_changed(conference, before)
    return conference
