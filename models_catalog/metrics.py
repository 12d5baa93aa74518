"""The catalogue's figures (DESIGN.md firm point 3).

Period rule: a model counts in a period when its registration year or phase overlaps the
period's year(s) — a model of "giai đoạn 2019–2020" counts in 2019, in 2020 and in every
quarter of those years. Its state is the one it has now (recognised, typical and commended
count models that reached that stage, whatever came after).

Registrants are counted distinctly per unit; a registrant belongs to exactly one unit (the
unit of its models), so the distinct counts of child units add up to the parent's.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from danvan import metrics
from models_catalog.models import (
    RECOGNISED_STATES,
    TYPICAL_STATES,
    Field,
    PracticeModel,
    Registrant,
    Status,
)

GROUP = _("Skilful mass mobilisation")
MODELS = _("models")
COLLECTIVES = _("collectives")
INDIVIDUALS = _("individuals")


def _in_period(scope):
    start, end = scope.date_range
    return PracticeModel.objects.filter(scope.unit_q()).in_years(start.year, end.year)


# The models of the period: their metrics are counted together (metrics.Batch).
models_in_period = metrics.Batch(_in_period)


def _count(code, label, order, condition=None, unit=MODELS, **shown):
    return models_in_period.register(
        code,
        label=label,
        unit=unit,
        where=condition,
        amount=Count("id"),
        group=GROUP,
        order=order,
        **shown,
    )


def _registrants(code, label, order, kind, unit):
    models_in_period.register(
        code,
        label=label,
        unit=unit,
        where=Q(registrant__kind=kind),
        amount=Count("registrant", distinct=True),
        group=GROUP,
        order=order,
    )


MODELS_REGISTERED = "models_catalog.models"
_count(MODELS_REGISTERED, _("Models registered"), 1, tile=90, headline=True)
_registrants(
    "models_catalog.registrants_collective",
    _("Collectives registering"),
    2,
    Registrant.Kind.COLLECTIVE,
    COLLECTIVES,
)
_registrants(
    "models_catalog.registrants_individual",
    _("Individuals registering"),
    3,
    Registrant.Kind.INDIVIDUAL,
    INDIVIDUALS,
)
_count(
    "models_catalog.recognised",
    _("Models recognised"),
    4,
    Q(status__in=RECOGNISED_STATES),
    tile=100,
)
_count("models_catalog.typical", _("Typical models"), 5, Q(status__in=TYPICAL_STATES))
_count("models_catalog.commended", _("Models commended"), 6, Q(status=Status.COMMENDED))


FIELD_LABELS = {
    Field.ECONOMY: _("Models in economy"),
    Field.CULTURE_SOCIETY: _("Models in culture and society"),
    Field.DEFENCE_SECURITY: _("Models in defence and security"),
    Field.POLITICAL_SYSTEM: _("Models in building the political system"),
}


# The short names the roll-up's sentences list the fields by ("kinh tế 16; văn hóa – xã hội 21").
FIELD_SHORT_LABELS = {
    Field.ECONOMY: _("economy"),
    Field.CULTURE_SOCIETY: _("culture – society"),
    Field.DEFENCE_SECURITY: _("defence – security"),
    Field.POLITICAL_SYSTEM: _("building the political system"),
}


def field_code(field: Field) -> str:
    return f"models_catalog.field_{field.value}"


def _register_field(field: Field, order: int):
    return _count(
        field_code(field),
        FIELD_LABELS[field],
        order,
        Q(field=field),
        breakdown_of=MODELS_REGISTERED,
        short_label=FIELD_SHORT_LABELS[field],
    )


FIELD_METRICS = [_register_field(field, 10 + n) for n, field in enumerate(Field)]

KINDS = (Registrant.Kind.COLLECTIVE, Registrant.Kind.INDIVIDUAL)
KIND_LABELS = {
    Registrant.Kind.COLLECTIVE: _("Models registered by collectives"),
    Registrant.Kind.INDIVIDUAL: _("Models registered by individuals"),
}
# Field × registrant type, for the cross table of the statistics page.
CROSS_LABELS = {
    (Field.ECONOMY, Registrant.Kind.COLLECTIVE): _("Economy models of collectives"),
    (Field.ECONOMY, Registrant.Kind.INDIVIDUAL): _("Economy models of individuals"),
    (Field.CULTURE_SOCIETY, Registrant.Kind.COLLECTIVE): _(
        "Culture and society models of collectives"
    ),
    (Field.CULTURE_SOCIETY, Registrant.Kind.INDIVIDUAL): _(
        "Culture and society models of individuals"
    ),
    (Field.DEFENCE_SECURITY, Registrant.Kind.COLLECTIVE): _(
        "Defence and security models of collectives"
    ),
    (Field.DEFENCE_SECURITY, Registrant.Kind.INDIVIDUAL): _(
        "Defence and security models of individuals"
    ),
    (Field.POLITICAL_SYSTEM, Registrant.Kind.COLLECTIVE): _(
        "Political system models of collectives"
    ),
    (Field.POLITICAL_SYSTEM, Registrant.Kind.INDIVIDUAL): _(
        "Political system models of individuals"
    ),
}


def _register_kind(kind, order: int, field: Field | None = None):
    code = (
        f"models_catalog.field_{field.value}_{kind}" if field else f"models_catalog.models_{kind}"
    )
    label = CROSS_LABELS[(field, kind)] if field else KIND_LABELS[kind]
    condition = Q(registrant__kind=kind) & (Q(field=field) if field else Q())
    # A field's collective/individual split is a line of that field.
    return _count(code, label, order, condition, breakdown_of=field_code(field) if field else "")


KIND_METRICS = [_register_kind(kind, 14 + n) for n, kind in enumerate(KINDS)]
CROSS_METRICS = [
    _register_kind(kind, 20 + 2 * f + k, field)
    for f, field in enumerate(Field)
    for k, kind in enumerate(KINDS)
]


def cross_codes() -> list[tuple[str, list[str]]]:
    """(row label, [collective, individual, all] metric codes) per field, then the total."""
    rows = [
        (
            field.label,
            [f"models_catalog.field_{field.value}_{kind}" for kind in KINDS]
            + [f"models_catalog.field_{field.value}"],
        )
        for field in Field
    ]
    total = [f"models_catalog.models_{kind}" for kind in KINDS] + ["models_catalog.models"]
    return [*rows, (_("Total"), total)]


# The statistics table's columns, in order.
TABLE_CODES = [
    "models_catalog.models",
    "models_catalog.registrants_collective",
    "models_catalog.registrants_individual",
    *(f"models_catalog.field_{field.value}" for field in Field),
    "models_catalog.recognised",
    "models_catalog.typical",
    "models_catalog.commended",
]
