"""Every write to the catalogue: atomic, permission-checked, with history and events."""

from datetime import date
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from danvan import freshness
from danvan.audit import audited, record_event
from danvan.concurrency import lock_version
from danvan.orgs.access import EDIT_ROLES, REVIEW_ROLES, Role, require_role
from danvan.search import fold, search_text
from models_catalog import files, tasks
from models_catalog.models import (
    Attachment,
    Criterion,
    PracticeModel,
    Registrant,
    Status,
)
from models_catalog.workflow import TRANSITIONS

# Fields a registration form or an import row may set.
DETAIL_FIELDS = (
    "name",
    "field",
    "level",
    "start_year",
    "end_year",
    "content",
    "mobilisation",
    "started_on",
    "responsible_person",
    "expected_results",
)


# States a unit may register a model in (e.g. from an old register); later ones need a reviewer.
EDITOR_STATES = frozenset({Status.REGISTERED, Status.IMPLEMENTING})


def registrant_find_or_create(*, actor, unit, kind: str, name: str, position: str = ""):
    """The unit's registrant of that name: one registrant may register several models."""
    require_role(actor, unit, EDIT_ROLES, REVIEW_ROLES)
    name = " ".join(name.split())
    registrant = Registrant.objects.filter(unit=unit, kind=kind, folded_name=fold(name)).first()
    if registrant is None:
        registrant = Registrant(
            unit=unit, kind=kind, name=name, position=position.strip(), folded_name=fold(name)
        )
        registrant.full_clean()
        audited(registrant, actor).save()
    elif position and registrant.position != position.strip():
        registrant.position = position.strip()
        audited(registrant, actor).save(update_fields=["position"])
    return registrant


def _fill(practice_model, registrant, details: dict) -> None:
    for field in DETAIL_FIELDS:
        if field in details:
            setattr(practice_model, field, details[field])
    if not practice_model.end_year:
        practice_model.end_year = practice_model.start_year
    practice_model.registrant = registrant
    practice_model.search_text = search_text(
        practice_model.name,
        registrant.name,
        registrant.position,
        practice_model.unit.name,
        practice_model.responsible_person,
        practice_model.content,
    )
    practice_model.full_clean(exclude=["registrant", "unit"])


def _figures_changed(practice_model: PracticeModel, *years: int) -> None:
    """A model counts in the periods of its years, in the state it has now
    (models_catalog/metrics.py). `years`: the first year it had before."""
    unit, first_years = practice_model.unit, {practice_model.start_year, *years}
    freshness.changed_many({(unit, date(year, 1, 1)) for year in first_years})


@transaction.atomic
def practice_model_register(
    *,
    actor,
    unit,
    registrant_kind: str,
    registrant_name: str,
    registrant_position: str = "",
    status: str = Status.REGISTERED,
    action: str = "register",
    **details,
) -> PracticeModel:
    require_role(actor, unit, EDIT_ROLES if status in EDITOR_STATES else REVIEW_ROLES)
    registrant = registrant_find_or_create(
        actor=actor,
        unit=unit,
        kind=registrant_kind,
        name=registrant_name,
        position=registrant_position,
    )
    practice_model = PracticeModel(unit=unit, status=status)
    _fill(practice_model, registrant, details)
    audited(practice_model, actor).save()
    record_event(practice_model, actor, action, to_state=practice_model.status)
    _figures_changed(practice_model)
    return practice_model


@transaction.atomic
def practice_model_update(
    *,
    actor,
    practice_model: PracticeModel,
    version: int,
    registrant_kind: str,
    registrant_name: str,
    registrant_position: str = "",
    **details,
) -> PracticeModel:
    require_role(actor, practice_model.unit, EDIT_ROLES | REVIEW_ROLES)
    current = lock_version(PracticeModel, practice_model.pk, version)
    first_year = current.start_year
    registrant = registrant_find_or_create(
        actor=actor,
        unit=current.unit,
        kind=registrant_kind,
        name=registrant_name,
        position=registrant_position,
    )
    _fill(current, registrant, details)
    current.version += 1
    audited(current, actor).save()
    record_event(current, actor, "update", current.status, current.status)
    _figures_changed(current, first_year)
    return current


def _move(practice_model, actor, version, action, reason, extra_fields=()):
    """Check the transition, lock the row, change the state and record the event."""
    transition = TRANSITIONS[action]
    require_role(actor, practice_model.unit, transition.roles)
    current = lock_version(PracticeModel, practice_model.pk, version)
    if current.status not in transition.sources:
        raise ValidationError(
            _("A model that is “%(state)s” cannot be moved this way.")
            % {"state": current.get_status_display()}
        )
    if transition.needs_reason and not reason.strip():
        raise ValidationError(_("Give a reason."))
    return current, transition


def _save_move(current, transition, actor, action, reason, **data):
    from_state = current.status
    current.status = transition.target_from(from_state)
    current.version += 1
    audited(current, actor).save()
    event = record_event(current, actor, action, from_state, current.status, reason.strip(), **data)
    _figures_changed(current)
    if transition.roles == REVIEW_ROLES:  # a reviewer's decision: the unit hears of it
        transaction.on_commit(lambda: tasks.notify_unit_of_decision.delay(event.pk))
    return current


@transaction.atomic
def practice_model_transition(
    *, actor, practice_model: PracticeModel, action: str, version: int, reason: str = ""
) -> PracticeModel:
    """The transitions that carry no data besides an optional reason."""
    if action in {"evaluate", "commend"}:
        raise ValueError(f"use practice_model_{action}")
    current, transition = _move(practice_model, actor, version, action, reason)
    if current.status == Status.COMMENDED:  # stepping back from commended withdraws the award
        current.award = current.awarded_by = current.decision_number = ""
        current.decision_date = None
    return _save_move(current, transition, actor, action, reason)


@transaction.atomic
def practice_model_evaluate(
    *, actor, practice_model, version: int, surveyed_on, findings: str, criteria_met, reason=""
) -> PracticeModel:
    current, transition = _move(practice_model, actor, version, "evaluate", reason)
    known = {value for value, _label in Criterion.choices}
    current.surveyed_on = surveyed_on
    current.findings = findings
    current.criteria_met = [c for c in criteria_met if c in known]
    return _save_move(
        current, transition, actor, "evaluate", reason, score=len(current.criteria_met)
    )


@transaction.atomic
def practice_model_commend(
    *, actor, practice_model, version: int, award, awarded_by, decision_number, decision_date
) -> PracticeModel:
    current, transition = _move(practice_model, actor, version, "commend", "")
    current.award = award
    current.awarded_by = awarded_by
    current.decision_number = decision_number
    current.decision_date = decision_date
    return _save_move(
        current, transition, actor, "commend", "", award=award, decision=decision_number
    )


@transaction.atomic
def attachment_add(*, actor, practice_model: PracticeModel, upload) -> Attachment:
    """Check size and real type first: a refused file leaves nothing behind."""
    require_role(actor, practice_model.unit, EDIT_ROLES | REVIEW_ROLES)
    data, detected = files.check(upload)
    extension, mime, kind = files.KNOWN[detected]
    attachment = Attachment(
        practice_model=practice_model,
        kind=kind,
        original_name=upload.name[-200:],
        content_type=mime,
        size=len(data),
        uploaded_by=actor,
    )
    attachment.file.save(f"{uuid4().hex}.{extension}", ContentFile(data), save=False)
    # Should the rows fail to save, the stored file must not stay behind.
    stored = attachment.file.name
    try:
        attachment.save()
        status = practice_model.status
        record_event(practice_model, actor, "attach", status, status, file=upload.name)
    except Exception:
        attachment.file.storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def practice_models_import(*, actor, rows: list[dict]) -> int:
    """All rows of a checked sheet, or none: any failure rolls the whole import back. Each
    row's unit is checked against the actor's role by `practice_model_register`."""
    for row in rows:
        details = {field: row.get(field) for field in DETAIL_FIELDS if row.get(field) is not None}
        practice_model_register(
            actor=actor,
            unit=row["unit_object"],
            registrant_kind=row["registrant_kind"],
            registrant_name=row["registrant_name"],
            registrant_position=row.get("registrant_position") or "",
            status=row.get("status") or Status.REGISTERED,
            action="import",
            **details,
        )
    return len(rows)


# The models still in progress: a closed unit hands them over (models_catalog/handover.py).
IN_PROGRESS_STATES = (Status.REGISTERED, Status.IMPLEMENTING, Status.EVALUATED, Status.PROPOSED)


@transaction.atomic
def practice_model_hand_over(practice_model: PracticeModel, successor, *, actor, reason: str):
    """A model in progress of a closed unit goes on in its successor (danvan.handover)."""
    require_role(actor, practice_model.unit, Role.ADMIN)
    require_role(actor, successor, Role.ADMIN)
    old = practice_model.unit
    _figures_changed(practice_model)
    practice_model.unit = successor
    practice_model.version += 1
    audited(practice_model, actor).save(update_fields=["unit", "version"])
    status = practice_model.status
    record_event(
        practice_model, actor, "handed_over", status, status, reason,
        from_unit=old.path, to_unit=successor.path,
    )  # fmt: skip
    _figures_changed(practice_model)
    return practice_model
