"""Every write to units, lineage, issuing bodies and memberships (atomic, with history)."""

from datetime import date

from django.db import transaction
from django.template.defaultfilters import slugify
from django.utils.translation import gettext as _

from danvan import freshness
from danvan.audit import audited
from danvan.orgs.access import Role
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


@transaction.atomic
def unit_close(*, actor, unit: Unit, valid_to: date) -> Unit:
    closed_before = unit.valid_to
    unit.valid_to = valid_to
    unit.full_clean()
    audited(unit, actor).save(update_fields=["valid_to"])
    freshness.changed_many({(unit, day) for day in (closed_before, valid_to) if day})
    return unit


@transaction.atomic
def lineage_record(
    *, actor, successor: Unit, predecessor: Unit, share: str, effective_date: date, legal_basis=""
) -> UnitLineage:
    if successor.pk == predecessor.pk:
        raise ValueError(_("A unit cannot succeed itself."))
    link, _created = UnitLineage.objects.update_or_create(
        successor=successor,
        predecessor=predecessor,
        defaults={"share": share, "effective_date": effective_date, "legal_basis": legal_basis},
    )
    freshness.changed(successor, None)  # its figures before the reform take in the old unit's
    return link


@transaction.atomic
def issuing_body_save(*, actor, unit: Unit, name: str, **fields) -> IssuingBody:
    body = IssuingBody.objects.filter(unit=unit, name=name).first() or IssuingBody(
        unit=unit, name=name
    )
    for field, value in fields.items():
        setattr(body, field, value)
    body.full_clean()
    audited(body, actor).save()
    return body


@transaction.atomic
def membership_grant(*, actor, user, unit: Unit, role: str) -> Membership:
    role = Role(role)
    membership = Membership.objects.filter(user=user, unit=unit, role=role).first()
    if membership is None:
        membership = audited(Membership(user=user, unit=unit, role=role), actor)
        membership.save()
    user.__dict__.pop("_danvan_scopes", None)
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    audited(membership, actor).delete()
