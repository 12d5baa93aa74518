"""Numbers the Vietnamese way (1.081 — 95,06% — 229.010.000 đ), for pages, PDFs and sentences."""

from decimal import ROUND_HALF_UP, Decimal


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
