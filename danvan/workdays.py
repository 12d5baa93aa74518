"""Working days of state and Party offices, and deadlines that end on a working day.

- Weekly rest days: Saturday and Sunday (Bộ luật Lao động 2019 Art. 111, for state offices).
- Public holidays (Art. 112): 1/1; five days of Tết Nguyên đán; Giỗ Tổ Hùng Vương (10/3
  lunar); 30/4; 1/5; 2/9 and one adjacent day (1/9 or 3/9, chosen each year); a holiday on a
  weekly rest day gives a compensatory day; the government swaps working days some years.
  They live in `danvan.models.CalendarDay`, pre-filled 2015–2035 from the `holidays` library
  (Vietnamese lunar calendar at UTC+7, the government's published swaps), corrected and
  completed by administrators (`calendar_day_set`, `national_day_bridge_set`).
- A period counted in days whose last day is a weekly rest day or a holiday ends at the end
  of the next working day (Bộ luật Dân sự 2015 Art. 148): `shift_to_working_day`.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

PREFILLED_YEARS = range(2015, 2036)
WEEKLY_REST_DAYS = (5, 6)  # Saturday, Sunday
LIBRARY_SOURCE = "holidays (VN)"


@dataclass(frozen=True)
class WorkCalendar:
    """The non-working days and the worked weekend days known for some years."""

    off: frozenset = field(default_factory=frozenset)
    worked: frozenset = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        if day in self.worked:
            return True
        return day.weekday() not in WEEKLY_REST_DAYS and day not in self.off

    def add_working_days(self, start: date, days: int) -> date:
        """The `days`-th working day after `start` (the starting day itself does not count)."""
        day, counted = start, 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def shift_to_working_day(self, day: date) -> date:
        """`day`, or the next working day when it is not one (Bộ luật Dân sự 2015 Art. 148)."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_days(self, start: date, days: int) -> date:
        """A period of `days` calendar days from `start`, its end moved to a working day."""
        return self.shift_to_working_day(start + timedelta(days=days))


WEEKENDS_ONLY = WorkCalendar()


def library_days(years: Iterable[int]) -> dict[date, str]:
    """The Vietnamese public holidays, compensatory and swapped days of `years` (`holidays`)."""
    import holidays

    return dict(holidays.country_holidays("VN", years=list(years), language="vi"))


def calendar_for(days: Iterable[date]) -> WorkCalendar:
    """The calendar around `days` (a year before to two years after), from one query."""
    from danvan.models import CalendarDay

    years = {day.year for day in days if isinstance(day, date)}
    if not years:
        return WEEKENDS_ONLY
    rows = CalendarDay.objects.filter(
        day__year__gte=min(years) - 1, day__year__lte=max(years) + 2
    ).values_list("day", "is_working")
    off = frozenset(day for day, working in rows if not working)
    worked = frozenset(day for day, working in rows if working)
    return WorkCalendar(off, worked)


def _require_admin(actor) -> None:
    if not (getattr(actor, "is_active", False) and actor.is_superuser):
        raise PermissionDenied(_("Only an administrator can change the calendar."))


@transaction.atomic
def calendar_day_set(*, actor, day: date, is_working: bool, name: str, source: str = ""):
    """Record a day off (a holiday, a compensatory or swapped day) or a worked weekend day."""
    from danvan.audit import audited
    from danvan.models import CalendarDay

    _require_admin(actor)
    if not name.strip():
        raise ValidationError({"name": _("Give the name of the day.")})
    row = CalendarDay.objects.filter(day=day).first() or CalendarDay(day=day)
    row.is_working, row.name, row.source = is_working, name.strip(), source.strip()
    row.full_clean()
    audited(row, actor).save()
    return row


@transaction.atomic
def national_day_bridge_set(*, actor, year: int, bridge_day: int) -> None:
    """The day added to 2/9 in `year`: 1 (1/9) or 3 (3/9) (Bộ luật Lao động 2019 Art. 112)."""
    from danvan.models import CalendarDay

    _require_admin(actor)
    if bridge_day not in (1, 3):
        raise ValidationError({"bridge_day": _("The day next to 2/9 is 1/9 or 3/9.")})
    other = date(year, 9, 4 - bridge_day)
    CalendarDay.objects.filter(day=other, is_working=False, name__icontains="Quốc khánh").delete()
    calendar_day_set(
        actor=actor,
        day=date(year, 9, bridge_day),
        is_working=False,
        name="Quốc khánh (ngày liền kề)",
        source="Bộ luật Lao động 2019 Art. 112",
    )
