"""Every write to units, lineage, issuing bodies and memberships (atomic, with history)."""

import dataclasses
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from danvan import freshness
from danvan.audit import audited
from danvan.orgs.access import Role, require_role
from danvan.orgs.models import PATH_SEPARATOR, IssuingBody, Membership, Unit, UnitLineage
from danvan.search import fold


def unit_code_for(name: str) -> str:
    """ASCII slug of a Vietnamese name: 'Đức Giang' -> 'duc-giang'."""
    return slugify(fold(name))


@transaction.atomic
def unit_create(
    *,
    actor,
    name: str,
    kind: str,
    parent: Unit | None = None,
    code: str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
    is_remote: bool = False,
) -> Unit:
    require_role(actor, parent, Role.ADMIN)  # a root unit: the superuser only
    code = code or unit_code_for(name)
    path = f"{parent.path}{PATH_SEPARATOR}{code}" if parent else code
    unit = Unit(
        parent=parent,
        kind=kind,
        name=name,
        code=code,
        path=path,
        depth=(parent.depth + 1) if parent else 0,
        valid_from=valid_from,
        valid_to=valid_to,
        is_remote=is_remote,
    )
    unit.full_clean()
    audited(unit, actor).save()
    freshness.changed(unit, valid_from)  # a new line of its parents' breakdowns, a group more
    return unit


@dataclass
class NewUnit:
    """One unit of `unit_create_many`, with the old units it takes over: [(unit, share)]."""

    parent: Unit
    name: str
    kind: str
    code: str = ""
    valid_from: date | None = None
    predecessors: list = dataclasses.field(default_factory=list)
    legal_basis: str = ""


@transaction.atomic
def unit_create_many(*, actor, entries: list[NewUnit]) -> list[Unit]:
    """Many new units with their lineage (a reform's list from a spreadsheet): the rules of
    `unit_create` and `lineage_record` (the actor administers each parent, the model's own
    checks, history rows with the actor, figures made stale), in a constant number of
    statements rather than some forty a unit. The code paths' uniqueness is the database's
    (the import's dry run checked it first). Raises ValidationError with `error_dict` keyed
    by the entry's index when entries are refused; then nothing is written."""
    units, refused = [], {}
    for index, entry in enumerate(entries):
        require_role(actor, entry.parent, Role.ADMIN)
        code = entry.code or unit_code_for(entry.name)
        unit = Unit(
            parent=entry.parent,
            kind=entry.kind,
            name=entry.name,
            code=code,
            path=f"{entry.parent.path}{PATH_SEPARATOR}{code}",
            depth=entry.parent.depth + 1,
            valid_from=entry.valid_from,
        )
        try:
            unit.full_clean(exclude=["parent"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            refused[index] = error.messages
        units.append(unit)
    if refused:
        raise ValidationError({str(index): messages for index, messages in refused.items()})
    bulk_create_with_history(units, Unit, batch_size=1000, default_user=actor)
    links = [
        UnitLineage(
            successor=unit,
            predecessor=predecessor,
            share=share,
            effective_date=entry.valid_from or date.today(),
            legal_basis=entry.legal_basis,
        )
        for unit, entry in zip(units, entries, strict=True)
        for predecessor, share in entry.predecessors
    ]
    bulk_create_with_history(links, UnitLineage, batch_size=2000, default_user=actor)
    freshness.changed_many(
        [
            (unit, None if entry.predecessors else unit.valid_from)
            for unit, entry in zip(units, entries, strict=True)
        ]
    )
    return units


@transaction.atomic
def unit_close(*, actor, unit: Unit, valid_to: date) -> Unit:
    require_role(actor, unit.parent, Role.ADMIN)
    closed_before = unit.valid_to
    unit.valid_to = valid_to
    unit.full_clean()
    audited(unit, actor).save(update_fields=["valid_to"])
    freshness.changed_many({(unit, day) for day in (closed_before, valid_to) if day})
    return unit


def _locked_subtree(unit: Unit) -> list[Unit]:
    return list(Unit.objects.select_for_update().subtree(unit).order_by("depth", "path"))


@transaction.atomic
def unit_move(*, actor, unit: Unit, parent: Unit | None, code: str | None = None) -> Unit:
    """Put `unit` under `parent` (and/or give it a new `code`): the paths and depths of its
    whole subtree are recomputed in this one transaction, so access by path prefix follows
    at once. The actor administers both the old and the new parent."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    require_role(actor, unit.parent, Role.ADMIN)
    require_role(actor, parent, Role.ADMIN)
    code = (code or unit.code).strip()
    if parent is not None and unit.contains(parent):
        raise ValidationError(_("A unit cannot be moved under itself or one of its own units."))
    old_path, old_depth = unit.path, unit.depth
    new_path = f"{parent.path}{PATH_SEPARATOR}{code}" if parent else code
    if new_path == old_path:
        return unit
    if Unit.objects.filter(path=new_path).exists():
        raise ValidationError(
            _("Another unit already has the code path %(path)s.") % {"path": new_path}
        )
    freshness.changed(unit, None)  # the old parents lose the subtree's figures
    unit.parent, unit.code = parent, code
    unit.full_clean(exclude=["path", "depth"], validate_unique=True)
    shift = ((parent.depth + 1) if parent else 0) - old_depth
    subtree = _locked_subtree(unit)
    for member in subtree:
        member.path = new_path + member.path[len(old_path) :]
        member.depth += shift
        if member.pk == unit.pk:
            member.parent, member.code = parent, code
    bulk_update_with_history(subtree, Unit, ["path", "depth", "parent", "code"], default_user=actor)
    unit = next(member for member in subtree if member.pk == unit.pk)
    freshness.changed(unit, None)  # the new parents gain them
    return unit


@transaction.atomic
def unit_rename(*, actor, unit: Unit, name: str, code: str | None = None, **fields) -> Unit:
    """A new name (and other plain fields: kind, dates, remote area); a new code moves the
    subtree's paths through `unit_move`."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    require_role(actor, unit.parent or unit, Role.ADMIN)
    if code and code != unit.code:
        unit = unit_move(actor=actor, unit=unit, parent=unit.parent, code=code)
    before = (unit.valid_from, unit.valid_to)
    unit.name = name.strip()
    for field, value in fields.items():
        setattr(unit, field, value)
    unit.full_clean()
    audited(unit, actor).save()
    freshness.changed_many({(unit, day) for day in (*before, unit.valid_from, unit.valid_to)})
    return unit


@transaction.atomic
def lineage_record(
    *,
    actor,
    successor: Unit,
    predecessor: Unit,
    share: str,
    effective_date: date,
    legal_basis="",
    weight=None,
    basis="",
    part_figure=None,
    whole_figure=None,
) -> UnitLineage:
    """Record that `successor` took over `share` of `predecessor`, with the weight or the
    figures (population, area) the resolution gives, if any (danvan.orgs.lineage)."""
    require_role(actor, successor, Role.ADMIN)
    if successor.pk == predecessor.pk:
        raise ValueError(_("A unit cannot succeed itself."))
    link = UnitLineage.objects.filter(successor=successor, predecessor=predecessor).first()
    link = link or UnitLineage(successor=successor, predecessor=predecessor)
    fields = {
        "share": share,
        "effective_date": effective_date,
        "legal_basis": legal_basis,
        "weight": weight,
        "basis": basis,
        "part_figure": part_figure,
        "whole_figure": whole_figure,
    }
    for field, value in fields.items():
        setattr(link, field, value)
    link.full_clean()
    audited(link, actor).save()
    # Before the reform, the figures of every unit that took over part of the old one change:
    # the old unit's weights are shared out among all of them.
    for other in Unit.objects.filter(predecessor_links__predecessor=predecessor):
        freshness.changed(other, None)
    return link


@transaction.atomic
def issuing_body_save(
    *, actor, unit: Unit, name: str, body: IssuingBody | None = None, **fields
) -> IssuingBody:
    """Create or change an issuing body of `unit` (`body`, else the one with this name)."""
    require_role(actor, unit, Role.ADMIN)
    if body is not None and body.unit_id != unit.pk:
        raise ValueError("the body belongs to another unit")
    body = (
        body
        or IssuingBody.objects.filter(unit=unit, name=name).first()
        or IssuingBody(unit=unit, name=name)
    )
    body.name = name
    for field, value in fields.items():
        setattr(body, field, value)
    body.full_clean()
    audited(body, actor).save()
    return body


@transaction.atomic
def membership_grant(*, actor, user, unit: Unit, role: str) -> Membership:
    require_role(actor, unit, Role.ADMIN)
    role = Role(role)
    membership = Membership.objects.filter(user=user, unit=unit, role=role).first()
    if membership is None:
        membership = audited(Membership(user=user, unit=unit, role=role), actor)
        membership.save()
    user.__dict__.pop("_danvan_scopes", None)
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    require_role(actor, membership.unit, Role.ADMIN)
    audited(membership, actor).delete()
    membership.user.__dict__.pop("_danvan_scopes", None)


@transaction.atomic
def user_create(
    *, actor, username: str, last_name: str, first_name: str, password: str, unit, role, email=""
):
    """A new person with a first role on `unit` (which the actor administers)."""
    from django.contrib.auth import get_user_model

    require_role(actor, unit, Role.ADMIN)
    user = get_user_model()(
        username=username, last_name=last_name, first_name=first_name, email=email
    )
    user.set_password(password)
    user.must_change_password = True  # the administrator knows it: the person replaces it
    user.full_clean(exclude=["password"])
    user.save()
    membership_grant(actor=actor, user=user, unit=unit, role=role)
    return user


@transaction.atomic
def user_set_temporary_password(*, actor, user, password: str) -> None:
    """A password the administrator gives out (forgotten, first sign-in); the person must
    choose their own at the next sign-in. Only for people wholly inside the actor's units."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import PermissionDenied

    if not administers_all_of(actor, user):
        raise PermissionDenied(_("This person holds roles outside the units you administer."))
    validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])


def user_password_changed(*, user) -> None:
    """The person chose their own password: the temporary one no longer binds them."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])


def administers_all_of(actor, user) -> bool:
    """Whether every role `user` holds lies inside the actor's administered subtrees: only then
    may the actor deactivate the person (never someone above the actor's own scope)."""
    if actor is None or actor.is_superuser:
        return True
    if user.is_superuser or user.pk == actor.pk:
        return False
    from danvan.orgs.access import has_role

    units = [m.unit for m in user.memberships.select_related("unit")]
    return all(has_role(actor, unit, {Role.ADMIN}) for unit in units)


@transaction.atomic
def user_deactivate(*, actor, user) -> None:
    from django.core.exceptions import PermissionDenied

    if not administers_all_of(actor, user):
        raise PermissionDenied(_("This person holds roles outside the units you administer."))
    user.is_active = False
    user.save(update_fields=["is_active"])
