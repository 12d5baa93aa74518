"""Reporting periods: month, quarter, six months (first or last), nine months, year.

A period is written as a short code (DHIS2 style) and that code is what models store:
``2019M03`` (month), ``2019Q1`` (quarter), ``2019S1`` (first six months, "6 tháng đầu năm"),
``2019S2`` (last six months, "6 tháng cuối năm"), ``2019N9`` (January to September,
cumulative) and ``2019`` (year).

``Period.index`` is the month (1-12) for M, the quarter (1-4) for Q, the half (1-2) for S,
always 9 for N (the number of months covered) and always 0 for Y.

One documented range: a code read from a person, a URL, a file or the database (``parse``,
the form field, ``validate_period_code``) names a year from FIRST_YEAR to LAST_YEAR (1950 to
2100); anything else is refused there, once, with a message. Periods computed from a valid one
(the previous period, the same period last year, a trend of up to 40 periods) may reach back to
MIN_YEAR (1900) and forward to MAX_YEAR (2999), so no look-back a page makes can fail.
"""

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

MIN_YEAR = 1900
MAX_YEAR = 2999
# The years a code may name when it is read (see the module's docstring).
FIRST_YEAR = 1950
LAST_YEAR = 2100

# re.ASCII keeps IGNORECASE from folding look-alikes (e.g. "ſ" to "S") or taking non-ASCII
# digits, so only codes a person could type back are accepted.
_CODE_RE = re.compile(
    r"(?P<year>[0-9]{4})(?:(?P<kind>[MQSN])(?P<index>[0-9]{1,2}))?", re.ASCII | re.IGNORECASE
)
_ROMAN = ("I", "II", "III", "IV")
# The longest valid code is 7 characters; beyond this an echo of the input only adds noise.
_SHOWN_MAX = 20


class PeriodKind(models.TextChoices):
    # A context keeps these short words apart from other "Month"/"Year" strings of the project.
    MONTH = "M", pgettext_lazy("period kind", "Month")
    QUARTER = "Q", pgettext_lazy("period kind", "Quarter")
    HALF = "S", pgettext_lazy("period kind", "Six months")
    NINE_MONTHS = "N", pgettext_lazy("period kind", "Nine months")
    YEAR = "Y", pgettext_lazy("period kind", "Year")


# Kinds with one period a year: its index and the months (first, last) it covers.
_ONLY_INDEX = {PeriodKind.NINE_MONTHS: 9, PeriodKind.YEAR: 0}
_ONLY_SPAN = {PeriodKind.NINE_MONTHS: (1, 9), PeriodKind.YEAR: (1, 12)}


class PeriodError(ValueError):
    """A period code or date that does not name a period; the message is for the user."""


def _invalid_code(shown, reason=""):
    if len(shown) > _SHOWN_MAX:
        shown = shown[:_SHOWN_MAX] + "…"
    parts = [
        _("“%(code)s” is not a valid period code.") % {"code": shown},
        reason,
        _(
            "Valid codes look like 2019Q1 (quarter), 2019S1 (first six months), "
            "2019N9 (nine months), 2019 (year) or 2019M03 (month)."
        ),
    ]
    return PeriodError(" ".join(part for part in parts if part))


def _reason_invalid(year, kind, index, first=MIN_YEAR, last=MAX_YEAR):
    """Why (year, kind, index) is not a period, or "" if it is one."""
    if not first <= year <= last:
        return _("The year must be between %(min)s and %(max)s.") % {"min": first, "max": last}
    if kind == PeriodKind.MONTH and not 1 <= index <= 12:
        return _("A month is numbered 01 to 12.")
    if kind == PeriodKind.QUARTER and not 1 <= index <= 4:
        return _("A quarter is numbered 1 to 4.")
    if kind == PeriodKind.HALF and index not in (1, 2):
        return _("Six months are S1 (January to June) or S2 (July to December).")
    if kind == PeriodKind.NINE_MONTHS and index != 9:
        return _("Nine months always run from January to September (N9).")
    if kind == PeriodKind.YEAR and index != 0:
        return _("A year has no number after it.")
    return ""


@functools.total_ordering
@dataclass(frozen=True, repr=False)
class Period:
    year: int
    kind: PeriodKind
    index: int

    def __post_init__(self):
        object.__setattr__(self, "kind", PeriodKind(self.kind))
        if reason := _reason_invalid(self.year, self.kind, self.index):
            raise _invalid_code(f"{self.year}{self.kind.value}{self.index}", reason)

    # Constructors

    @classmethod
    def parse(cls, code):
        """Read a code such as "2019Q1"; case and surrounding whitespace do not matter."""
        return cls._read(code, FIRST_YEAR, LAST_YEAR)

    @classmethod
    def parse_computed(cls, code):
        """Read back a code the portal computed itself from a readable period (a look-back
        kept in a cache, say), which may reach MIN_YEAR or MAX_YEAR."""
        return cls._read(code, MIN_YEAR, MAX_YEAR)

    @classmethod
    def _read(cls, code, first, last):
        shown = str(code).strip()
        match = _CODE_RE.fullmatch(shown)
        if not match:
            raise _invalid_code(shown)
        year = int(match["year"])
        kind = PeriodKind(match["kind"].upper()) if match["kind"] else PeriodKind.YEAR
        index = int(match["index"]) if match["index"] else 0
        if reason := _reason_invalid(year, kind, index, first, last):
            raise _invalid_code(shown, reason)
        return cls(year, kind, index)

    @classmethod
    def month(cls, year, month):
        return cls(year, PeriodKind.MONTH, month)

    @classmethod
    def quarter(cls, year, quarter):
        return cls(year, PeriodKind.QUARTER, quarter)

    @classmethod
    def six_months(cls, year, half=1):
        return cls(year, PeriodKind.HALF, half)

    @classmethod
    def nine_months(cls, year):
        return cls(year, PeriodKind.NINE_MONTHS, 9)

    @classmethod
    def year_of(cls, year):
        return cls(year, PeriodKind.YEAR, 0)

    @classmethod
    def containing(cls, day, kind):
        """The period of this kind that contains the day.

        Raises PeriodError for N after September: that kind has no period there.
        """
        kind = PeriodKind(kind)
        if kind == PeriodKind.MONTH:
            return cls.month(day.year, day.month)
        if kind == PeriodKind.QUARTER:
            return cls.quarter(day.year, (day.month + 2) // 3)
        if kind == PeriodKind.HALF:
            return cls.six_months(day.year, 1 if day.month <= 6 else 2)
        period = cls(day.year, kind, _ONLY_INDEX[kind])
        if not period.contains(day):
            raise PeriodError(
                _("%(date)s is not within %(period)s.")
                % {"date": day.strftime("%d/%m/%Y"), "period": period.label}
            )
        return period

    # Names

    @property
    def code(self):
        if self.kind == PeriodKind.YEAR:
            return str(self.year)
        if self.kind == PeriodKind.MONTH:
            return f"{self.year}M{self.index:02d}"
        return f"{self.year}{self.kind.value}{self.index}"

    @property
    def label(self):
        values = {"year": self.year}
        if self.kind == PeriodKind.MONTH:
            return _("Month %(month)s %(year)s") % {**values, "month": f"{self.index:02d}"}
        if self.kind == PeriodKind.QUARTER:
            return _("Quarter %(roman)s %(year)s") % {**values, "roman": _ROMAN[self.index - 1]}
        if self.kind == PeriodKind.HALF and self.index == 2:
            return _("Last six months of %(year)s") % values
        if self.kind == PeriodKind.HALF:
            return _("First six months of %(year)s") % values
        if self.kind == PeriodKind.NINE_MONTHS:
            return _("Nine months of %(year)s") % values
        return _("Year %(year)s") % values

    @property
    def short_label(self):
        """For table headers and chart axes."""
        values = {"year": self.year}
        if self.kind == PeriodKind.MONTH:
            # Translators: short label of a month, e.g. "M03/2019".
            return _("M%(month)s/%(year)s") % {**values, "month": f"{self.index:02d}"}
        if self.kind == PeriodKind.QUARTER:
            # Translators: short label of a quarter, e.g. "Q1/2019".
            return _("Q%(quarter)s/%(year)s") % {**values, "quarter": self.index}
        if self.kind == PeriodKind.HALF and self.index == 2:
            # Translators: short label of the last six months, e.g. "H2/2019".
            return _("H2/%(year)s") % values
        if self.kind == PeriodKind.HALF:
            # Translators: short label of the first six months, e.g. "H1/2019".
            return _("H1/%(year)s") % values
        if self.kind == PeriodKind.NINE_MONTHS:
            # Translators: short label of January to September, e.g. "9M/2019".
            return _("9M/%(year)s") % values
        return str(self.year)

    def __str__(self):
        return self.code

    def __repr__(self):
        return f"Period.parse({self.code!r})"

    # Dates

    @property
    def _month_span(self):
        if self.kind == PeriodKind.MONTH:
            return self.index, self.index
        if self.kind == PeriodKind.QUARTER:
            return 3 * self.index - 2, 3 * self.index
        if self.kind == PeriodKind.HALF:
            return 6 * self.index - 5, 6 * self.index
        return _ONLY_SPAN[self.kind]

    @property
    def start(self):
        return date(self.year, self._month_span[0], 1)

    @property
    def end(self):
        """The last day, inclusive."""
        last_month = self._month_span[1]
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def date_range(self):
        return self.start, self.end

    def data_range(self, cutoff_day: int | None = None) -> tuple[date, date]:
        """The days whose records the period's figures count (chốt số liệu, Nghị định
        09/2019 Art. 12): with a cut-off day d, from the day after d of the month before the
        period to d of its last month (d=14: Q1 2019 is 15/12/2018–14/03/2019, the year
        15/12/2018–14/12/2019); without one (0 or None), the calendar period. `cutoff_day`
        defaults to the setting DATA_CUTOFF_DAY."""
        if cutoff_day is None:
            cutoff_day = cutoff_setting()
        if not cutoff_day:
            return self.date_range
        end = self.end.replace(day=cutoff_day)
        before = self.start - timedelta(days=1)  # the last day of the month before
        return before.replace(day=cutoff_day) + timedelta(days=1), end

    def contains(self, day):
        return self.start <= day <= self.end

    def quarters(self):
        """Quarters inside the period, in order; none for a month."""
        first, last = self._month_span
        return [Period.quarter(self.year, q) for q in range((first + 2) // 3, last // 3 + 1)]

    def months(self):
        first, last = self._month_span
        return [Period.month(self.year, m) for m in range(first, last + 1)]

    # Other periods

    def _shifted(self, steps):
        """The period `steps` periods of the same kind away (negative: earlier)."""
        per_year = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2}.get(self.kind)
        if per_year is None:
            return Period(self.year + steps, self.kind, self.index)
        year, offset = divmod(self.year * per_year + self.index - 1 + steps, per_year)
        return Period(year, self.kind, offset + 1)

    def previous(self):
        return self._shifted(-1)

    def next(self):
        return self._shifted(1)

    def same_period_last_year(self):
        """The period compared against in "so với cùng kỳ"."""
        return Period(self.year - 1, self.kind, self.index)

    def recent(self, n):
        """The n periods of this kind ending with this one, oldest first."""
        if n < 0:
            raise ValueError("n must not be negative")
        return [self._shifted(-steps) for steps in range(n - 1, -1, -1)]

    # Ordered by dates; no two periods share both start and end, so this agrees with ==.

    def __lt__(self, other):
        if not isinstance(other, Period):
            return NotImplemented
        return (self.start, self.end) < (other.start, other.end)


parse_period = Period.parse


def cutoff_setting() -> int:
    """The configured data cut-off day (settings.DATA_CUTOFF_DAY; 0: calendar periods)."""
    from django.conf import settings

    return getattr(settings, "DATA_CUTOFF_DAY", 0)


class PeriodNotFound(Http404):
    """A period code in a request that names no period: a 404 whose message (the parser's,
    written for the user) the error page shows."""


def period_or_404(code) -> Period:
    try:
        return Period.parse(code)
    except PeriodError as error:
        raise PeriodNotFound(str(error)) from None


def periods_containing(day) -> list[Period]:
    """Every period that contains the day: its month, quarter, six months (first or last),
    nine months (January to September, when the day is in them) and year."""
    found = [
        Period.month(day.year, day.month),
        Period.containing(day, PeriodKind.QUARTER),
        Period.containing(day, PeriodKind.HALF),
    ]
    if (nine := Period.nine_months(day.year)).contains(day):
        found.append(nine)
    return [*found, Period.year_of(day.year)]


def validate_period_code(value):
    """For model fields that store a code: it must be a valid code, written canonically."""
    try:
        period = Period.parse(value)
    except PeriodError as error:
        raise ValidationError(str(error), code="invalid_period") from error
    # Stored codes are compared and grouped as strings, so "2019q1" must not sit beside "2019Q1".
    if period.code != value:
        raise ValidationError(
            _("Write the period code “%(code)s” as %(canonical)s.")
            % {"code": value, "canonical": period.code},
            code="noncanonical_period",
        )


class PeriodFormField(forms.CharField):
    """A text box for a period code; cleans to a Period, or None when left empty."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return Period.parse(value)
        except PeriodError as error:
            raise ValidationError(str(error), code="invalid_period") from error

    def has_changed(self, initial, data):
        # The initial value may be a stored code string and the data a differently typed code.
        if self.disabled:
            return False
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True
