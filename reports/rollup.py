"""The reports' part of the roll-up: the indicators' section, sentences and tables."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.rollup import registry
from danvan.rollup.sentences import n, part, present, sentence
from reports.metrics import INDICATORS


def write(f: registry.Figures) -> list[str]:
    # The portal's own filing status ("1/1 đơn vị đã nộp báo cáo") is not a result of dân
    # vận work: the report writes what the indicators reached; the board shows the filing.
    found = []
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
    title=gettext_lazy("Results against the indicators"),
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
