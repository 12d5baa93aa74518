"""The letter list at scale: on PostgreSQL the filtered, searched list uses indexes.

20.000 letters stand in for the 500.000 of a big city; with the planner's statistics up to
date the plan shape is the same, and the page's query count does not depend on the rows.
"""

from datetime import date, timedelta

import pytest
from django.db import connection

from danvan.orgs.access import Role
from danvan.search import search_text
from petitions import selectors
from petitions.models import Case, Letter
from tests import factories
from tests.conftest import require, uses_postgresql

pytestmark = pytest.mark.django_db
ROWS = 20_000
WORDS = ["dat dai", "xay dung", "moi truong", "chinh sach", "can bo", "ve sinh", "lan chiem"]


def _bulk(units):
    start = date(2015, 1, 1)
    cases = Case.objects.bulk_create(
        Case(
            unit=units[n % len(units)],
            receiving_body="people_committee",
            kind="complaint" if n % 3 else "petition",
            summary=f"vu viec {n}",
            received_on=start + timedelta(days=n % 1800),
            search_text=f"vu viec {n}",
        )
        for n in range(ROWS)
    )
    Letter.objects.bulk_create(
        Letter(
            unit=case.unit,
            case=case,
            receiving_body="people_committee",
            receipt_year=case.received_on.year,
            receipt_number=n + 1,
            received_on=case.received_on,
            channel="post",
            kind=case.kind,
            summary=f"{WORDS[n % len(WORDS)]} so {n}",
            sender_name=f"Nguyen Van {n}",
            search_text=search_text(WORDS[n % len(WORDS)], "so", n, f"Nguyễn Văn Số{n}"),
        )
        for n, case in enumerate(cases)
    )


def test_filtered_and_searched_list_uses_indexes_on_postgresql(tree, make_member):
    require(uses_postgresql(), "the query plan is checked on PostgreSQL")
    wards = [
        factories.UnitFactory(name=f"Phường Số {n}", parent=tree["long_bien"]) for n in range(40)
    ]
    _bulk(wards)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE petitions_letter; ANALYZE petitions_case; ANALYZE orgs_unit;")
    editor = make_member(Role.EDITOR, wards[7])
    filtered = selectors.letters_for(editor, unit=wards[7], kind="complaint", year=2018)
    plan = filtered.order_by("-received_on", "-id")[:50].explain()
    assert "Seq Scan on petitions_letter" not in plan, plan
    assert "letter_" in plan, plan  # one of the letter indexes drives the scan

    searched = selectors.letters_for(editor, unit=wards[7], query="so12345")
    plan = searched.order_by("-received_on", "-id")[:50].explain()
    assert "Seq Scan on petitions_letter" not in plan, plan
    assert [letter.receipt_number for letter in searched] in ([], [12346])


def test_list_page_queries_stay_fixed_at_scale(
    client, tree, make_member, django_assert_max_num_queries
):
    wards = [
        factories.UnitFactory(name=f"Phường Số {n}", parent=tree["long_bien"]) for n in range(4)
    ]
    _bulk(wards)
    reviewer = make_member(Role.REVIEWER, tree["long_bien"])
    client.force_login(reviewer)
    with django_assert_max_num_queries(12):
        response = client.get(
            "/don-thu/",
            {"unit": "ha-noi/long-bien", "q": "dat dai", "kind": "complaint", "page": "3"},
        )
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50
