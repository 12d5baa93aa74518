"""A write makes stale only the stored figures of its unit, the unit's ancestors (and the units
that took it over) for the periods that read its date (danvan.freshness), not the country's."""

from datetime import date

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from danvan import freshness, metrics
from danvan.orgs import services as org_services
from danvan.periods import Period, periods_containing
from danvan.rollup.models import Snapshot
from petitions.models import Letter
from tests.danvan.freshness_helpers import ANCESTRY, of, stale, store
from tests.petitions.factories import LetterFactory

pytestmark = pytest.mark.django_db

DAY = date(2024, 5, 14)
CONTAINING = {"2024M05", "2024Q2", "2024S1", "2024N9", "2024"}
EARLIER = {"2024M04", "2024Q1", "2023", "2023Q2", "2023N9", "2023M05"}
LATER = {"2024M06", "2024Q3", "2024Q4", "2025Q2"}


def test_the_periods_containing_a_date():
    assert {p.code for p in periods_containing(DAY)} == CONTAINING
    assert [p.code for p in periods_containing(date(2024, 8, 31))] == [
        "2024M08",
        "2024Q3",
        "2024S2",
        "2024N9",
        "2024",
    ]
    december = ["2024M12", "2024Q4", "2024S2", "2024"]
    assert [p.code for p in periods_containing(date(2024, 12, 1))] == december


def test_a_letter_in_ngoc_thuy_makes_stale_only_its_ancestors_figures_for_its_periods(tree):
    """The acceptance test of issue 14: Ngọc Thụy's, Long Biên's and Hà Nội's figures for the
    periods containing the letter's date; the sibling ward, the residential group below, the
    other district and its ward, and the periods before, all stay current."""
    store(tree.values(), CONTAINING | EARLIER)
    assert stale() == set()
    LetterFactory(unit=tree["ngoc_thuy"], received_on=DAY)
    assert stale() == of(tree, ANCESTRY, CONTAINING)
    assert Snapshot.objects.count() - len(stale()) == 7 * 11 - 3 * 5  # 62 stay current


def test_later_periods_go_stale_too_as_they_count_the_letter_carried_over(tree):
    """Figures of a period read everything before its end (letters carried over, cases open or
    overdue at the end, last year's period, the trend): a letter dated in May changes the
    figures of Q3, which the versions must not miss."""
    carried_over = metrics.get("petitions.letters_carried_over")
    q3 = Period.parse("2024Q3")
    before = metrics.evaluate(carried_over, tree["ngoc_thuy"], q3).total.amount
    store(tree.values(), LATER | EARLIER)
    LetterFactory(unit=tree["ngoc_thuy"], received_on=DAY)
    assert metrics.evaluate(carried_over, tree["ngoc_thuy"], q3).total.amount == before + 1
    assert stale() == of(tree, ANCESTRY, LATER)


def test_a_letter_of_a_unit_taken_over_in_the_reform_makes_its_successor_stale(tree):
    """The successor's figures before the reform take in the old unit's subtree."""
    new_ward = org_services.unit_create(
        actor=None,
        name="Phúc Đồng mới",
        kind="ward",
        parent=tree["dong_da"],
        valid_from=date(2025, 7, 1),
    )
    org_services.lineage_record(
        actor=None,
        successor=new_ward,
        predecessor=tree["sai_dong"],
        share="whole",
        effective_date=date(2025, 7, 1),
    )
    store([*tree.values(), new_ward], CONTAINING)
    LetterFactory(unit=tree["sai_dong"], received_on=DAY)
    assert stale() == of(tree, ["sai_dong", "long_bien", "ha_noi"], CONTAINING) | {
        (new_ward.name, code) for code in CONTAINING
    }


def test_recording_costs_one_query_however_many_pairs(tree):
    before = freshness.version(tree["ha_noi"], Period.parse("2024"))
    with CaptureQueriesContext(connection) as one:
        freshness.changed(tree["group_1"], DAY)
    with CaptureQueriesContext(connection) as many:
        freshness.changed_many(
            {(unit, date(2024, month, 3)) for unit in tree.values() for month in range(1, 13)}
        )
    assert (len(one), len(many)) == (1, 1)
    after = freshness.version(tree["ha_noi"], Period.parse("2024"))
    assert after == before + 2  # once per statement


def test_a_change_in_july_leaves_the_periods_that_ended_before_current(tree):
    store([tree["ngoc_thuy"]], EARLIER | CONTAINING)
    freshness.changed(tree["ngoc_thuy"], date(2024, 7, 1))
    assert stale() == of(tree, ["ngoc_thuy"], {"2024N9", "2024"})  # those that reach July


def test_an_admin_save_makes_every_stored_figure_stale(tree, admin_user):
    """The admin writes without the services: everything is counted again."""
    store(tree.values(), CONTAINING)
    request = RequestFactory().post("/")
    request.user = admin_user
    admin.site._registry[Letter].delete_queryset(request, Letter.objects.none())
    assert stale() == of(tree, tree.keys(), CONTAINING)
