"""The petitions' part of the roll-up: their section and sentences."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.rollup import registry
from danvan.rollup.sentences import counts, listing, n, part, present, sentence, with_change
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


def _by_body(f: registry.Figures) -> str:
    """'Cấp ủy tiếp nhận 189 đơn …; UBND tiếp nhận 1.081 đơn/510 vụ việc, đã giải quyết
    462/510 vụ, đạt 90,6%' — only when more than one body received letters."""
    clauses = []
    for key, body in RECEIVING_BODIES.items():
        letters = present(f, body_code(key))
        if not letters:
            continue
        values = {"body": body, "letters": n(letters)}
        resolved = present(f, resolved_by_body_code(key)) if key in RESOLVED_BY_BODY else None
        if resolved:
            done, total, share = part(resolved)
            values.update(resolved=done, cases=total, share=share)
            clauses.append(
                _(
                    "%(body)s received %(letters)s letters/%(cases)s cases and resolved "
                    "%(resolved)s/%(cases)s cases, reaching %(share)s"
                )
                % values
            )
        else:
            clauses.append(_("%(body)s received %(letters)s letters") % values)
    return sentence(clauses) if len(clauses) > 1 else ""


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
        clauses.append(with_change(text, visits))
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
    kinds = listing(fig for code, fig in f.items() if code in KINDS)
    areas = listing(fig for code, fig in f.items() if code in AREAS)
    return [
        _visits(f),
        _letters(f),
        _by_body(f),
        sentence(pending),
        sentence(
            [
                _("letters by kind: %(list)s") % {"list": kinds} if kinds else "",
                _("by subject area: %(list)s") % {"list": areas} if areas else "",
            ]
        ),
    ]


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
