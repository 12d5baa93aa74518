"""Sentences drafted from the figures, in the style of the district reports:
"Tiếp nhận 1.081 đơn/510 vụ việc, so với cùng kỳ tăng 15 đơn; đã giải quyết 462/510 vụ, đạt
90,6%". Each writer is keyed on the metric codes the apps register and leaves out a clause
whose metric is absent or zero (a report does not write "tiếp nhận 0 đơn"), so the roll-up
reads correctly for any unit and period. Every number comes from a `Figure`
(metrics.evaluate), formatted by danvan.numbers.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.numbers import format_number, format_percent

SHARE_DECIMALS = 1  # the reports write "đạt 90,6%"

# Short names for breakdowns, as the articles list them ("kinh tế 16; văn hóa – xã hội 21").
FIELD_NAMES = {
    "models_catalog.field_economy": gettext_lazy("economy"),
    "models_catalog.field_culture_society": gettext_lazy("culture – society"),
    "models_catalog.field_defence_security": gettext_lazy("defence – security"),
    "models_catalog.field_political_system": gettext_lazy("building the political system"),
    "dialogues.field_party_building": gettext_lazy("building the Party"),
    "dialogues.field_socio_economy": gettext_lazy("socio-economic development"),
    "dialogues.field_defence_security": gettext_lazy("defence – security"),
    "dialogues.field_land": gettext_lazy("land and site clearance"),
    "dialogues.field_other": gettext_lazy("other fields"),
}
RECEIVING_BODIES = {
    "party": gettext_lazy("the Party committee"),
    "people_committee": gettext_lazy("the People's Committee"),
    "fatherland_front": gettext_lazy("the Fatherland Front"),
}


def n(figure) -> str:
    return format_number(figure.total.amount)


def part(figure) -> tuple[str, str, str]:
    """(numerator, denominator, percent) of a ratio figure."""
    total = figure.total
    return (
        format_number(total.numerator),
        format_number(total.denominator),
        format_percent(total.percent, SHARE_DECIMALS),
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


def listing(figures, names=None) -> str:
    """'kinh tế 16; văn hóa – xã hội 21' of the non-zero figures."""
    names = names or {}
    return "; ".join(
        f"{names.get(f.metric.code, f.metric.label)} {n(f)}" for f in figures if f.has_data
    )


def sentence(clauses: list[str]) -> str:
    text = "; ".join(c for c in clauses if c)
    return (text[:1].upper() + text[1:] + ".") if text else ""


def _with_change(text: str, figure) -> str:
    change = compared(figure)
    return f"{text}, {change}" if change else text


def _counts(f: dict, pairs) -> list[str]:
    return [message % {"n": n(f[code])} for code, message in pairs if present(f, code)]


def reports(f: dict) -> list[str]:
    clauses = []
    if filed := present(f, "reports.filed"):
        done, expected, share = part(filed)
        clauses.append(
            _("%(filed)s/%(expected)s units filed their report, reaching %(share)s")
            % {"filed": done, "expected": expected, "share": share}
        )
    elif present(f, "reports.expected"):
        clauses.append(_("%(n)s reports were expected") % {"n": n(f["reports.expected"])})
    if approved := present(f, "reports.approved"):
        done, total, share = part(approved)
        clauses.append(
            _("%(approved)s/%(total)s reports were approved (%(share)s)")
            % {"approved": done, "total": total, "share": share}
        )
    clauses += _counts(
        f,
        [
            ("reports.late", _("%(n)s reports were filed late")),
            ("reports.returned", _("%(n)s reports were returned for completion")),
        ],
    )
    found = [sentence(clauses)]
    if achieved := present(f, "reports.indicators_achieved"):
        done, total, share = part(achieved)
        found.append(
            sentence(
                [
                    _("%(achieved)s/%(total)s indicators were achieved or exceeded (%(share)s)")
                    % {"achieved": done, "total": total, "share": share}
                ]
            )
        )
    indicators = []
    for code, figure in f.items():
        if not code.startswith("reports.ind.") or not figure.has_data:
            continue
        values = {"label": figure.metric.label, "unit": figure.metric.unit}
        if figure.total.is_ratio:
            actual, target, share = part(figure)
            values.update(actual=actual, target=target, share=share)
            indicators.append(
                _("%(label)s: %(actual)s/%(target)s %(unit)s, reaching %(share)s") % values
            )
        else:
            indicators.append(_("%(label)s: %(amount)s %(unit)s") % {**values, "amount": n(figure)})
    found.append(sentence(indicators))
    return found


def models_catalog(f: dict) -> list[str]:
    clauses = []
    if models := present(f, "models_catalog.models"):
        collective = present(f, "models_catalog.registrants_collective")
        individual = present(f, "models_catalog.registrants_individual")
        if collective and individual:
            text = _(
                "%(collective)s collectives and %(individual)s individuals registered "
                "%(models)s “Dân vận khéo” models"
            ) % {"collective": n(collective), "individual": n(individual), "models": n(models)}
        else:
            text = _("%(models)s “Dân vận khéo” models were registered") % {"models": n(models)}
        clauses.append(_with_change(text, models))
    clauses += _counts(
        f,
        [
            ("models_catalog.recognised", _("%(n)s models were recognised")),
            ("models_catalog.typical", _("%(n)s models are typical")),
            ("models_catalog.commended", _("%(n)s models were commended")),
        ],
    )
    # The four fields only: the collective/individual split of each is in the appendix.
    fields = [
        fig
        for code, fig in f.items()
        if code.startswith("models_catalog.field_")
        and not code.endswith(("_collective", "_individual"))
    ]
    by_field = listing(fields, FIELD_NAMES)
    return [
        sentence(clauses),
        sentence([_("by field: %(list)s") % {"list": by_field}]) if by_field else "",
    ]


def _letters(f: dict) -> str:
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
        clauses.append(_with_change(text, letters))
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


def _by_body(f: dict) -> str:
    """'Cấp ủy tiếp nhận 189 đơn …; UBND tiếp nhận 1.081 đơn/510 vụ việc, đã giải quyết
    462/510 vụ, đạt 90,6%' — only when more than one body received letters."""
    clauses = []
    for key, body in RECEIVING_BODIES.items():
        letters = present(f, f"petitions.letters_body_{key}")
        if not letters:
            continue
        values = {"body": body, "letters": n(letters)}
        if resolved := present(f, f"petitions.cases_resolved_body_{key}"):
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


def _visits(f: dict) -> str:
    clauses = []
    if visits := present(f, "petitions.visits"):
        if cases := present(f, "petitions.visit_cases"):
            text = _("received citizens %(visits)s times (%(cases)s cases)") % {
                "visits": n(visits),
                "cases": n(cases),
            }
        else:
            text = _("received citizens %(visits)s times") % {"visits": n(visits)}
        clauses.append(_with_change(text, visits))
        if resolved := present(f, "petitions.visit_cases_resolved"):
            done, total, share = part(resolved)
            clauses.append(
                _("resolved %(resolved)s/%(total)s of them, reaching %(share)s")
                % {"resolved": done, "total": total, "share": share}
            )
    return sentence(clauses)


def petitions(f: dict) -> list[str]:
    pending = _counts(
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
    kinds = listing(fig for code, fig in f.items() if code.startswith("petitions.letters_kind_"))
    areas = listing(fig for code, fig in f.items() if code.startswith("petitions.letters_area_"))
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


def dialogues(f: dict) -> list[str]:
    clauses = []
    if conferences := present(f, "dialogues.conferences"):
        text = _("held %(n)s dialogue conferences") % {"n": n(conferences)}
        if units := present(f, "dialogues.units_with_conference"):
            text += " " + _("in %(n)s units") % {"n": n(units)}
        if attendees := present(f, "dialogues.attendees"):
            text += ", " + _("%(n)s attendances") % {"n": n(attendees)}
        clauses.append(_with_change(text, conferences))
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
    clauses += _counts(
        f,
        [
            ("dialogues.answered_in_writing", _("%(n)s answered in writing")),
            ("dialogues.pending", _("%(n)s still being answered")),
            ("dialogues.overdue", _("%(n)s overdue")),
        ],
    )
    by_field = listing(
        (fig for code, fig in f.items() if code.startswith("dialogues.field_")), FIELD_NAMES
    )
    return [
        sentence(clauses),
        sentence([_("opinions by field: %(list)s") % {"list": by_field}]) if by_field else "",
    ]


WRITERS = {
    "reports": reports,
    "models_catalog": models_catalog,
    "petitions": petitions,
    "dialogues": dialogues,
}


def write(group) -> list[str]:
    writer = WRITERS.get(group.key)
    if writer is None:
        return []
    return [text for text in writer(group.by_code()) if text]
