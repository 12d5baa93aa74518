"""The unit and period the user is working on, kept in the session and shown in the header.

Pages take `?unit=<path>&period=<code>` first and fall back to the picker's choice.
"""

from django.utils import timezone

from danvan.orgs.access import scope_paths
from danvan.orgs.models import Unit
from danvan.orgs.selectors import home_units
from danvan.periods import Period, PeriodError, PeriodKind

SESSION_UNIT = "picker_unit"
SESSION_PERIOD = "picker_period"
FIRST_YEAR = 2015


def current_unit(request) -> Unit | None:
    path = request.GET.get("unit") or request.session.get(SESSION_UNIT)
    visible = Unit.objects.visible_to(request.user)
    unit = visible.filter(path=path).first() if path else None
    if unit is None:
        units = home_units(request.user)
        unit = units[0] if units else None
    return unit


def current_period(request) -> Period:
    code = request.GET.get("period") or request.session.get(SESSION_PERIOD)
    if code:
        try:
            return Period.parse(code)
        except PeriodError:
            pass
    return Period.containing(timezone.localdate(), PeriodKind.QUARTER)


def unit_choices(user) -> list[tuple[Unit, bool]]:
    """The units at the top of the user's scope, each followed by its direct children
    (marked True, to be indented)."""
    tops = [unit.path for unit in home_units(user)] if user.is_superuser else scope_paths(user)
    # A union, not `path IN tops OR parent.path IN tops`: PostgreSQL cannot use an index for
    # an OR across the join, so it read every unit (1,6 ms for 6.433 units against 0,1 ms).
    # The parts are unordered (SQLite refuses an ORDER BY inside a union); the union is.
    units = (
        Unit.objects.filter(path__in=tops)
        .order_by()
        .union(Unit.objects.filter(parent__path__in=tops).order_by())
        .order_by("path")
    )
    return [(unit, unit.path not in tops) for unit in units]


def period_choices() -> list[tuple[int, list[Period]]]:
    """Every year's quarters, six months, nine months and year, newest year first."""
    this_year = timezone.localdate().year
    years = []
    for year in range(this_year, FIRST_YEAR - 1, -1):
        codes = [f"{year}Q{q}" for q in range(1, 5)] + [f"{year}S1", f"{year}N9", f"{year}S2"]
        codes.append(f"{year}")
        years.append((year, [Period.parse(code) for code in codes]))
    return years
