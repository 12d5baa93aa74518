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
REGISTRANTS = _("registrants")


def _in_period(scope):
    start, end = scope.period.date_range
    return PracticeModel.objects.filter(scope.unit_q()).in_years(start.year, end.year)


def _count(scope, condition=None):
    queryset = _in_period(scope)
    if condition is not None:
        queryset = queryset.filter(condition)
    return metrics.sum_by_unit(queryset, count=Count("id"))


def _registrants(scope, kind):
    return metrics.sum_by_unit(
        _in_period(scope).filter(registrant__kind=kind), count=Count("registrant", distinct=True)
    )


@metrics.register(
    "models_catalog.models", label=_("Models registered"), unit=MODELS, group=GROUP, order=1
)
def models_registered(scope):
    return _count(scope)


@metrics.register(
    "models_catalog.registrants_collective",
    label=_("Collectives registering"),
    unit=REGISTRANTS,
    group=GROUP,
    order=2,
)
def registrants_collective(scope):
    return _registrants(scope, Registrant.Kind.COLLECTIVE)


@metrics.register(
    "models_catalog.registrants_individual",
    label=_("Individuals registering"),
    unit=REGISTRANTS,
    group=GROUP,
    order=3,
)
def registrants_individual(scope):
    return _registrants(scope, Registrant.Kind.INDIVIDUAL)


@metrics.register(
    "models_catalog.recognised", label=_("Models recognised"), unit=MODELS, group=GROUP, order=4
)
def recognised(scope):
    return _count(scope, Q(status__in=RECOGNISED_STATES))


@metrics.register(
    "models_catalog.typical", label=_("Typical models"), unit=MODELS, group=GROUP, order=5
)
def typical(scope):
    return _count(scope, Q(status__in=TYPICAL_STATES))


@metrics.register(
    "models_catalog.commended", label=_("Models commended"), unit=MODELS, group=GROUP, order=6
)
def commended(scope):
    return _count(scope, Q(status=Status.COMMENDED))


FIELD_LABELS = {
    Field.ECONOMY: _("Models in economy"),
    Field.CULTURE_SOCIETY: _("Models in culture and society"),
    Field.DEFENCE_SECURITY: _("Models in defence and security"),
    Field.POLITICAL_SYSTEM: _("Models in building the political system"),
}


def _register_field(field: Field, order: int):
    @metrics.register(
        f"models_catalog.field_{field.value}",
        label=FIELD_LABELS[field],
        unit=MODELS,
        group=GROUP,
        order=order,
    )
    def by_field(scope):
        return _count(scope, Q(field=field))

    return by_field


FIELD_METRICS = [_register_field(field, 10 + n) for n, field in enumerate(Field)]
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
