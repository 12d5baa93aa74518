"""Scoped access, in one place (DESIGN.md firm point 2).

A membership gives a user a role on a unit and on its whole subtree. Every query that serves a
user goes through `visible_to(user)` / `editable_by(user)` / `reviewable_by(user)` of the
model's queryset, which all build on `scope_q`. Views fetch objects through those querysets,
so an object outside the user's scope is simply not found (404).

The two helpers every app uses: `get_visible` / `get_editable` fetch one object for a view
(404 outside the scope, 403 inside it without the role), and `require_role` guards every
service (PermissionDenied).
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

SEPARATOR = "/"


class Role(models.TextChoices):
    EDITOR = "editor", _("Ward editor")
    LEADER = "leader", _("Unit leader")
    REVIEWER = "reviewer", _("Reviewer")
    VIEWER = "viewer", _("Viewer")
    ADMIN = "admin", _("Administrator")


EDIT_ROLES = frozenset({Role.EDITOR, Role.LEADER, Role.ADMIN})
LEAD_ROLES = frozenset({Role.LEADER, Role.ADMIN})
REVIEW_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})

_NOTHING = Q(pk__in=[])


def user_scopes(user) -> list[tuple[str, str]]:
    """(unit path, role) of each membership, read once per request and kept on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_danvan_scopes", None)
    if cached is None:
        from danvan.orgs.models import Membership

        cached = list(Membership.objects.filter(user=user).values_list("unit__path", "role"))
        user._danvan_scopes = cached
    return cached


def scope_paths(user, roles=None) -> list[str]:
    """Top-most unit paths on which the user holds one of `roles` (any role if None)."""
    paths = sorted({path for path, role in user_scopes(user) if roles is None or role in roles})
    kept: list[str] = []
    for path in paths:  # sorted, so an ancestor always comes before its descendants
        if not any(path.startswith(top + SEPARATOR) for top in kept):
            kept.append(path)
    return kept


def scope_q(user, path_field: str = "unit__path", roles=None) -> Q:
    """Filter for rows whose unit lies in a subtree where the user holds one of `roles`.

    On the unit table itself (`path_field="path"`) the paths are compared; on any other table,
    "…unit__path" becomes "…unit__in (ids of the subtrees' units)": PostgreSQL then reads the
    rows through their unit indexes instead of joining every row to the units and filtering
    the paths afterwards (docs/bench.md, as `danvan.metrics.Scope.unit_q`).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _NOTHING
    if user.is_superuser:
        return Q()
    paths = scope_paths(user, roles)
    if not paths:
        return _NOTHING
    condition = _NOTHING
    for path in paths:
        condition |= Q(path=path) | Q(path__startswith=path + SEPARATOR)
    if path_field == "path":
        return condition
    from danvan.orgs.models import Unit

    if not path_field.endswith("__path"):
        raise ValueError(f"{path_field!r}: a scope filters on a unit's path ('…unit__path')")
    unit_field = path_field.removesuffix("__path")
    return Q(**{f"{unit_field}__in": Unit.objects.filter(condition).values("pk")})


def has_role(user, unit, roles=None) -> bool:
    """Whether the user holds one of `roles` on `unit` (through it or one of its ancestors)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(
        unit.path == path or unit.path.startswith(path + SEPARATOR)
        for path in scope_paths(user, roles)
    )


def require_role(actor, unit, *roles) -> None:
    """PermissionDenied unless `actor` holds one of `roles` on `unit` (or an ancestor).

    Each of `roles` is a Role or a set of them: `require_role(actor, unit, EDIT_ROLES,
    REVIEW_ROLES)`. `unit` None is the national level above every unit (the indicator
    catalogue, report templates): only a superuser holds a role there. Actor None is the
    system itself (the demo seed, the tests' factories); a request always carries a user,
    AnonymousUser at worst, so a page never acts as None.
    """
    if not roles:
        raise TypeError("require_role needs the roles that allow the action")
    if actor is None:
        return
    wanted = set()
    for role in roles:
        wanted |= {role} if isinstance(role, str) else set(role)
    if unit is None:
        allowed = getattr(actor, "is_superuser", False) and actor.is_active
    else:
        allowed = has_role(actor, unit, wanted)
    if not allowed:
        raise PermissionDenied(_("Your role does not allow this on this unit."))


def _scoped(queryset):
    return queryset._default_manager.all() if isinstance(queryset, type) else queryset


def unit_of(obj, queryset=None):
    """The unit `obj` belongs to, along its queryset's `unit_path_field`
    ("conference__unit__path": obj.conference.unit)."""
    queryset = _scoped(type(obj) if queryset is None else queryset)
    field = getattr(queryset, "unit_path_field", "unit__path")
    if field == "path":  # a unit
        return obj
    for name in field.removesuffix("__path").split("__"):
        obj = getattr(obj, name)
    return obj


def get_visible(queryset, user, pk, **lookups):
    """The object `pk` of `queryset` (a scoped model or queryset) if `user` may see it;
    Http404 otherwise, so an outsider never learns that it exists. For views."""
    try:
        return _scoped(queryset).visible_to(user).get(pk=pk, **lookups)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_editable(queryset, user, pk, *roles, **lookups):
    """`get_visible`, then 403 (PermissionDenied) unless `user` holds one of `roles` (the
    editing roles when none are named) on the object's unit: a read-only member is refused,
    an outsider still gets 404. For views."""
    obj = get_visible(queryset, user, pk, **lookups)
    require_role(user, unit_of(obj, queryset), *(roles or (EDIT_ROLES,)))
    return obj


class ScopedQuerySet(models.QuerySet):
    """Base queryset for every model that belongs to a unit."""

    unit_path_field = "unit__path"

    def visible_to(self, user):
        return self.filter(scope_q(user, self.unit_path_field))

    def editable_by(self, user):
        return self.filter(scope_q(user, self.unit_path_field, EDIT_ROLES))

    def reviewable_by(self, user):
        return self.filter(scope_q(user, self.unit_path_field, REVIEW_ROLES))
