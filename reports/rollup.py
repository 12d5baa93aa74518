"""The reports' part of the roll-up: their section, sentences and the indicators' tables."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.rollup import registry
from danvan.rollup.sentences import counts, n, part, present, sentence
from reports.metrics import INDICATORS


def write(f: registry.Figures) -> list[str]:
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
    clauses += counts(
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
    for figure in f.lines_of(INDICATORS):
        if not figure.has_data:
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


registry.register_breakdown(
    INDICATORS, title=gettext_lazy("Indicators by unit"), place=f"{__name__}.INDICATORS"
)
registry.register(
    "reports",
    title=gettext_lazy("Reporting and indicators"),
    order=10,
    writer=write,
    uses=[
        "reports.filed",
        "reports.expected",
        "reports.approved",
        "reports.late",
        "reports.returned",
        "reports.indicators_achieved",
        INDICATORS,
    ],
)
