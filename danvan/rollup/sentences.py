"""Sentences drafted from the figures, in the style of the district reports:
"tiếp nhận 1.081 đơn/510 vụ việc, đã giải quyết 462/510 vụ, đạt 90,6%; so với cùng kỳ tăng
15 đơn". Each writer is keyed on the metric codes the apps register and leaves out a clause
whose metrics are absent, so the roll-up reads correctly before and after the apps merge.
Every number comes from a `Figure` (metrics.evaluate), formatted by danvan.numbers.
"""

from django.utils.translation import gettext as _

from danvan.numbers import format_number, format_percent

SHARE_DECIMALS = 1  # the reports write "đạt 90,6%"


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


def compared(figure) -> str:
    """'so với cùng kỳ tăng 15 đơn' for a sum figure; '' when unknown."""
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
    return ", ".join(f"{f.metric.label} {n(f)}" for f in figures)


def sentence(clauses: list[str]) -> str:
    text = "; ".join(c for c in clauses if c)
    return (text[:1].upper() + text[1:] + ".") if text else ""


def _with_change(text: str, figure) -> str:
    change = compared(figure)
    return f"{text}, {change}" if change else text


def reports(f: dict) -> list[str]:
    clauses = []
    if "reports.filed" in f:
        filed, expected, share = part(f["reports.filed"])
        clauses.append(
            _("%(filed)s/%(expected)s units filed their report, reaching %(share)s")
            % {"filed": filed, "expected": expected, "share": share}
        )
    elif "reports.expected" in f:
        clauses.append(_("%(n)s reports were expected") % {"n": n(f["reports.expected"])})
    if "reports.approved" in f:
        approved, total, share = part(f["reports.approved"])
        clauses.append(
            _("%(approved)s/%(total)s reports were approved (%(share)s)")
            % {"approved": approved, "total": total, "share": share}
        )
    if "reports.late" in f:
        clauses.append(_("%(n)s reports were filed late") % {"n": n(f["reports.late"])})
    if "reports.returned" in f:
        clauses.append(
            _("%(n)s reports were returned for completion") % {"n": n(f["reports.returned"])}
        )
    found = [sentence(clauses)]
    if "reports.indicators_achieved" in f:
        achieved, total, share = part(f["reports.indicators_achieved"])
        found.append(
            sentence(
                [
                    _("%(achieved)s/%(total)s indicators were achieved or exceeded (%(share)s)")
                    % {"achieved": achieved, "total": total, "share": share}
                ]
            )
        )
    indicators = []
    for code, figure in f.items():
        if not code.startswith("reports.ind."):
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
    if "models_catalog.models" in f:
        models = f["models_catalog.models"]
        if {
            "models_catalog.registrants_collective",
            "models_catalog.registrants_individual",
        } <= set(f):
            text = _(
                "%(collective)s collectives and %(individual)s individuals registered "
                "%(models)s “Dân vận khéo” models"
            ) % {
                "collective": n(f["models_catalog.registrants_collective"]),
                "individual": n(f["models_catalog.registrants_individual"]),
                "models": n(models),
            }
        else:
            text = _("%(models)s “Dân vận khéo” models were registered") % {"models": n(models)}
        clauses.append(_with_change(text, models))
    fields = [fig for code, fig in f.items() if code.startswith("models_catalog.field_")]
    if fields:
        clauses.append(_("by field: %(list)s") % {"list": listing(fields)})
    for code, message in (
        ("models_catalog.recognised", _("%(n)s models were recognised")),
        ("models_catalog.typical", _("%(n)s models are typical")),
        ("models_catalog.commended", _("%(n)s models were commended")),
    ):
        if code in f:
            clauses.append(message % {"n": n(f[code])})
    return [sentence(clauses)]


def petitions(f: dict) -> list[str]:
    found = []
    clauses = []
    if "petitions.letters" in f:
        letters = f["petitions.letters"]
        if "petitions.cases" in f:
            text = _("received %(letters)s letters/%(cases)s cases") % {
                "letters": n(letters),
                "cases": n(f["petitions.cases"]),
            }
        else:
            text = _("received %(letters)s letters") % {"letters": n(letters)}
        if "petitions.letters_carried_over" in f:
            text += " " + _("(%(n)s carried over from the previous period)") % {
                "n": n(f["petitions.letters_carried_over"])
            }
        clauses.append(text)
    if "petitions.cases_resolved" in f:
        resolved, total, share = part(f["petitions.cases_resolved"])
        clauses.append(
            _("resolved %(resolved)s/%(total)s cases, reaching %(share)s")
            % {"resolved": resolved, "total": total, "share": share}
        )
    if "petitions.letters_resolved" in f:
        resolved, total, share = part(f["petitions.letters_resolved"])
        clauses.append(
            _("resolved %(resolved)s/%(total)s letters (%(share)s)")
            % {"resolved": resolved, "total": total, "share": share}
        )
    if "petitions.letters" in f:
        clauses.append(compared(f["petitions.letters"]))
    found.append(sentence(clauses))
    clauses = []
    for code, message in (
        ("petitions.cases_in_progress", _("%(n)s cases are being resolved")),
        ("petitions.cases_overdue", _("%(n)s cases are overdue")),
    ):
        if code in f:
            clauses.append(message % {"n": n(f[code])})
    found.append(sentence(clauses))
    clauses = []
    if "petitions.visits" in f:
        visits = f["petitions.visits"]
        if "petitions.visit_cases" in f:
            text = _("received citizens %(visits)s times (%(cases)s cases)") % {
                "visits": n(visits),
                "cases": n(f["petitions.visit_cases"]),
            }
        else:
            text = _("received citizens %(visits)s times") % {"visits": n(visits)}
        clauses.append(_with_change(text, visits))
    if "petitions.visit_cases_resolved" in f:
        resolved, total, share = part(f["petitions.visit_cases_resolved"])
        clauses.append(
            _("resolved %(resolved)s/%(total)s of them, reaching %(share)s")
            % {"resolved": resolved, "total": total, "share": share}
        )
    if "petitions.long_standing_settled" in f:
        settled, total, share = part(f["petitions.long_standing_settled"])
        clauses.append(
            _("settled %(settled)s/%(total)s long-standing cases (%(share)s)")
            % {"settled": settled, "total": total, "share": share}
        )
    found.append(sentence(clauses))
    kinds = [fig for code, fig in f.items() if code.startswith("petitions.letters_kind_")]
    bodies = [fig for code, fig in f.items() if code.startswith("petitions.letters_body_")]
    found.append(
        sentence(
            [
                _("letters by kind: %(list)s") % {"list": listing(kinds)} if kinds else "",
                _("by receiving body: %(list)s") % {"list": listing(bodies)} if bodies else "",
            ]
        )
    )
    return found


def dialogues(f: dict) -> list[str]:
    clauses = []
    if "dialogues.conferences" in f:
        conferences = f["dialogues.conferences"]
        text = _("held %(n)s dialogue conferences") % {"n": n(conferences)}
        if "dialogues.units_with_conference" in f:
            text += " " + _("in %(n)s units") % {"n": n(f["dialogues.units_with_conference"])}
        if "dialogues.attendees" in f:
            text += ", " + _("%(n)s attendances") % {"n": n(f["dialogues.attendees"])}
        clauses.append(_with_change(text, conferences))
    if "dialogues.opinions" in f:
        text = _("%(n)s opinions") % {"n": n(f["dialogues.opinions"])}
        if {"dialogues.opinions_direct", "dialogues.opinions_written"} <= set(f):
            text += " " + _("(%(direct)s raised directly, %(written)s in writing)") % {
                "direct": n(f["dialogues.opinions_direct"]),
                "written": n(f["dialogues.opinions_written"]),
            }
        clauses.append(text)
    if "dialogues.answered_at_conference" in f:
        answered, total, share = part(f["dialogues.answered_at_conference"])
        clauses.append(
            _("%(answered)s/%(total)s opinions answered at the conference (%(share)s)")
            % {"answered": answered, "total": total, "share": share}
        )
    for code, message in (
        ("dialogues.answered_in_writing", _("%(n)s answered in writing")),
        ("dialogues.pending", _("%(n)s still being answered")),
        ("dialogues.overdue", _("%(n)s overdue")),
    ):
        if code in f:
            clauses.append(message % {"n": n(f[code])})
    fields = [fig for code, fig in f.items() if code.startswith("dialogues.field_")]
    if fields:
        clauses.append(_("by field: %(list)s") % {"list": listing(fields)})
    return [sentence(clauses)]


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
