"""Legal deadlines for letters and cases: pure functions of dates, no database.

Sources (DOMAIN.md §4):
- Luật Khiếu nại 2011: accept within 10 days of receipt (Art. 27); a first complaint is
  resolved within 30 days of acceptance, 45 if complex, 45 / 60 in remote areas (Art. 28);
  a second complaint 45 / 60, remote 60 / 70 (Art. 37).
- Luật Tố cáo 2018: notify acceptance within 5 WORKING days; resolve within 30 days of
  acceptance; extended once (complex) or twice (especially complex) by up to 30 days, each by
  written decision (Art. 30).
- Petitions and feedback: no statutory limit was found, so the limits are settings
  (`PETITIONS_PETITION_ACCEPT_DAYS`, `PETITIONS_PETITION_RESOLVE_DAYS`).

"Days" are calendar days; only "working days" skip weekends and public holidays. The fixed
solar holidays are built in; Tết and the Hùng Kings' day follow the lunar calendar and move
every year, so they are entered as `Holiday` rows and passed in as `extra_holidays`.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings

COMPLAINT_ACCEPT_DAYS = 10
DENUNCIATION_ACCEPT_WORKING_DAYS = 5
DENUNCIATION_RESOLVE_DAYS = 30
DENUNCIATION_EXTENSION_DAYS = 30
DENUNCIATION_MAX_EXTENSIONS = 2
COMPLAINT_MAX_EXTENSIONS = 1  # "extended" for a complaint means: complex, the longer limit
PETITION_MAX_EXTENSIONS = 1

# (second complaint, remote area) -> (days, days if complex)
COMPLAINT_RESOLVE_DAYS = {
    (False, False): (30, 45),
    (False, True): (45, 60),
    (True, False): (45, 60),
    (True, True): (60, 70),
}

# (month, day): New Year, Reunification Day, Labour Day, National Day and the day before it.
FIXED_HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 1), (9, 2))


def petition_accept_days() -> int:
    return getattr(settings, "PETITIONS_PETITION_ACCEPT_DAYS", 10)


def petition_resolve_days() -> int:
    return getattr(settings, "PETITIONS_PETITION_RESOLVE_DAYS", 30)


def is_working_day(day: date, extra_holidays: Collection[date] = ()) -> bool:
    if day.weekday() >= 5:
        return False
    return (day.month, day.day) not in FIXED_HOLIDAYS and day not in extra_holidays


def add_working_days(start: date, days: int, extra_holidays: Collection[date] = ()) -> date:
    """The `days`-th working day after `start` (the day of receipt itself does not count)."""
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day, extra_holidays):
            counted += 1
    return day


def is_secret_kind(kind: str) -> bool:
    return kind in {"denunciation", "mixed"}


def acceptance_due(kind: str, received_on: date, extra_holidays: Collection[date] = ()) -> date:
    """The last day to accept (thụ lý) or to notify the acceptance."""
    if is_secret_kind(kind):
        return add_working_days(received_on, DENUNCIATION_ACCEPT_WORKING_DAYS, extra_holidays)
    if kind == "complaint":
        return received_on + timedelta(days=COMPLAINT_ACCEPT_DAYS)
    return received_on + timedelta(days=petition_accept_days())


@dataclass(frozen=True)
class Terms:
    """What the resolution deadline depends on, besides the acceptance date."""

    kind: str
    second_complaint: bool = False
    remote: bool = False
    is_complex: bool = False
    extensions: int = 0


def max_extensions(kind: str) -> int:
    if is_secret_kind(kind):
        return DENUNCIATION_MAX_EXTENSIONS
    if kind == "complaint":
        return COMPLAINT_MAX_EXTENSIONS
    return PETITION_MAX_EXTENSIONS


def resolution_days(terms: Terms) -> int:
    if terms.extensions > max_extensions(terms.kind):
        raise ValueError(f"at most {max_extensions(terms.kind)} extension(s) for {terms.kind}")
    if is_secret_kind(terms.kind):
        return DENUNCIATION_RESOLVE_DAYS + DENUNCIATION_EXTENSION_DAYS * terms.extensions
    if terms.kind == "complaint":
        simple, complex_ = COMPLAINT_RESOLVE_DAYS[(terms.second_complaint, terms.remote)]
        return complex_ if terms.is_complex or terms.extensions else simple
    return petition_resolve_days() * (1 + terms.extensions)


def resolution_due(accepted_on: date, terms: Terms) -> date:
    return accepted_on + timedelta(days=resolution_days(terms))


def days_left(due: date | None, today: date) -> int | None:
    """Positive: days remaining; 0: due today; negative: days overdue."""
    return None if due is None else (due - today).days
