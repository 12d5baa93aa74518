"""Property-based: over random case histories, "overdue" is never said before a due date,
overdue <= in progress at every period's standing day, and the overdue list, the tile (the
`petitions.cases_overdue` figure) and the roll-up sentence (the PDF's text) say one number.

The oracle below is written from the law's words, not from `CaseQuerySet.overdue_q`.
"""

import re
from datetime import date, timedelta

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan import metrics
from danvan.periods import Period
from danvan.rollup import figures
from danvan.workdays import calendar_for
from petitions import deadlines
from petitions.models import Case

pytestmark = pytest.mark.django_db

TODAY = date(2019, 12, 2)  # in the middle of the last month: periods still running
PERIODS = ["2019Q1", "2019Q2", "2019Q3", "2019Q4", "2019"]
START = date(2018, 10, 1)

history = st.fixed_dictionaries(
    {
        "received": st.integers(0, (TODAY - START).days),
        "kind": st.sampled_from(["complaint", "denunciation", "petition", "mixed"]),
        "accepted_after": st.one_of(st.none(), st.integers(0, 40)),
        "extended": st.booleans(),
        "closed_after": st.one_of(st.none(), st.integers(0, 120)),
    }
)


def _build(unit, spec, cal):
    received = START + timedelta(days=spec["received"])
    case = Case(
        unit=unit,
        receiving_body="people_committee",
        kind=spec["kind"],
        summary="Vụ việc thử hạn",
        received_on=received,
        acceptance_due=deadlines.acceptance_due(spec["kind"], received, cal),
    )
    if spec["accepted_after"] is not None:
        accepted = received + timedelta(days=spec["accepted_after"])
        if accepted <= TODAY:
            case.accepted_on = accepted
            terms = deadlines.Terms(spec["kind"], extensions=int(spec["extended"]))
            case.is_complex = spec["extended"]
            case.extensions = int(spec["extended"])
            case.resolution_due = deadlines.resolution_due(accepted, terms, cal)
            case.state = Case.State.EXTENDED if spec["extended"] else Case.State.VERIFYING
    if spec["closed_after"] is not None:
        closed = received + timedelta(days=spec["closed_after"])
        if closed <= TODAY and (case.accepted_on is None or closed >= case.accepted_on):
            case.closed_on = closed
            case.state = Case.State.WITHDRAWN
    return case


def _oracle_overdue(case, day) -> bool:
    """Open at the end of `day` and the deadline running that day already passed."""
    if case.received_on > day or (case.closed_on and case.closed_on <= day):
        return False
    accepted = case.accepted_on is not None and case.accepted_on <= day
    due = case.resolution_due if accepted else case.acceptance_due
    return due < day


def _sentence_numbers(unit, period):
    groups = {g.key: g for g in figures.build(unit, period, with_charts=False).groups}
    for sentence in groups["petitions"].sentences:
        found = re.search(r"Đang giải quyết ([\d.]+) vụ; ([\d.]+) vụ quá hạn", sentence)
        if found:
            return tuple(int(n.replace(".", "")) for n in found.groups())
    return None


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(history, min_size=1, max_size=12))
def test_overdue_is_consistent_over_random_histories(tree, specs):
    unit = tree["ngoc_thuy"]
    Case.objects.all().delete()
    cal = calendar_for([START, TODAY])
    cases = Case.objects.bulk_create([_build(unit, spec, cal) for spec in specs])
    with time_machine.travel(TODAY, tick=False):
        for code in PERIODS:
            period = Period.parse(code)
            day = min(period.end, TODAY)
            listed = set(Case.objects.overdue_on(day).values_list("pk", flat=True))
            assert listed == {c.pk for c in cases if _oracle_overdue(c, day)}, code
            for case in Case.objects.filter(pk__in=listed):  # never before its due date
                running = (
                    case.resolution_due
                    if case.accepted_on and case.accepted_on <= day
                    else case.acceptance_due
                )
                assert running < day <= TODAY, (code, case.pk)
            tile = metrics.evaluate(
                "petitions.cases_overdue", tree["long_bien"], period
            ).total.amount
            in_progress = metrics.evaluate(
                "petitions.cases_in_progress", tree["long_bien"], period
            ).total.amount
            assert tile == len(listed), code
            assert tile <= in_progress, code
            sentence = _sentence_numbers(tree["long_bien"], period)
            if sentence is not None:
                assert sentence == (in_progress, tile), code
