"""Legal deadlines for letters and cases: pure functions of dates and a work calendar.

Every rule is one `Rule`: how many days, whether they are working days or calendar days,
and its source (DOMAIN.md §4). Calendar-day periods whose last day is a weekly rest day or a
public holiday end at the end of the next working day (Bộ luật Dân sự 2015 Art. 148);
working days skip weekends, holidays, compensatory and swapped days (`danvan.workdays`).

- Letter handling (xử lý đơn): sort, handle, guide or transfer within 10 WORKING days of
  receipt (Thông tư 05/2021/TT-TTCP).
- Complaint: accept within 10 days of receipt (Luật Khiếu nại 2011 Art. 27); a first
  complaint is resolved within 30 days of acceptance, 45 if complex, remote 45 / 60 (Art. 28);
  a second complaint 45 / 60, remote 60 / 70 (Art. 37). Calendar or working days: the setting
  `PETITIONS_COMPLAINT_WORKING_DAYS` (calendar days by default).
- Denunciation (Luật Tố cáo 2018): within 7 WORKING days of receipt (10 when the checks span
  several places) the letter is registered, sorted, the conditions checked and the acceptance
  decision made (Art. 24); the denunciator is notified within 5 WORKING days of the decision
  (Art. 29); resolution within 30 days of acceptance, extended once by up to 30 days when
  complex, twice when especially complex, each by written decision (Art. 30).
- Petition / feedback: no statutory limit found: calendar-day settings
  `PETITIONS_PETITION_ACCEPT_DAYS` (10) and `PETITIONS_PETITION_RESOLVE_DAYS` (30).

Whether the complaint law's "ngày" are calendar or working days is not settled (DOMAIN.md §4):
`PETITIONS_COMPLAINT_WORKING_DAYS` decides, calendar days by default.

A mixed letter (complaint and denunciation) is handled in its parts, each under its own law
(`PARTS`); the case's running deadline is the earliest of its parts'.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from danvan.workdays import WEEKENDS_ONLY, WorkCalendar


@dataclass(frozen=True)
class Rule:
    days: int
    working_days: bool
    source: str

    def due(self, start: date, calendar: WorkCalendar = WEEKENDS_ONLY, times: int = 1) -> date:
        days = self.days * times
        if self.working_days:
            return calendar.add_working_days(start, days)
        return calendar.add_days(start, days)


def complaint_working_days() -> bool:
    return bool(getattr(settings, "PETITIONS_COMPLAINT_WORKING_DAYS", False))


def petition_accept_days() -> int:
    return getattr(settings, "PETITIONS_PETITION_ACCEPT_DAYS", 10)


def petition_resolve_days() -> int:
    return getattr(settings, "PETITIONS_PETITION_RESOLVE_DAYS", 30)


LETTER_HANDLING = Rule(10, True, "Thông tư 05/2021/TT-TTCP")
DENUNCIATION_CHECKING = Rule(7, True, "Luật Tố cáo 2018 Art. 24")
DENUNCIATION_CHECKING_SEVERAL_PLACES = Rule(10, True, "Luật Tố cáo 2018 Art. 24")
DENUNCIATION_NOTIFICATION = Rule(5, True, "Luật Tố cáo 2018 Art. 29")
DENUNCIATION_RESOLUTION = Rule(30, False, "Luật Tố cáo 2018 Art. 30")
DENUNCIATION_EXTENSION = Rule(30, False, "Luật Tố cáo 2018 Art. 30")


def complaint_acceptance() -> Rule:
    return Rule(10, complaint_working_days(), "Luật Khiếu nại 2011 Art. 27")


def petition_acceptance() -> Rule:
    return Rule(petition_accept_days(), False, "setting PETITIONS_PETITION_ACCEPT_DAYS")


# (second complaint, remote area) -> (days, days if complex)
COMPLAINT_RESOLVE_DAYS = {
    (False, False): (30, 45),
    (False, True): (45, 60),
    (True, False): (45, 60),
    (True, True): (60, 70),
}
COMPLAINT_MAX_EXTENSIONS = 1  # "extended" for a complaint means: complex, the longer limit
PETITION_MAX_EXTENSIONS = 1

# The laws a letter of each kind is handled under, part by part.
PARTS = {
    "complaint": ("complaint",),
    "denunciation": ("denunciation",),
    "petition": ("petition",),
    "mixed": ("complaint", "denunciation"),
}


def parts(kind: str) -> tuple[str, ...]:
    """The laws of a letter's parts (an unknown kind is refused later by the model's checks)."""
    return PARTS.get(kind, ("petition",))


def is_secret_kind(kind: str) -> bool:
    return kind in {"denunciation", "mixed"}


def letter_handling_due(received_on: date, calendar: WorkCalendar = WEEKENDS_ONLY) -> date:
    """The last day to sort the letter and handle it, guide the sender or transfer it."""
    return LETTER_HANDLING.due(received_on, calendar)


def _acceptance_rule(part: str, several_places: bool) -> Rule:
    if part == "denunciation":
        return DENUNCIATION_CHECKING_SEVERAL_PLACES if several_places else DENUNCIATION_CHECKING
    if part == "complaint":
        return complaint_acceptance()
    return petition_acceptance()


def acceptance_due(
    kind: str,
    received_on: date,
    calendar: WorkCalendar = WEEKENDS_ONLY,
    *,
    several_places: bool = False,
) -> date:
    """The last day of the acceptance decision (thụ lý); the earliest part's for a mixed letter."""
    return min(
        _acceptance_rule(part, several_places).due(received_on, calendar) for part in parts(kind)
    )


def notification_due(accepted_on: date, calendar: WorkCalendar = WEEKENDS_ONLY) -> date:
    """The last day to tell the denunciator the denunciation was accepted (Art. 29)."""
    return DENUNCIATION_NOTIFICATION.due(accepted_on, calendar)


@dataclass(frozen=True)
class Terms:
    """What the resolution deadline depends on, besides the acceptance date."""

    kind: str
    second_complaint: bool = False
    remote: bool = False
    is_complex: bool = False
    especially_complex: bool = False
    extensions: int = 0


def max_extensions(kind: str, especially_complex: bool = False) -> int:
    """Denunciation: once when complex, twice when especially complex (Art. 30)."""
    if is_secret_kind(kind):
        return 2 if especially_complex else 1
    if kind == "complaint":
        return COMPLAINT_MAX_EXTENSIONS
    return PETITION_MAX_EXTENSIONS


def _part_due(part: str, accepted_on: date, terms: Terms, calendar: WorkCalendar) -> date:
    if part == "denunciation":
        days = DENUNCIATION_RESOLUTION.days + DENUNCIATION_EXTENSION.days * terms.extensions
        return calendar.add_days(accepted_on, days)
    if part == "complaint":
        simple, complex_ = COMPLAINT_RESOLVE_DAYS[(terms.second_complaint, terms.remote)]
        days = complex_ if terms.is_complex or terms.extensions else simple
        return Rule(days, complaint_working_days(), "Luật Khiếu nại 2011").due(
            accepted_on, calendar
        )
    rule = Rule(petition_resolve_days(), False, "setting PETITIONS_PETITION_RESOLVE_DAYS")
    return rule.due(accepted_on, calendar, times=1 + terms.extensions)


def resolution_due(accepted_on: date, terms: Terms, calendar: WorkCalendar = WEEKENDS_ONLY) -> date:
    limit = max_extensions(terms.kind, terms.especially_complex)
    if terms.extensions > limit:
        raise ValueError(f"at most {limit} extension(s) for {terms.kind}")
    return min(_part_due(part, accepted_on, terms, calendar) for part in parts(terms.kind))


def days_left(due: date | None, today: date) -> int | None:
    """Positive: days remaining; 0: due today; negative: days overdue."""
    return None if due is None else (due - today).days
