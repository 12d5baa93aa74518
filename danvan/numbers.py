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


def format_percent(value, decimals: int = 2) -> str:
    """95.0564 -> '95,06%'; 156 -> '156%'; None -> '–'."""
    if value is None:
        return "–"
    return f"{format_number(value, decimals)}%"


def format_ratio(numerator, denominator, decimals: int = 2) -> str:
    """'7.775/8.233 (95,06%)' as reports write it."""
    share = format_percent(percent(numerator, denominator), decimals)
    return f"{format_number(numerator)}/{format_number(denominator)} ({share})"
