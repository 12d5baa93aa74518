"""The petitions' part of the roll-up: their section and sentences."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.numbers import format_number, format_percent
from danvan.rollup import registry
from danvan.rollup.sentences import (
    counts,
    levels,
    lower_level,
    n,
    own_level,
    part,
    present,
    sentence,
    with_change,
)
from petitions.metrics import (
    BY_AREA,
    BY_KIND,
    RESOLVED_BY_BODY,
    area_code,
    body_code,
    kind_code,
    resolved_by_body_code,
)
from petitions.models import Body

RECEIVING_BODIES = {
    Body.PARTY: gettext_lazy("the Party committee"),
    Body.PEOPLE_COMMITTEE: gettext_lazy("the People's Committee"),
    Body.FATHERLAND_FRONT: gettext_lazy("the Fatherland Front"),
}
KINDS = [kind_code(kind) for kind in BY_KIND]
AREAS = [area_code(area) for area in BY_AREA]


def _letters(f: registry.Figures) -> str:
    """'Tiếp nhận 29 đơn/29 vụ việc, so với cùng kỳ tăng 15 đơn; đã giải quyết 23/29 vụ …'"""
    clauses = []
    if letters := present(f, "petitions.letters"):
        if cases := present(f, "petitions.cases"):
            text = _("received %(letters)s letters/%(cases)s cases") % {
                "letters": n(letters),
                "cases": n(cases),
            }
        else:
            text = _("received %(letters)s letters") % {"letters": n(letters)}
        if carried := present(f, "petitions.letters_carried_over"):
            text += " " + _("(%(n)s carried over from the previous period)") % {"n": n(carried)}
        clauses.append(with_change(text, letters))
    if resolved := present(f, "petitions.cases_resolved"):
        done, total, share = part(resolved)
        clauses.append(
            _("resolved %(resolved)s/%(total)s cases, reaching %(share)s")
            % {"resolved": done, "total": total, "share": share}
        )
    elif resolved := present(f, "petitions.letters_resolved"):
        done, total, share = part(resolved)
        clauses.append(
            _("resolved %(resolved)s/%(total)s letters (%(share)s)")
            % {"resolved": done, "total": total, "share": share}
        )
    return sentence(clauses)


# The Party committee of the unit's own level, as the reports name it ("Quận ủy tiếp nhận …").
PARTY_OF_KIND = {
    "urban_district": gettext_lazy("Urban district Party committee"),
    "rural_district": gettext_lazy("Rural district Party committee"),
    "town": gettext_lazy("Town Party committee"),
    "city": gettext_lazy("City Party committee"),
    "province": gettext_lazy("Province Party committee"),
}


def _body_name(body: str, kind_level: str, *, own: bool, kind: str = "") -> str:
    """'Quận ủy', 'UBND quận', 'Đảng ủy các phường', 'UBND các phường'."""
    if own and body == Body.PARTY and kind in PARTY_OF_KIND:
        return str(PARTY_OF_KIND[kind])
    level = kind_level if own else _("all %(level)s units") % {"level": kind_level}
    names = {
        Body.PARTY: _("Party committee of %(level)s"),
        Body.PEOPLE_COMMITTEE: _("People's Committee of %(level)s"),
        Body.FATHERLAND_FRONT: _("Fatherland Front of %(level)s"),
    }
    return names[body] % {"level": level}


def _body_line(name: str, letters, resolved) -> str:
    """'Quận ủy tiếp nhận 189 đơn thư, đã giải quyết 127 đơn'; 'UBND quận tiếp nhận 1.081
    đơn/510 vụ, đã giải quyết 462/510 vụ, đạt 90,59%'."""
    values = {"body": name, "letters": format_number(letters.amount)}
    if resolved is None or not resolved.denominator:
        return sentence([_("%(body)s received %(letters)s letters") % values])
    values.update(
        resolved=format_number(resolved.numerator),
        cases=format_number(resolved.denominator),
        share=format_percent(resolved.percent),
    )
    if resolved.denominator == letters.amount:  # one letter a case: the sources count letters
        text = _("%(body)s received %(letters)s letters and resolved %(resolved)s of them")
    else:
        text = _(
            "%(body)s received %(letters)s letters/%(cases)s cases and resolved "
            "%(resolved)s/%(cases)s cases, reaching %(share)s"
        )
    return sentence([text % values])


def _by_body(f: registry.Figures) -> list[str]:
    """One line per receiving body and level, child units first, then the unit's own: the
    sources never add the Party committee's letters to the People's Committee's."""
    lines = {False: [], True: []}
    for key in RECEIVING_BODIES:
        letters = present(f, body_code(key))
        if not letters:
            continue
        resolved = present(f, resolved_by_body_code(key)) if key in RESOLVED_BY_BODY else None
        letters_at = dict(zip((False, True), levels(letters), strict=True))
        resolved_at = dict(zip((False, True), levels(resolved), strict=True)) if resolved else {}
        for own in (False, True):
            value = letters_at[own]
            if value is None or not value.amount:
                continue
            level = own_level(letters) if own else lower_level(letters)
            kind = letters.result.scope.unit.kind
            name = _body_name(key, level, own=own, kind=kind)
            lines[own].append(_body_line(name, value, resolved_at.get(own)))
    return lines[False] + lines[True]


def _kinds(f: registry.Figures) -> str:
    """'Trong đó có 10 đơn khiếu nại; 5 đơn tố cáo; …' (labels contain commas)."""
    found = [
        f"{format_number(fig.total.amount)} {_lower(str(fig.metric.label))}"
        for code, fig in f.items()
        if code in KINDS and fig.has_data
    ]
    return sentence([_("of which %(list)s") % {"list": "; ".join(found)}]) if found else ""


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _with_cases_change(text: str, visits, cases) -> str:
    """'…, so với cùng kỳ giảm 20 lượt (15 vụ việc)': the cases' change beside the visits'
    when both went the same way, as the sources write it."""
    text = with_change(text, visits)
    change, cases_change = visits.change, cases.change if cases else None
    if change and cases_change and (change > 0) == (cases_change > 0):
        text += " " + _("(%(n)s cases)") % {"n": format_number(abs(cases_change))}
    return text


def _visits(f: registry.Figures) -> str:
    clauses = []
    if visits := present(f, "petitions.visits"):
        if cases := present(f, "petitions.visit_cases"):
            text = _("received citizens %(visits)s times (%(cases)s cases)") % {
                "visits": n(visits),
                "cases": n(cases),
            }
        else:
            text = _("received citizens %(visits)s times") % {"visits": n(visits)}
        clauses.append(_with_cases_change(text, visits, present(f, "petitions.visit_cases")))
        if resolved := present(f, "petitions.visit_cases_resolved"):
            done, total, share = part(resolved)
            clauses.append(
                _("resolved %(resolved)s/%(total)s of them, reaching %(share)s")
                % {"resolved": done, "total": total, "share": share}
            )
    return sentence(clauses)


def write(f: registry.Figures) -> list[str]:
    pending = counts(
        f,
        [
            ("petitions.cases_in_progress", _("%(n)s cases are being resolved")),
            ("petitions.cases_overdue", _("%(n)s cases are overdue")),
        ],
    )
    if settled := present(f, "petitions.long_standing_settled"):
        done, total, share = part(settled)
        pending.append(
            _("settled %(settled)s/%(total)s long-standing cases (%(share)s)")
            % {"settled": done, "total": total, "share": share}
        )
    by_body = _by_body(f)
    letters = by_body if len(by_body) > 1 else [_letters(f)]
    return [_visits(f), *letters, _kinds(f), sentence(pending)]


registry.register(
    "petitions",
    title=gettext_lazy("Citizen reception, complaints and letters"),
    order=30,
    writer=write,
    uses=[
        "petitions.letters",
        "petitions.cases",
        "petitions.letters_carried_over",
        "petitions.cases_resolved",
        "petitions.letters_resolved",
        "petitions.visits",
        "petitions.visit_cases",
        "petitions.visit_cases_resolved",
        "petitions.cases_in_progress",
        "petitions.cases_overdue",
        "petitions.long_standing_settled",
        *(body_code(body) for body in RECEIVING_BODIES),
        *(resolved_by_body_code(body) for body in RESOLVED_BY_BODY),
        *KINDS,
        *AREAS,
    ],
)
