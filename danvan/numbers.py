"""Numbers the Vietnamese way (1.081 — 95,06% — 229.010.000 đ), written and read back.

Reading (`parse_number`, `NumberFormField`) is strict where a slip would change the figure: a
dot groups thousands and is followed by exactly three digits ("1.234.567"; "2.00.000" and
"20.000.00022.000.000" are refused, not read as 200.000 or 20 trillion), decimals follow a
comma ("95,5"), and a count is a whole number ("1,5" units is refused). Every refusal says
what is wrong, in the user's language.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def format_number(value, decimals: int = 0, *, strip_zeros: bool = True) -> str:
    """1081 -> '1.081'; 95.0556 with decimals=2 -> '95,06'; None -> '–'."""
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    if strip_zeros:
        fraction = fraction.rstrip("0")
    text = sign + ".".join(groups)
    return f"{text},{fraction}" if fraction else text


def percent(numerator, denominator) -> Decimal | None:
    """numerator / denominator as a percentage, or None when the denominator is 0 or missing."""
    if numerator is None or not denominator:
        return None
    return Decimal(str(numerator)) * 100 / Decimal(str(denominator))


# The one rounding rule of every percentage the portal shows: sentence, table, tile, chart,
# Excel and API ("7.775/8.233 hộ, đạt 94,44%"; the sources print two decimals, half up).
PERCENT_DECIMALS = 2


def round_percent(value) -> Decimal | None:
    """94.4433… -> Decimal('94.44'); None stays None. What Excel and the API store."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-PERCENT_DECIMALS)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_percent(value) -> str:
    """95.0564 -> '95,06%'; 156 -> '156%'; None -> '–'."""
    if value is None:
        return "–"
    return f"{format_number(round_percent(value), PERCENT_DECIMALS)}%"


def format_ratio(numerator, denominator) -> str:
    """'7.775/8.233 (95,06%)' as reports write it."""
    share = format_percent(percent(numerator, denominator))
    return f"{format_number(numerator)}/{format_number(denominator)} ({share})"


# Spaces people and spreadsheets put between thousands: space, no-break, thin, narrow no-break.
_GROUP_SPACES = re.compile(r"[ \u00a0\u2009\u202f]+")
_WELL_FORMED = re.compile(r"[+-]?(?:[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)(?:,[0-9]+)?", re.ASCII)
_NUMBER_LIKE = re.compile(r"[+-]?[0-9][0-9.]*(?:,[0-9]+)?", re.ASCII)
# Beyond this an echo of the input only adds noise.
_SHOWN_MAX = 30


class NumberError(ValueError):
    """A typed figure that is not a well-formed number; the message is for the user."""


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN_MAX else text[:_SHOWN_MAX] + "…"


def parse_number(text, *, whole: bool = False) -> Decimal:
    """'1.234.567' -> 1234567; '95,5' -> 95.5; '1 234' -> 1234. Raises NumberError when the
    grouping is malformed, the text is not a number, or `whole` and it has decimals."""
    raw = str(text).strip()
    compact = _GROUP_SPACES.sub(".", raw)
    values = {"value": _shown(raw)}
    if not _WELL_FORMED.fullmatch(compact):
        if _NUMBER_LIKE.fullmatch(compact):
            raise NumberError(
                _(
                    "“%(value)s” is not written right: a dot separates thousands and is "
                    "followed by exactly three digits (1.234.567); decimals follow a comma "
                    "(95,5)."
                )
                % values
            )
        raise NumberError(
            _("“%(value)s” is not a number. Write it like 1.234.567 or 95,5.") % values
        )
    number = Decimal(compact.replace(".", "").replace(",", "."))  # the pattern let digits only
    if whole:
        check_whole(number, raw)
        number = number.to_integral_value()
    return number


def check_whole(number, shown) -> None:
    """Counts (people, households, units of blood) have no decimals."""
    if Decimal(str(number)) != Decimal(str(number)).to_integral_value():
        raise NumberError(
            _("“%(value)s” is not a whole number: a count has no decimals.")
            % {"value": _shown(str(shown))}
        )


class NumberFormField(forms.DecimalField):
    """A figure typed the Vietnamese way ("229.010.000", "95,5"), shown the same way; with
    `whole=True` a count. A refused figure stays in the box as it was typed."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control num"})

    def __init__(self, *args, whole: bool = False, **kwargs):
        self.whole = whole
        kwargs.setdefault("decimal_places", 0 if whole else None)
        super().__init__(*args, **kwargs)
        if whole:
            self.widget.attrs["inputmode"] = "numeric"

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            number = Decimal(str(value))
            if self.whole:
                check_whole(number, format_number(number, 2))
                number = number.to_integral_value()
            return number
        try:
            return parse_number(value, whole=self.whole)
        except NumberError as error:
            raise ValidationError(str(error), code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_number(value, 0 if self.whole else 2)
        return value


class CountFormField(NumberFormField):
    """A whole number such as a number of people; cleans to an int."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, whole=True, **kwargs)

    def clean(self, value):
        number = super().clean(value)
        return None if number is None else int(number)
