"""Figures of dialogue conferences, for conferences HELD in the period (held or published).

Each function runs one grouped query. A conference counts for the unit that held it, so a
district's own conference shows on the district's own line of the breakdown and the wards'
conferences on the wards' lines (docs/dialogues.md).
"""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from danvan import metrics
from danvan.metrics import Aggregation, Value
from dialogues.models import Conference, Opinion

GROUP = _("Dialogue conferences")
HELD = [Conference.Status.HELD, Conference.Status.PUBLISHED]
CONFERENCE_PATH = "unit__path"
OPINION_PATH = "conference__unit__path"


def held_conferences(scope):
    return Conference.objects.filter(
        scope.unit_q(CONFERENCE_PATH),
        status__in=HELD,
        held_on__range=scope.period.date_range,
    )


def held_opinions(scope):
    return Opinion.objects.filter(
        scope.unit_q(OPINION_PATH),
        conference__status__in=HELD,
        conference__held_on__range=scope.period.date_range,
    )


def count_opinions(scope, condition: Q | None = None):
    opinions = held_opinions(scope)
    if condition is not None:
        opinions = opinions.filter(condition)
    return metrics.sum_by_unit(opinions, OPINION_PATH, count=Count("id"))


def _not_answered_by(day) -> Q:
    return Q(answered_on__isnull=True) | Q(answered_on__gt=day)


WRITTEN = Q(outcome=Opinion.Outcome.WRITTEN_ANSWER)


@metrics.register(
    "dialogues.conferences",
    label=_("Dialogue conferences held"),
    unit=_("conferences"),
    group=GROUP,
    order=10,
)
def conferences(scope):
    return metrics.sum_by_unit(held_conferences(scope), CONFERENCE_PATH, count=Count("id"))


@metrics.register(
    "dialogues.units_with_conference",
    label=_("Units below that held a conference"),
    unit=_("units"),
    group=GROUP,
    order=11,
)
def units_with_conference(scope):
    # One per child unit of the scope with at least one conference in its subtree ("10/10
    # xã, phường"); the scope's own conferences are not a unit below it. One query for the
    # distinct paths, folded onto the children here.
    paths = held_conferences(scope).order_by().values_list(CONFERENCE_PATH, flat=True).distinct()
    children = {scope.group_of(path) for path in paths} - {scope.unit.path, None}
    return {path: Value(amount=1) for path in children}


@metrics.register(
    "dialogues.attendees",
    label=_("Conference attendees"),
    unit=_("attendances"),
    group=GROUP,
    order=12,
)
def attendees(scope):
    return metrics.sum_by_unit(held_conferences(scope), CONFERENCE_PATH, total=Sum("attendees"))


@metrics.register(
    "dialogues.opinions", label=_("Opinions raised"), unit=_("opinions"), group=GROUP, order=20
)
def opinions(scope):
    return count_opinions(scope)


@metrics.register(
    "dialogues.opinions_direct",
    label=_("Opinions raised directly at the conference"),
    unit=_("opinions"),
    group=GROUP,
    order=21,
)
def opinions_direct(scope):
    return count_opinions(scope, Q(channel=Opinion.Channel.DIRECT))


@metrics.register(
    "dialogues.opinions_written",
    label=_("Opinions raised in writing"),
    unit=_("opinions"),
    group=GROUP,
    order=22,
)
def opinions_written(scope):
    return count_opinions(scope, Q(channel=Opinion.Channel.WRITTEN))


@metrics.register(
    "dialogues.answered_at_conference",
    label=_("Opinions answered at the conference"),
    unit=_("opinions"),
    aggregation=Aggregation.RATIO,
    group=GROUP,
    order=30,
)
def answered_at_conference(scope):
    return metrics.ratio_by_unit(
        held_opinions(scope),
        Count("id", filter=Q(outcome=Opinion.Outcome.AT_CONFERENCE)),
        Count("id"),
        OPINION_PATH,
    )


@metrics.register(
    "dialogues.answered_in_writing",
    label=_("Opinions answered in writing"),
    unit=_("opinions"),
    group=GROUP,
    order=31,
)
def answered_in_writing(scope):
    end = scope.period.end
    return count_opinions(scope, WRITTEN & Q(answered_on__lte=end))


@metrics.register(
    "dialogues.pending",
    label=_("Opinions still awaiting an answer"),
    unit=_("opinions"),
    group=GROUP,
    order=32,
)
def pending(scope):
    end = scope.period.end
    undecided = Q(outcome=Opinion.Outcome.UNDECIDED)
    return count_opinions(scope, undecided | (WRITTEN & _not_answered_by(end)))


@metrics.register(
    "dialogues.overdue",
    label=_("Written answers past their deadline"),
    unit=_("opinions"),
    group=GROUP,
    order=33,
)
def overdue(scope):
    end = scope.period.end
    return count_opinions(scope, WRITTEN & Q(deadline__lt=end) & _not_answered_by(end))


def _register_field(code: str, label, order: int) -> None:
    def by_field(scope):
        return count_opinions(scope, Q(field__code=code))

    metrics.register(
        f"dialogues.field_{code}", label=label, unit=_("opinions"), group=GROUP, order=order
    )(by_field)


# The five seeded field codes (migration 0002); their labels in the admin may differ.
_register_field("party_building", _("Opinions on party building"), 40)
_register_field("socio_economy", _("Opinions on socio-economy"), 41)
_register_field("defence_security", _("Opinions on defence and security"), 42)
_register_field("land", _("Opinions on land and site clearance"), 43)
_register_field("other", _("Opinions on other fields"), 44)
