"""The dialogue conferences' part of the roll-up: their section and sentences."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.rollup import registry
from danvan.rollup.sentences import counts, listing, n, part, present, sentence, with_change


def write(f: registry.Figures) -> list[str]:
    clauses = []
    if conferences := present(f, "dialogues.conferences"):
        text = _("held %(n)s dialogue conferences") % {"n": n(conferences)}
        if units := present(f, "dialogues.units_with_conference"):
            text += " " + _("in %(n)s units") % {"n": n(units)}
        if attendees := present(f, "dialogues.attendees"):
            text += ", " + _("%(n)s attendances") % {"n": n(attendees)}
        clauses.append(with_change(text, conferences))
    if opinions := present(f, "dialogues.opinions"):
        text = _("%(n)s opinions") % {"n": n(opinions)}
        if {"dialogues.opinions_direct", "dialogues.opinions_written"} <= set(f):
            text += " " + _("(%(direct)s raised directly, %(written)s in writing)") % {
                "direct": n(f["dialogues.opinions_direct"]),
                "written": n(f["dialogues.opinions_written"]),
            }
        clauses.append(text)
    if answered := present(f, "dialogues.answered_at_conference"):
        done, total, share = part(answered)
        clauses.append(
            _("%(answered)s/%(total)s opinions answered at the conference (%(share)s)")
            % {"answered": done, "total": total, "share": share}
        )
    clauses += counts(
        f,
        [
            ("dialogues.answered_in_writing", _("%(n)s answered in writing")),
            ("dialogues.pending", _("%(n)s still being answered")),
            ("dialogues.overdue", _("%(n)s overdue")),
        ],
    )
    by_field = listing(f.lines_of("dialogues.opinions"))
    return [
        sentence(clauses),
        sentence([_("opinions by field: %(list)s") % {"list": by_field}]) if by_field else "",
    ]


registry.register(
    "dialogues",
    title=gettext_lazy("Dialogue conferences"),
    order=40,
    writer=write,
    uses=[
        "dialogues.conferences",
        "dialogues.units_with_conference",
        "dialogues.attendees",
        "dialogues.opinions",
        "dialogues.opinions_direct",
        "dialogues.opinions_written",
        "dialogues.answered_at_conference",
        "dialogues.answered_in_writing",
        "dialogues.pending",
        "dialogues.overdue",
    ],
)
