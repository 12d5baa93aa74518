"""Reads of units, always scoped to the user."""

from datetime import date

from django.db.models import F, Q

from danvan import collation
from danvan.orgs.access import scope_paths
from danvan.orgs.models import IssuingBody, Unit, UnitLineage


def unit_for_path(user, path: str) -> Unit:
    """The visible unit with this code path, or Unit.DoesNotExist."""
    return Unit.objects.visible_to(user).get(path=path.strip("/"))


def home_units(user) -> list[Unit]:
    """The units at the top of the user's scope: where their work starts."""
    if user.is_superuser:
        return list(Unit.objects.filter(parent__isnull=True))
    return list(Unit.objects.filter(path__in=scope_paths(user)))


def children_of(unit: Unit) -> list[Unit]:
    """The unit's children in Vietnamese order of their names (danvan.collation)."""
    return collation.sort_units(Unit.objects.filter(parent=unit))


def ancestors_of(unit: Unit) -> list[Unit]:
    """Ancestors from the root down, in one query (their paths are prefixes of this one)."""
    parts = unit.path.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts))]
    return list(Unit.objects.filter(path__in=prefixes).order_by("depth"))


def lineage_of(unit: Unit) -> dict[str, list[UnitLineage]]:
    """The units this one took over, and those that took it over."""
    return {
        "predecessors": list(unit.predecessor_links.select_related("predecessor")),
        "successors": list(unit.successor_links.select_related("successor")),
    }


def body_valid_on(unit: Unit, day: date | None) -> IssuingBody | None:
    """The issuing body of `unit` valid on `day` (a document's date): the default one first,
    then the latest to start; None when the unit has none for that day. `day` None: today."""
    day = day or date.today()
    return (
        IssuingBody.objects.filter(unit=unit)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-is_default", F("valid_from").desc(nulls_last=True), "-pk")
        .first()
    )


def print_lacks(unit: Unit, day: date | None = None) -> list[str]:
    """What a document of the unit dated `day` would print empty: its header (no issuing
    body valid that day), the signer's name, the recipients. In words for the user."""
    from django.utils.translation import gettext as _

    body = body_valid_on(unit, day)
    if body is None:
        return [_("an issuing body (header, number symbol) valid today")]
    lacks = []
    if not body.signer_name.strip():
        lacks.append(_("the signer's name"))
    if not body.recipient_lines:
        lacks.append(_("the recipients (“Nơi nhận”)"))
    return lacks


def unit_lacks(unit: Unit, day: date | None = None) -> list[str]:
    """What the unit still lacks before it can file or print, in words for the user."""
    from django.utils.translation import gettext as _

    from danvan.orgs.access import Role
    from danvan.orgs.models import Membership

    lacks = print_lacks(unit, day)
    editors = Membership.objects.filter(
        unit__in=Unit.objects.subtree(unit),
        role__in=[Role.EDITOR, Role.LEADER],
        user__is_active=True,
    )
    if not editors.exists():
        lacks.append(_("at least one editor"))
    return lacks
