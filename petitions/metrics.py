"""The figures of complaints, denunciations, petitions and citizen reception.

Counting rules (DOMAIN.md §4): letters, cases and visits are three different counts. A case
counts in a period when one of its letters was received in the period; it is resolved when
it was concluded by the period's end. Each metric is ONE grouped query; the metrics counted on
the letters received in the period, and those on the cases received by its end, are also
counted together in one query each (`metrics.Batch`, for `metrics.evaluate_all`).
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan import metrics
from danvan.metrics import Aggregation
from petitions.models import Body, Case, CaseQuerySet, Kind, Letter, Visit

GROUP = "petitions"
LETTERS = pgettext_lazy("unit of measure", "letters")
CASES = pgettext_lazy("unit of measure", "cases")
VISITS = pgettext_lazy("unit of measure", "visits")


def _letters(scope, **filters):
    return Letter.objects.filter(scope.unit_q(), received_on__range=scope.date_range, **filters)


def _resolved_by_end(scope, prefix=""):
    return Q(**{f"{prefix}resolved_on__lte": scope.end})


# The letters received in the period: their metrics are counted together (metrics.Batch).
letters_received = metrics.Batch(_letters)
CASES_OF_LETTERS = Count("case", distinct=True)


def _cases_resolved_by_end(scope):
    return Count("case", distinct=True, filter=_resolved_by_end(scope, "case__"))


letters_received.register(
    "petitions.letters",
    label=_("Letters received"),
    unit=LETTERS,
    amount=Count("id"),
    group=GROUP,
    order=10,
    tile=40,
    headline=True,
)


@metrics.register(
    "petitions.letters_carried_over",
    label=_("Letters carried over from before the period"),
    unit=LETTERS,
    group=GROUP,
    order=11,
)
def letters_carried_over(scope):
    start = scope.start
    pending = Letter.objects.filter(scope.unit_q(), received_on__lt=start).filter(
        Q(case__closed_on__isnull=True) | Q(case__closed_on__gte=start)
    )
    return metrics.sum_by_unit(pending, n=Count("id"))


letters_received.register(
    "petitions.cases",
    label=_("Cases received"),
    unit=CASES,
    amount=CASES_OF_LETTERS,
    group=GROUP,
    order=20,
)
letters_received.register(
    "petitions.letters_eligible",
    label=_("Letters eligible to handle"),
    unit=LETTERS,
    where=Q(is_eligible=True),
    amount=Count("id"),
    group=GROUP,
    order=12,
)
letters_received.register(
    "petitions.letters_in_competence",
    label=_("Letters within competence"),
    unit=LETTERS,
    where=Q(competence=Letter.Competence.WITHIN),
    amount=Count("id"),
    group=GROUP,
    order=13,
)
letters_received.register(
    "petitions.cases_resolved",
    label=_("Cases resolved"),
    unit=CASES,
    numerator=_cases_resolved_by_end,
    denominator=CASES_OF_LETTERS,
    group=GROUP,
    order=21,
    tile=60,
)
letters_received.register(
    "petitions.letters_resolved",
    label=_("Letters whose case was resolved"),
    unit=LETTERS,
    numerator=lambda scope: Count("id", filter=_resolved_by_end(scope, "case__")),
    denominator=Count("id"),
    group=GROUP,
    order=14,
    tile=50,
)


def _cases_received_by_end(scope):
    return Case.objects.filter(scope.unit_q(), received_on__lte=scope.as_of)


# The cases received by the period's end: their metrics are counted together.
cases_received = metrics.Batch(_cases_received_by_end)


def _open_at_end(scope):
    """Received by the period's standing day and not closed by the end of it: the same cases
    `CaseQuerySet.overdue_q` takes its overdue ones from, so overdue <= in progress."""
    return CaseQuerySet.open_q(scope.as_of)


cases_received.register(
    "petitions.cases_in_progress",
    label=_("Cases in progress"),
    unit=CASES,
    where=_open_at_end,
    amount=Count("id"),
    group=GROUP,
    order=22,
)


def _overdue_at_end(scope):
    return CaseQuerySet.overdue_q(scope.as_of)


cases_received.register(
    "petitions.cases_overdue",
    label=_("Cases overdue at the end of the period"),
    unit=CASES,
    where=_overdue_at_end,
    amount=Count("id"),
    group=GROUP,
    order=23,
    tile=70,
)


def _visits(scope):
    return Visit.objects.filter(
        scope.unit_q("session__unit__path"), session__held_on__range=scope.date_range
    )


@metrics.register(
    "petitions.visits", label=_("Citizen visits received"), unit=VISITS, group=GROUP, order=30
)
def visits(scope):
    return metrics.sum_by_unit(_visits(scope), "session__unit__path", n=Count("id"))


@metrics.register(
    "petitions.visit_cases", label=_("Cases received in person"), unit=CASES, group=GROUP, order=31
)
def visit_cases(scope):
    return metrics.sum_by_unit(
        _visits(scope), "session__unit__path", n=Count("cases", distinct=True)
    )


@metrics.register(
    "petitions.visit_cases_resolved",
    label=_("Cases received in person and resolved"),
    unit=CASES,
    aggregation=Aggregation.RATIO,
    group=GROUP,
    order=32,
)
def visit_cases_resolved(scope):
    return metrics.ratio_by_unit(
        _visits(scope),
        Count("cases", distinct=True, filter=_resolved_by_end(scope, "cases__")),
        Count("cases", distinct=True),
        "session__unit__path",
    )


def _long_standing_open_in_period(scope):
    start = scope.start
    return Q(is_long_standing=True) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))


cases_received.register(
    "petitions.long_standing_settled",
    label=_("Long-standing cases settled"),
    unit=CASES,
    where=_long_standing_open_in_period,
    numerator=lambda scope: Count("id", filter=Q(resolved_on__range=scope.date_range)),
    denominator=Count("id"),
    group=GROUP,
    order=40,
)


# Labels are written out whole, so each is one lazy, translatable string.
BY_KIND = {
    Kind.COMPLAINT: _("Letters: complaints"),
    Kind.DENUNCIATION: _("Letters: denunciations"),
    Kind.PETITION: _("Letters: petitions and feedback"),
    Kind.MIXED: _("Letters: mixed"),
}
BY_BODY = {
    Body.PARTY: _("Letters received by the Party committee"),
    Body.PEOPLE_COMMITTEE: _("Letters received by the People's Committee"),
    Body.FATHERLAND_FRONT: _("Letters received by the Fatherland Front"),
}
# The subject areas seeded by migration 0002. Areas added later in the admin are listed and
# filtered on the pages but get no metric of their own (a metric code must be stable).
BY_AREA = {
    "land": _("Letters: land and site clearance"),
    "social-policy": _("Letters: social policy"),
    "religion": _("Letters: religion"),
    "urban-order": _("Letters: urban order and construction"),
    "environment": _("Letters: environment"),
    "officials": _("Letters: officials' conduct"),
    "other": _("Letters: other areas"),
}
RESOLVED_BY_BODY = {
    Body.PARTY: _("Cases resolved by the Party committee"),
    Body.PEOPLE_COMMITTEE: _("Cases resolved by the People's Committee"),
}


def kind_code(kind) -> str:
    return f"petitions.letters_kind_{kind}"


def body_code(body) -> str:
    return f"petitions.letters_body_{body}"


def resolved_by_body_code(body) -> str:
    return f"petitions.cases_resolved_body_{body}"


def area_code(area: str) -> str:
    return f"petitions.letters_area_{area.replace('-', '_')}"


def _letters_metric(code, label, order, breakdown_of="", **filters):
    letters_received.register(
        code,
        label=label,
        unit=LETTERS,
        where=Q(**filters),
        amount=Count("id"),
        group=GROUP,
        order=order,
        breakdown_of=breakdown_of,
    )


def _resolved_by_body_metric(body, label, order):
    letters_received.register(
        resolved_by_body_code(body),
        label=label,
        unit=CASES,
        where=Q(case__receiving_body=body),
        numerator=_cases_resolved_by_end,
        denominator=CASES_OF_LETTERS,
        group=GROUP,
        order=order,
    )


# The letters by kind and by receiving body are lines of the letters received (shown as a
# breakdown); those by subject area are figures of their own (table columns).
for _order, (_kind, _label) in enumerate(BY_KIND.items(), start=50):
    _letters_metric(kind_code(_kind), _label, _order, "petitions.letters", kind=_kind)
for _order, (_body, _label) in enumerate(BY_BODY.items(), start=60):
    _letters_metric(body_code(_body), _label, _order, "petitions.letters", receiving_body=_body)
for _order, (_area, _label) in enumerate(BY_AREA.items(), start=80):
    _letters_metric(area_code(_area), _label, _order, subject_area__code=_area)
for _order, (_body, _label) in enumerate(RESOLVED_BY_BODY.items(), start=70):
    _resolved_by_body_metric(_body, _label, _order)
