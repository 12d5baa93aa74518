"""Figures of dialogue conferences, for conferences HELD in the period (held or published).

Each metric runs one grouped query; the metrics on the conferences held, and those on their
opinions, are also counted together in one query each (`metrics.Batch`). A conference counts
for the unit that held it, so a district's own conference shows on the district's own line of
the breakdown and the wards' conferences on the wards' lines (docs/dialogues.md).
"""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from danvan import metrics
from danvan.metrics import Value
from dialogues.models import Conference, Opinion, OpinionQuerySet

GROUP = _("Dialogue conferences")
HELD = [Conference.Status.HELD, Conference.Status.PUBLISHED]
CONFERENCE_PATH = "unit__path"
OPINION_PATH = "conference__unit__path"


def held_conferences(scope):
    return Conference.objects.filter(
        scope.unit_q(CONFERENCE_PATH),
        status__in=HELD,
        held_on__range=scope.date_range,
    )


def held_opinions(scope):
    return Opinion.objects.filter(
        scope.unit_q(OPINION_PATH),
        conference__status__in=HELD,
        conference__held_on__range=scope.date_range,
    )


def _not_answered_by(day) -> Q:
    return Q(answered_on__isnull=True) | Q(answered_on__gt=day)


WRITTEN = Q(outcome=Opinion.Outcome.WRITTEN_ANSWER)
OPINIONS = _("opinions")

# The conferences held in the period and their opinions: the metrics on each are counted
# together in one query (metrics.Batch, for metrics.evaluate_all).
conferences_held = metrics.Batch(held_conferences, CONFERENCE_PATH)
opinions_raised = metrics.Batch(held_opinions, OPINION_PATH)

conferences_held.register(
    "dialogues.conferences",
    label=_("Dialogue conferences held"),
    unit=_("conferences"),
    amount=Count("id"),
    group=GROUP,
    order=10,
    headline=True,
)


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


conferences_held.register(
    "dialogues.attendees",
    label=_("Conference attendees"),
    unit=_("attendances"),
    amount=Sum("attendees"),
    group=GROUP,
    order=12,
)


def _opinions_metric(code, label, order, where=None, **shown):
    opinions_raised.register(
        code,
        label=label,
        unit=OPINIONS,
        where=where,
        amount=Count("id"),
        group=GROUP,
        order=order,
        **shown,
    )


_opinions_metric("dialogues.opinions", _("Opinions raised"), 20)
_opinions_metric(
    "dialogues.opinions_direct",
    _("Opinions raised directly at the conference"),
    21,
    Q(channel=Opinion.Channel.DIRECT),
)
_opinions_metric(
    "dialogues.opinions_written",
    _("Opinions raised in writing"),
    22,
    Q(channel=Opinion.Channel.WRITTEN),
)
opinions_raised.register(
    "dialogues.answered_at_conference",
    label=_("Opinions answered at the conference"),
    unit=OPINIONS,
    numerator=Count("id", filter=Q(outcome=Opinion.Outcome.AT_CONFERENCE)),
    denominator=Count("id"),
    group=GROUP,
    order=30,
    tile=80,
)
_opinions_metric(
    "dialogues.answered_in_writing",
    _("Opinions answered in writing"),
    31,
    lambda scope: WRITTEN & Q(answered_on__lte=scope.end),
)


def _pending_at_end(scope):
    undecided = Q(outcome=Opinion.Outcome.UNDECIDED)
    return undecided | (WRITTEN & _not_answered_by(scope.as_of))


_opinions_metric("dialogues.pending", _("Opinions still awaiting an answer"), 32, _pending_at_end)


def _overdue_at_end(scope):
    return OpinionQuerySet.overdue_q(scope.as_of)


_opinions_metric("dialogues.overdue", _("Written answers past their deadline"), 33, _overdue_at_end)


def _register_field(code: str, label, order: int, short_label) -> None:
    _opinions_metric(
        f"dialogues.field_{code}",
        label,
        order,
        Q(field__code=code),
        breakdown_of="dialogues.opinions",
        short_label=short_label,  # as the roll-up's sentences list them
    )


# The five seeded field codes (migration 0002); their labels in the admin may differ.
_register_field("party_building", _("Opinions on party building"), 40, _("building the Party"))
_register_field(
    "socio_economy", _("Opinions on socio-economy"), 41, _("socio-economic development")
)
_register_field(
    "defence_security", _("Opinions on defence and security"), 42, _("defence – security")
)
_register_field("land", _("Opinions on land and site clearance"), 43, _("land and site clearance"))
_register_field("other", _("Opinions on other fields"), 44, _("other fields"))
