"""The “Dân vận khéo” models' part of the roll-up: their section and sentences."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.rollup import registry
from danvan.rollup.sentences import counts, listing, n, present, sentence, with_change
from models_catalog.metrics import MODELS_REGISTERED


def write(f: registry.Figures) -> list[str]:
    clauses = []
    if models := present(f, MODELS_REGISTERED):
        collective = present(f, "models_catalog.registrants_collective")
        individual = present(f, "models_catalog.registrants_individual")
        if collective and individual:
            text = _(
                "%(collective)s collectives and %(individual)s individuals registered "
                "%(models)s “Dân vận khéo” models"
            ) % {"collective": n(collective), "individual": n(individual), "models": n(models)}
        else:
            text = _("%(models)s “Dân vận khéo” models were registered") % {"models": n(models)}
        clauses.append(with_change(text, models))
    clauses += counts(
        f,
        [
            ("models_catalog.recognised", _("%(n)s models were recognised")),
            ("models_catalog.typical", _("%(n)s models are typical")),
            ("models_catalog.commended", _("%(n)s models were commended")),
        ],
    )
    # The four fields only: the collective/individual split of each is in the appendix.
    by_field = listing(f.lines_of(MODELS_REGISTERED))
    return [
        sentence(clauses),
        sentence([_("by field: %(list)s") % {"list": by_field}]) if by_field else "",
    ]


registry.register(
    "models_catalog",
    title=gettext_lazy("“Dân vận khéo” models"),
    order=20,
    writer=write,
    uses=[
        MODELS_REGISTERED,
        "models_catalog.registrants_collective",
        "models_catalog.registrants_individual",
        "models_catalog.recognised",
        "models_catalog.typical",
        "models_catalog.commended",
    ],
)
