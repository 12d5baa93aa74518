"""Every write of the petitions app: atomic, checked against the actor's role, audited."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from danvan import freshness
from danvan.audit import audited, record_event
from danvan.concurrency import lock_version
from danvan.notifications import notify
from danvan.orgs.access import EDIT_ROLES, Role, require_role
from danvan.search import search_text
from petitions import deadlines, selectors
from petitions.bulk import _create, _create_events, _draw_ids, _fast_inserts, _insert_with_history
from petitions.import_rows import (
    _holidays_by_year,
    _import_build,
    _ImportRow,
    _missing_subject_areas,
    _number_receipts,
    _row_message,
)
from petitions.models import (
    Body,
    Case,
    IdentityViewing,
    Kind,
    Letter,
    ReceptionSession,
    SenderIdentity,
    Visit,
    normalize_reference,
)

EARLIEST_DATE = date(2000, 1, 1)
REMIND_DAYS_BEFORE = 3


def _check_day(day: date, field: str) -> None:
    today = timezone.localdate()
    if day > today:
        raise ValidationError({field: _("The date cannot be in the future.")})
    if day < EARLIEST_DATE:
        raise ValidationError({field: _("The date cannot be before 01/01/2000.")})


def _case_search_text(case: Case) -> str:
    return search_text(case.pk, case.summary, case.decision_number, case.national_reference)


def _letter_search_text(letter: Letter) -> str:
    # A denunciator's name never reaches the search column: searching for it finds nothing.
    sender = "" if letter.is_secret else f"{letter.sender_name} {letter.sender_contact}"
    return search_text(letter.receipt, letter.summary, sender, letter.transferred_to)


@dataclass
class Sender:
    name: str
    contact: str = ""
    id_number: str = ""


@transaction.atomic
def case_open(*, actor, unit, kind, receiving_body, summary, received_on, **flags) -> Case:
    """A new case: the acceptance deadline starts to run from the day of receipt."""
    require_role(actor, unit, EDIT_ROLES)
    _check_day(received_on, "received_on")
    case = Case(
        unit=unit,
        kind=kind,
        receiving_body=receiving_body,
        summary=summary,
        received_on=received_on,
        acceptance_due=deadlines.acceptance_due(
            kind,
            received_on,
            selectors.work_calendar(received_on),
            several_places=flags.get("checks_several_places", False),
        ),
        **flags,
    )
    case.full_clean(exclude=["search_text"])
    audited(case, actor).save()
    case.search_text = _case_search_text(case)
    Case.objects.filter(pk=case.pk).update(search_text=case.search_text)
    record_event(case, actor, "opened", to_state=case.state)
    freshness.changed(unit, received_on)
    return case


def _lock_receipts(unit, series) -> None:
    """Receipt numbers run per (unit, receiving body, year): a registration or an import of a
    series waits until the transaction that numbers the same series commits. PostgreSQL
    advisory locks, taken in a fixed order; SQLite serialises its writers anyway."""
    if connection.vendor != "postgresql" or not series:
        return
    keys = sorted(f"petitions.receipt:{unit.pk}:{body}:{year}" for body, year in series)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(%s::text[]) AS k",
            [keys],
        )


def _next_receipt_number(unit, body, year) -> int:
    last = Letter.objects.filter(unit=unit, receiving_body=body, receipt_year=year).aggregate(
        n=Max("receipt_number")
    )["n"]
    return (last or 0) + 1


@transaction.atomic
def letter_register(
    *,
    actor,
    unit,
    sender: Sender,
    case: Case | None = None,
    second_complaint=False,
    checks_several_places=False,
    **fields,
) -> Letter:
    """Register a letter; it opens a new case or joins `case` (a repeated or duplicate letter)."""
    require_role(actor, unit, EDIT_ROLES)
    received_on = fields["received_on"]
    _check_day(received_on, "received_on")
    if case is None:
        case = case_open(
            actor=actor,
            unit=unit,
            kind=fields["kind"],
            receiving_body=fields["receiving_body"],
            summary=fields["summary"],
            received_on=received_on,
            second_complaint=second_complaint,
            checks_several_places=checks_several_places,
        )
    elif case.unit_id != unit.pk:
        raise ValidationError({"case": _("The case belongs to another unit.")})
    letter = Letter(unit=unit, case=case, created_by=actor, receipt_year=received_on.year, **fields)
    if letter.competence == Letter.Competence.TRANSFERRED and not (
        letter.transferred_to.strip() and letter.transfer_document.strip()
    ):  # Thông tư 05/2021/TT-TTCP: the body competent and the transfer document are recorded
        raise ValidationError(
            {"transfer_document": _("Give the body and the number of the transfer document.")}
        )
    letter.handling_due = deadlines.letter_handling_due(
        received_on, selectors.work_calendar(received_on)
    )
    if not letter.is_secret:
        letter.sender_name, letter.sender_contact = sender.name, sender.contact
    _lock_receipts(unit, [(letter.receiving_body, letter.receipt_year)])
    letter.receipt_number = _next_receipt_number(unit, letter.receiving_body, letter.receipt_year)
    letter.search_text = _letter_search_text(letter)
    letter.full_clean(exclude=["case", "search_text"])
    try:
        with transaction.atomic():
            audited(letter, actor).save()
    except IntegrityError:  # two officers registered at the same instant: take the next one
        letter.receipt_number = _next_receipt_number(unit, letter.receiving_body, received_on.year)
        letter.search_text = _letter_search_text(letter)
        audited(letter, actor).save()
    if letter.is_secret:
        SenderIdentity.objects.create(
            letter=letter, name=sender.name, contact=sender.contact, id_number=sender.id_number
        )
    record_event(case, actor, "letter_added", reason="", letter=letter.receipt)
    freshness.changed(unit, received_on)
    return letter


def _save_case(case: Case, actor) -> Case:
    case.version += 1
    case.search_text = _case_search_text(case)
    audited(case, actor).save()
    return case


TRANSITIONS = {
    Case.State.RECEIVED: {Case.State.ACCEPTED, Case.State.TRANSFERRED, Case.State.WITHDRAWN},
    Case.State.ACCEPTED: {
        Case.State.VERIFYING,
        Case.State.DIALOGUE,
        Case.State.EXTENDED,
        Case.State.CONCLUDED,
        Case.State.TRANSFERRED,
        Case.State.WITHDRAWN,
    },
    Case.State.VERIFYING: {
        Case.State.DIALOGUE,
        Case.State.EXTENDED,
        Case.State.CONCLUDED,
        Case.State.TRANSFERRED,
        Case.State.WITHDRAWN,
    },
    Case.State.DIALOGUE: {
        Case.State.VERIFYING,
        Case.State.EXTENDED,
        Case.State.CONCLUDED,
        Case.State.WITHDRAWN,
    },
    Case.State.EXTENDED: {
        Case.State.VERIFYING,
        Case.State.DIALOGUE,
        Case.State.EXTENDED,
        Case.State.CONCLUDED,
        Case.State.WITHDRAWN,
    },
}
REASON_REQUIRED = {Case.State.EXTENDED, Case.State.TRANSFERRED, Case.State.WITHDRAWN}


def _terms(case: Case) -> deadlines.Terms:
    return deadlines.Terms(
        kind=case.kind,
        second_complaint=case.second_complaint,
        remote=case.unit.is_remote,
        is_complex=case.is_complex,
        especially_complex=case.is_especially_complex,
        extensions=case.extensions,
    )


@transaction.atomic
def case_transition(
    *,
    actor,
    case: Case,
    to_state: str,
    on: date,
    reason: str = "",
    version: int | None = None,
    outcome: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    especially_complex: bool = False,
) -> Case:
    """Move a case along its path; every move is an event with who, when and why.

    An extension is a recorded decision (its number in the event); a denunciation's second
    extension needs the case recorded as especially complex (`especially_complex`)."""
    require_role(actor, case.unit, EDIT_ROLES)
    case = lock_version(Case, case.pk, version)
    due_before = case.resolution_due  # an extension moves it: the figures from then on change
    to_state = Case.State(to_state)
    from_state = case.state
    if to_state not in TRANSITIONS.get(from_state, set()):
        raise ValidationError(
            _("A case in state “%(from)s” cannot become “%(to)s”.")
            % {"from": case.get_state_display(), "to": to_state.label}
        )
    _check_day(on, "on")
    if on < case.received_on:
        raise ValidationError({"on": _("The date cannot be before the case was received.")})
    if to_state in REASON_REQUIRED and not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    if to_state == Case.State.ACCEPTED:
        case.accepted_on = on
        calendar = selectors.work_calendar(on)
        case.resolution_due = deadlines.resolution_due(on, _terms(case), calendar)
        if deadlines.is_secret_kind(case.kind):
            case.notification_due = deadlines.notification_due(on, calendar)
    elif to_state == Case.State.EXTENDED:
        if especially_complex:
            case.is_especially_complex = True
        _extend(case, decision_number)
    elif to_state == Case.State.CONCLUDED:
        _conclude(case, on, outcome, decision_number, decision_date)
    else:
        if to_state in Case.CLOSED_STATES:
            case.closed_on = on
    case.state = to_state
    _save_case(case, actor)
    record_event(
        case,
        actor,
        "transition",
        from_state,
        to_state,
        reason,
        on=on.isoformat(),
        **({"decision": decision_number} if decision_number else {}),
        **({"especially_complex": True} if especially_complex else {}),
    )
    freshness.changed_many([(case.unit, day) for day in (on, due_before) if day])
    return case


def _extend(case: Case, decision_number: str) -> None:
    if case.extensions >= deadlines.max_extensions(case.kind, case.is_especially_complex):
        if deadlines.is_secret_kind(case.kind) and case.extensions == 1:
            raise ValidationError(
                _(
                    "A second extension is only for an especially complex denunciation: "
                    "record the case as especially complex first."
                )
            )
        raise ValidationError(_("This case cannot be extended again."))
    if case.kind in {"denunciation", "mixed"} and not decision_number.strip():
        raise ValidationError(
            {"decision_number": _("An extension needs the number of its written decision.")}
        )
    case.extensions += 1
    case.is_complex = True  # an extension is only for a complex case (both laws)
    case.resolution_due = deadlines.resolution_due(
        case.accepted_on, _terms(case), selectors.work_calendar(case.accepted_on)
    )


def _conclude(case, on, outcome, decision_number, decision_date) -> None:
    errors = {}
    if outcome not in Case.Outcome.values:
        errors["outcome"] = _("Choose the outcome.")
    if not decision_number.strip():
        errors["decision_number"] = _("Give the decision number.")
    if decision_date is None:
        errors["decision_date"] = _("Give the decision date.")
    if errors:
        raise ValidationError(errors)
    case.outcome, case.decision_number, case.decision_date = outcome, decision_number, decision_date
    case.resolved_on = case.closed_on = on


@transaction.atomic
def case_update(*, actor, case: Case, version: int, **fields) -> Case:
    """Edit the case's details; a stale version raises ConflictError, nothing is overwritten."""
    require_role(actor, case.unit, EDIT_ROLES)
    case = lock_version(Case, case.pk, version)
    if "national_reference" in fields:
        fields["national_reference"] = normalize_reference(fields["national_reference"])
    changed = {name: value for name, value in fields.items() if getattr(case, name) != value}
    for name, value in changed.items():
        setattr(case, name, value)
    if case.accepted_on and (
        {"is_complex", "is_especially_complex", "second_complaint"} & changed.keys()
    ):
        case.resolution_due = deadlines.resolution_due(
            case.accepted_on, _terms(case), selectors.work_calendar(case.accepted_on)
        )
    if not case.accepted_on and "checks_several_places" in changed:
        case.acceptance_due = deadlines.acceptance_due(
            case.kind,
            case.received_on,
            selectors.work_calendar(case.received_on),
            several_places=case.checks_several_places,
        )
    case.full_clean(exclude=["search_text"])
    _save_case(case, actor)
    if changed:
        record_event(case, actor, "updated", fields=", ".join(sorted(changed)))
    if changed.keys() - {"summary", "handler", "national_reference"}:  # flags, deadlines
        freshness.changed(case.unit, case.received_on)
    return case


@transaction.atomic
def identity_reveal(*, actor, letter: Letter) -> SenderIdentity:
    """The denunciator's identity, for a holder of the explicit permission; logged."""
    if not selectors.can_view_identity(actor, letter):
        raise PermissionDenied(_("You are not authorised to see the denunciator's identity."))
    identity = SenderIdentity.objects.get(letter=letter)
    IdentityViewing.objects.create(letter=letter, user=actor)
    return identity


@transaction.atomic
def session_create(
    *,
    actor,
    unit,
    held_on,
    receiver_kind,
    receiver_name,
    is_scheduled,
    place="",
    receiving_body=Body.PEOPLE_COMMITTEE,
):
    require_role(actor, unit, EDIT_ROLES)
    _check_day(held_on, "held_on")
    session = ReceptionSession(
        unit=unit,
        receiving_body=receiving_body,
        held_on=held_on,
        receiver_kind=receiver_kind,
        receiver_name=receiver_name,
        is_scheduled=is_scheduled,
        place=place,
    )
    session.full_clean()
    audited(session, actor).save()
    return session


@transaction.atomic
def visit_add(
    *,
    actor,
    session,
    people,
    is_crowd,
    summary,
    cases=(),
    new_case_summary="",
    new_case_kind=Kind.PETITION,
) -> Visit:
    """A visit about existing cases and/or a new case raised in person (without a letter)."""
    require_role(actor, session.unit, EDIT_ROLES)
    cases = list(cases)
    if new_case_summary.strip():
        cases.append(
            case_open(
                actor=actor,
                unit=session.unit,
                kind=new_case_kind,
                receiving_body=session.receiving_body,
                summary=new_case_summary.strip(),
                received_on=session.held_on,
            )
        )
    if any(case.unit_id != session.unit_id for case in cases):
        raise ValidationError({"cases": _("A visit can only concern cases of the same unit.")})
    visit = Visit(session=session, people=people, is_crowd=is_crowd, summary=summary)
    visit.full_clean()
    visit.save()
    visit.cases.set(cases)
    freshness.changed(session.unit, session.held_on)
    return visit


@transaction.atomic
def letters_import(*, actor, unit, rows: list[dict]) -> list[Letter]:
    """Register every row of a checked register, or none (any bad row: nothing is saved).

    Set-based, in a number of queries that does not grow with the rows, and row for row what
    `letter_register` saves (tests/petitions/test_import_bulk.py compares them): the case it
    opens with its deadline, the letter with its receipt number, the denunciator's identity,
    both events, the history rows under the importing user, the search text.
    """
    require_role(actor, unit, EDIT_ROLES)
    if not rows:
        return []
    holidays = _holidays_by_year(row.get("received_on") for row in rows)
    errors, built, checked = [], [], {}
    for number, row in enumerate(rows, start=1):
        try:
            built.append(
                _ImportRow(
                    row.get("_row", number), *_import_build(actor, unit, row, holidays, checked)
                )
            )
        except ValidationError as error:
            errors.append((row.get("_row", number), error))
    errors.extend(_missing_subject_areas(built))
    if errors:
        raise ValidationError(
            [_row_message(row, error) for row, error in sorted(errors, key=lambda e: e[0])]
        )

    cases = [item.case for item in built if item.opens_case]
    letters = [item.letter for item in built]
    if _fast_inserts():
        _draw_ids(Case, cases)
    else:
        bulk_create_with_history(cases, Case, default_user=actor)
    for case in cases:
        case.search_text = _case_search_text(case)  # it holds the case's id
    for item in built:
        item.letter.case = item.case  # and its id, now that the case has one
    _number_receipts(unit, letters)
    if _fast_inserts():
        _draw_ids(Letter, letters)
        # case_open writes the search text after inserting the case: its history row has none
        _insert_with_history(Case, cases, actor, history_blank=("search_text",))
        _insert_with_history(Letter, letters, actor)
    else:
        Case.objects.bulk_update(cases, ["search_text"], batch_size=500)
        bulk_create_with_history(letters, Letter, default_user=actor)
    _create(
        SenderIdentity,
        [
            SenderIdentity(
                letter=item.letter,
                name=item.sender.name,
                contact=item.sender.contact,
                id_number=item.sender.id_number,
            )
            for item in built
            if item.letter.is_secret
        ],
    )
    _create_events(built, actor)
    freshness.changed_many({(unit, item.letter.received_on) for item in built})
    return letters


def deadline_reminders(*, today: date) -> int:
    """In-app (and e-mail) reminders before and after deadlines; idempotent per day and case."""
    sent = 0
    soon = today + timedelta(days=REMIND_DAYS_BEFORE)
    for case in selectors.cases_needing_reminder(today, soon):
        due = case.due
        recipient = case.handler or selectors.case_registrar(case)
        if recipient is None or due is None:
            continue
        overdue = case.is_overdue_on(today)
        key = f"petitions:case:{case.pk}:{case.state}:{due.isoformat()}:" + (
            "overdue" if overdue else "soon"
        )
        title = (
            _("Case #%(id)s is overdue (deadline %(due)s)")
            if overdue
            else _("Case #%(id)s is due on %(due)s")
        ) % {"id": case.pk, "due": due.strftime("%d/%m/%Y")}
        url = reverse("petitions:case_detail", args=[case.pk])
        if notify(user=recipient, key=key, title=title, body=case.summary, url=url):
            sent += 1
    return sent


@transaction.atomic
def case_hand_over(case: Case, successor, *, actor, reason: str) -> Case:
    """An open case of a closed unit goes to its successor (danvan.handover): the new unit's
    officers assign a handler (the old one held a role on the old unit only)."""
    require_role(actor, case.unit, Role.ADMIN)
    require_role(actor, successor, Role.ADMIN)
    old, handler = case.unit, case.handler
    case.unit, case.handler = successor, None
    audited(case, actor).save(update_fields=["unit", "handler"])
    record_event(
        case,
        actor,
        "handed_over",
        from_state=case.state,
        to_state=case.state,
        reason=reason,
        from_unit=old.path,
        to_unit=successor.path,
        handler=handler.get_full_name() if handler else "",
    )
    freshness.changed(old, None)
    freshness.changed(successor, None)
    return case


@transaction.atomic
def letter_hand_over(letter: Letter, successor, *, actor, reason: str) -> Letter:
    """A letter of an open case goes with it, entered in the successor's register under its next
    number; the old receipt stays in the case's events."""
    require_role(actor, letter.unit, Role.ADMIN)
    require_role(actor, successor, Role.ADMIN)
    old_receipt, old = letter.receipt, letter.unit
    _lock_receipts(successor, [(letter.receiving_body, letter.receipt_year)])
    letter.unit = successor
    letter.receipt_number = _next_receipt_number(
        successor, letter.receiving_body, letter.receipt_year
    )
    letter.search_text = _letter_search_text(letter)
    audited(letter, actor).save(update_fields=["unit", "receipt_number", "search_text"])
    record_event(
        letter.case,
        actor,
        "letter_handed_over",
        reason=reason,
        letter=old_receipt,
        new_receipt=letter.receipt,
        from_unit=old.path,
        to_unit=successor.path,
    )
    freshness.changed(old, letter.received_on)
    freshness.changed(successor, letter.received_on)
    return letter
