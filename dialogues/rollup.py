"""The dialogue conferences' part of the roll-up: their section and sentences.

Level by level, as the district reports write them: "Tổ chức 14 hội nghị cấp phường với
594 ý kiến (174 trực tiếp, 420 bằng văn bản), giải quyết tại hội nghị 491, trả lời bằng văn
bản 103. Cấp quận đã tổ chức 01 hội nghị đối thoại với 23 ý kiến." A unit without child
lines (a ward) gets one sentence for itself.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.numbers import format_number
from danvan.rollup import registry
from danvan.rollup.sentences import (
    levels,
    listing,
    lower_level,
    own_level,
    padded,
    present,
    sentence,
    with_change,
)

CONFERENCES = "dialogues.conferences"
DETAIL = [
    "dialogues.opinions",
    "dialogues.opinions_direct",
    "dialogues.opinions_written",
    "dialogues.answered_at_conference",
    "dialogues.answered_in_writing",
    "dialogues.pending",
    "dialogues.overdue",
    "dialogues.attendees",
]


def _amount(value) -> int:
    if value is None:
        return 0
    return (value.numerator or 0) if value.is_ratio else (value.amount or 0)


def _details(values: dict) -> str:
    """' với 594 ý kiến (174 trực tiếp, 420 bằng văn bản), giải quyết tại hội nghị 491, …'"""
    get = {code: _amount(values.get(code)) for code in DETAIL}
    text = ""
    if get["dialogues.opinions"]:
        text += " " + _("with %(n)s opinions") % {"n": format_number(get["dialogues.opinions"])}
        if get["dialogues.opinions_direct"] and get["dialogues.opinions_written"]:
            text += " " + _("(%(direct)s directly, %(written)s in writing)") % {
                "direct": format_number(get["dialogues.opinions_direct"]),
                "written": format_number(get["dialogues.opinions_written"]),
            }
    for code, message in [
        ("dialogues.answered_at_conference", _("%(n)s answered at the conference")),
        ("dialogues.answered_in_writing", _("%(n)s answered in writing")),
        ("dialogues.pending", _("%(n)s still being answered")),
        ("dialogues.overdue", _("%(n)s overdue")),
    ]:
        if get[code]:
            text += ", " + message % {"n": format_number(get[code])}
    if get["dialogues.attendees"]:
        text += "; " + _("%(n)s attendances") % {"n": format_number(get["dialogues.attendees"])}
    return text


def _split(f: registry.Figures) -> tuple[dict, dict]:
    below, own = {}, {}
    for code in [CONFERENCES, *DETAIL]:
        if code in f:
            below[code], own[code] = levels(f[code])
    return below, own


def write(f: registry.Figures) -> list[str]:
    conferences = present(f, CONFERENCES)
    if not conferences:
        return []
    below, own = _split(f)
    found = []
    if _amount(below[CONFERENCES]):
        found.append(
            sentence(
                [
                    _("held %(n)s conferences at %(level)s level")
                    % {
                        "n": format_number(_amount(below[CONFERENCES])),
                        "level": lower_level(conferences),
                    }
                    + _details(below)
                ]
            )
        )
        if _amount(own.get(CONFERENCES)):
            values = {"level": own_level(conferences), "n": padded(own[CONFERENCES])}
            text = _("at %(level)s level, %(n)s dialogue conferences were held") % values
            found.append(sentence([text + _details(own)]))
    else:  # the unit's own conferences only (a ward, or a district without ward data)
        text = _("held %(n)s dialogue conferences") % {"n": padded(conferences.total)}
        found.append(sentence([with_change(text + _details(own), conferences)]))
    by_field = listing(f.lines_of("dialogues.opinions"))
    if by_field:
        found.append(sentence([_("opinions by field: %(list)s") % {"list": by_field}]))
    return found


registry.register(
    "dialogues",
    title=gettext_lazy("Dialogue conferences"),
    order=40,
    writer=write,
    uses=[CONFERENCES, "dialogues.units_with_conference", *DETAIL],
)
