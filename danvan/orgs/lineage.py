"""Shares of the lineage: how much of an old unit's figures a new unit takes over.

Before the reform a new unit's figures fold in its predecessors' (danvan.metrics.Scope). An old
unit split between several new ones must not count in full in each: every link gets a weight,

- from the figure the resolution gives (population or area of the part taken over, of the
  whole old unit's): part / whole;
- else the weight the administrator set;
- else the default of its share: whole 1, most 0,7, part 0,3 (an estimate, said so in the note);

and the weights of one old unit's links, if they add up to more than 1, are scaled down to 1,
so no old unit is counted more than once in all its successors together.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.numbers import format_number, format_percent
from danvan.orgs.models import Unit, UnitLineage

Share = UnitLineage.Share
DEFAULT_WEIGHTS = {Share.WHOLE: Decimal(1), Share.MOST: Decimal("0.7"), Share.PART: Decimal("0.3")}
PLACES = Decimal("0.0001")


def raw_weight(link: UnitLineage) -> Decimal:
    """The link's own weight, before the old unit's links are scaled to add up to at most 1."""
    if link.basis and link.whole_figure:
        return Decimal(link.part_figure) / Decimal(link.whole_figure)
    if link.weight is not None:
        return Decimal(link.weight)
    return DEFAULT_WEIGHTS[link.share]


@dataclass(frozen=True)
class Taken:
    """One predecessor of a unit with the weight its figures count for."""

    link: UnitLineage
    weight: Decimal

    @property
    def unit(self) -> Unit:
        return self.link.predecessor

    @property
    def basis(self) -> str:
        """In words: 'toàn bộ', 'phần lớn, 70% (ước tính mặc định)'."""
        link = self.link
        share = link.get_share_display()
        if link.basis and link.whole_figure:
            figures = f"{format_number(link.part_figure)}/{format_number(link.whole_figure)}"
            how = f"{link.get_basis_display()} {figures}"
        elif link.weight is not None:
            how = _("weight set")
        elif link.share == Share.WHOLE:
            return share
        else:
            how = _("default estimate")
        return f"{share}, {format_percent(self.weight * 100)} ({how})"


def predecessors_taken(unit: Unit) -> list[Taken]:
    """The units `unit` took over, by name, with their weights: one query (every link of those
    old units, to scale each one's weights to at most 1 in all)."""
    links = list(
        UnitLineage.objects.filter(
            predecessor__in=Subquery(
                UnitLineage.objects.filter(successor=unit).values("predecessor")
            )
        ).select_related("predecessor")
    )
    totals: dict[int, Decimal] = {}
    for link in links:
        totals[link.predecessor_id] = totals.get(link.predecessor_id, 0) + raw_weight(link)
    taken = [
        Taken(link, (raw_weight(link) / max(totals[link.predecessor_id], 1)).quantize(PLACES))
        for link in links
        if link.successor_id == unit.pk
    ]
    return sorted(taken, key=lambda t: t.unit.name)


def crosses_reform(unit: Unit, *periods) -> bool:
    """Whether a figure of `unit` for one of the periods takes in predecessors' figures."""
    return bool(unit.valid_from) and any(p.start < unit.valid_from for p in periods)


def comparison_note(unit: Unit, *periods) -> str:
    """The note every comparison across the reform carries: which old units the figures before
    the new unit's start take in, for what share, and on what basis. Empty if none does."""
    if not crosses_reform(unit, *periods):
        return ""
    taken = predecessors_taken(unit)
    if not taken:
        return ""
    parts = "; ".join(f"{t.unit.title} ({t.basis})" for t in taken)
    bases = sorted({t.link.legal_basis for t in taken if t.link.legal_basis})
    note = _(
        "Figures before %(day)s are those of the units %(unit)s took over, for the share "
        "taken over: %(parts)s."
    ) % {"day": date_format(unit.valid_from, "d/m/Y"), "unit": unit.title, "parts": parts}
    if bases:
        note += " " + _("Basis: %(bases)s.") % {"bases": ", ".join(bases)}
    return note
