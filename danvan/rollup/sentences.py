"""Helpers for the sentences drafted from the figures, in the style of the district reports:
"Tiếp nhận 1.081 đơn/510 vụ việc, so với cùng kỳ tăng 15 đơn; đã giải quyết 462/510 vụ, đạt
90,6%". Each app writes its own sentences with these (its `rollup.py`, registered in
danvan.rollup.registry) and leaves out a clause whose metric is absent or zero (a report does
not write "tiếp nhận 0 đơn"), so the roll-up reads correctly for any unit and period. Every
number comes from a `Figure` (metrics.evaluate), formatted by danvan.numbers.
"""

from django.utils.translation import gettext as _

from danvan.numbers import format_number, format_percent
from danvan.orgs.models import Unit


def n(figure) -> str:
    return format_number(figure.total.amount)


def part(figure) -> tuple[str, str, str]:
    """(numerator, denominator, percent) of a ratio figure."""
    total = figure.total
    return (
        format_number(total.numerator),
        format_number(total.denominator),
        format_percent(total.percent),
    )


def present(f: dict, code: str):
    """The figure `code` when it is registered and not zero, else None."""
    figure = f.get(code)
    return figure if figure is not None and figure.has_data else None


def compared(figure) -> str:
    """'so với cùng kỳ tăng 15 đơn' for a sum figure; '' when unknown or not comparable."""
    change = figure.change
    if change is None or figure.total.is_ratio:
        return ""
    values = {"n": format_number(abs(change)), "unit": figure.metric.unit}
    if change > 0:
        return _("up %(n)s %(unit)s on the same period last year") % values
    if change < 0:
        return _("down %(n)s %(unit)s on the same period last year") % values
    return _("the same as the same period last year")


def listing(figures) -> str:
    """'kinh tế 16; văn hóa – xã hội 21' of the non-zero figures, by their short labels."""
    return "; ".join(
        f"{f.metric.short_label or f.metric.label} {n(f)}" for f in figures if f.has_data
    )


def sentence(clauses: list[str]) -> str:
    text = "; ".join(c for c in clauses if c)
    return (text[:1].upper() + text[1:] + ".") if text else ""


def with_change(text: str, figure) -> str:
    change = compared(figure)
    return f"{text}, {change}" if change else text


def counts(f: dict, pairs) -> list[str]:
    return [message % {"n": n(f[code])} for code, message in pairs if present(f, code)]


def levels(figure) -> tuple:
    """(the child units' lines added up, the unit's own line or None): the sources write each
    level apart ("14 hội nghị cấp phường … Cấp quận đã tổ chức 01 hội nghị")."""
    own_path = figure.result.scope.unit.path
    below, own = figure.metric.empty, None
    for line in figure.result.lines:
        if line.unit.path == own_path:
            own = line.value
        else:
            below = below + line.value
    return below, own


# Order of the lower levels when a district has both ("cấp xã, phường").
LOWER_LEVELS = ("commune", "ward", "township", "residential_group", "agency")


def level_name(kind: str) -> str:
    """'phường' for a ward: the unit kind's label, as a sentence writes it inside a line."""
    label = str(Unit.Kind(kind).label)
    return label[:1].lower() + label[1:]


def lower_level(figure) -> str:
    """'phường', or 'xã, phường' when the child units are of several kinds."""
    own_path = figure.result.scope.unit.path
    kinds = {line.unit.kind for line in figure.result.lines if line.unit.path != own_path}
    ordered = sorted(kinds, key=lambda k: LOWER_LEVELS.index(k) if k in LOWER_LEVELS else 99)
    return ", ".join(level_name(kind) for kind in ordered)


def own_level(figure) -> str:
    return level_name(figure.result.scope.unit.kind)


def padded(value) -> str:
    """'01' for a count under 10, as the sources write a number of conferences or cases."""
    amount = value.amount if hasattr(value, "amount") else value
    return (
        f"{int(amount):02d}" if amount is not None and 0 <= amount < 10 else format_number(amount)
    )
