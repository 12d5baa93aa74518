"""The figures of complaints, denunciations, petitions and citizen reception.

Counting rules (DOMAIN.md §4): letters, cases and visits are three different counts. A case
counts in a period when one of its letters was received in the period; it is resolved when
it was concluded by the period's end. Each metric is ONE grouped query.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan import metrics
from danvan.metrics import Aggregation
from petitions.models import Body, Case, Kind, Letter, Visit

GROUP = "petitions"
LETTERS = pgettext_lazy("unit of measure", "letters")
CASES = pgettext_lazy("unit of measure", "cases")
VISITS = pgettext_lazy("unit of measure", "visits")


def _letters(scope, **filters):
    return Letter.objects.filter(
        scope.unit_q(), received_on__range=scope.period.date_range, **filters
    )


def _resolved_by_end(scope, prefix=""):
    return Q(**{f"{prefix}resolved_on__lte": scope.period.end})


def _count_letters(scope, **filters):
    return metrics.sum_by_unit(_letters(scope, **filters), n=Count("id"))


@metrics.register(
    "petitions.letters", label=_("Letters received"), unit=LETTERS, group=GROUP, order=10
)
def letters(scope):
    return _count_letters(scope)


@metrics.register(
    "petitions.letters_carried_over",
    label=_("Letters carried over from before the period"),
    unit=LETTERS,
    group=GROUP,
    order=11,
)
def letters_carried_over(scope):
    start = scope.period.start
    pending = Letter.objects.filter(scope.unit_q(), received_on__lt=start).filter(
        Q(case__closed_on__isnull=True) | Q(case__closed_on__gte=start)
    )
    return metrics.sum_by_unit(pending, n=Count("id"))


@metrics.register("petitions.cases", label=_("Cases received"), unit=CASES, group=GROUP, order=20)
def cases(scope):
    return metrics.sum_by_unit(_letters(scope), n=Count("case", distinct=True))


@metrics.register(
    "petitions.letters_eligible",
    label=_("Letters eligible to handle"),
    unit=LETTERS,
    group=GROUP,
    order=12,
)
def letters_eligible(scope):
    return _count_letters(scope, is_eligible=True)


@metrics.register(
    "petitions.letters_in_competence",
    label=_("Letters within competence"),
    unit=LETTERS,
    group=GROUP,
    order=13,
)
def letters_in_competence(scope):
    return _count_letters(scope, competence=Letter.Competence.WITHIN)


@metrics.register(
    "petitions.cases_resolved",
    label=_("Cases resolved"),
    unit=CASES,
    aggregation=Aggregation.RATIO,
    group=GROUP,
    order=21,
)
def cases_resolved(scope):
    return metrics.ratio_by_unit(
        _letters(scope),
        Count("case", distinct=True, filter=_resolved_by_end(scope, "case__")),
        Count("case", distinct=True),
    )


@metrics.register(
    "petitions.letters_resolved",
    label=_("Letters whose case was resolved"),
    unit=LETTERS,
    aggregation=Aggregation.RATIO,
    group=GROUP,
    order=14,
)
def letters_resolved(scope):
    return metrics.ratio_by_unit(
        _letters(scope), Count("id", filter=_resolved_by_end(scope, "case__")), Count("id")
    )


@metrics.register(
    "petitions.cases_in_progress", label=_("Cases in progress"), unit=CASES, group=GROUP, order=22
)
def cases_in_progress(scope):
    end = scope.period.end
    open_at_end = Q(case__closed_on__isnull=True) | Q(case__closed_on__gt=end)
    return metrics.sum_by_unit(_letters(scope), n=Count("case", distinct=True, filter=open_at_end))


@metrics.register(
    "petitions.cases_overdue",
    label=_("Cases overdue at the end of the period"),
    unit=CASES,
    group=GROUP,
    order=23,
)
def cases_overdue(scope):
    end = scope.period.end
    not_accepted = Q(accepted_on__isnull=True) | Q(accepted_on__gt=end)
    overdue = Case.objects.filter(
        scope.unit_q(),
        Q(received_on__lte=end),
        Q(closed_on__isnull=True) | Q(closed_on__gt=end),
        (not_accepted & Q(acceptance_due__lt=end)) | (~not_accepted & Q(resolution_due__lt=end)),
    )
    return metrics.sum_by_unit(overdue, n=Count("id"))


def _visits(scope):
    return Visit.objects.filter(
        scope.unit_q("session__unit__path"), session__held_on__range=scope.period.date_range
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


@metrics.register(
    "petitions.long_standing_settled",
    label=_("Long-standing cases settled"),
    unit=CASES,
    aggregation=Aggregation.RATIO,
    group=GROUP,
    order=40,
)
def long_standing_settled(scope):
    start, end = scope.period.date_range
    tracked = Case.objects.filter(
        scope.unit_q(),
        Q(is_long_standing=True, received_on__lte=end),
        Q(closed_on__isnull=True) | Q(closed_on__gte=start),
    )
    return metrics.ratio_by_unit(
        tracked, Count("id", filter=Q(resolved_on__range=(start, end))), Count("id")
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


def _letters_metric(code, label, order, **filters):
    def compute(scope):
        return _count_letters(scope, **filters)

    metrics.register(code, label=label, unit=LETTERS, group=GROUP, order=order)(compute)


def _resolved_by_body_metric(body, label, order):
    def compute(scope):
        return metrics.ratio_by_unit(
            _letters(scope, case__receiving_body=body),
            Count("case", distinct=True, filter=_resolved_by_end(scope, "case__")),
            Count("case", distinct=True),
        )

    metrics.register(
        f"petitions.cases_resolved_body_{body}",
        label=label,
        unit=CASES,
        aggregation=Aggregation.RATIO,
        group=GROUP,
        order=order,
    )(compute)


for _order, (_kind, _label) in enumerate(BY_KIND.items(), start=50):
    _letters_metric(f"petitions.letters_kind_{_kind}", _label, _order, kind=_kind)
for _order, (_body, _label) in enumerate(BY_BODY.items(), start=60):
    _letters_metric(f"petitions.letters_body_{_body}", _label, _order, receiving_body=_body)
for _order, (_area, _label) in enumerate(BY_AREA.items(), start=80):
    _letters_metric(
        f"petitions.letters_area_{_area.replace('-', '_')}",
        _label,
        _order,
        subject_area__code=_area,
    )
for _order, (_body, _label) in enumerate(RESOLVED_BY_BODY.items(), start=70):
    _resolved_by_body_metric(_body, _label, _order)
