"""The letter export at a district's size: a year of Đống Đa is about 1.081 letters, and on
SQLite the export failed from about 1.000 ("Expression tree is too large"). Run on SQLite
(DATABASE_URL=sqlite:///…) and on PostgreSQL (CI)."""

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from danvan.orgs.access import Role
from petitions.models import Case, Letter
from tests import factories
from tests.drills.helpers import body

ROWS = 1_500


def test_a_reviewer_exports_a_districts_year_of_letters(client, tree, login_as):
    district = factories.UnitFactory(name="Quận Thử Nghiệm Mười Chín", parent=tree["ha_noi"])
    wards = [factories.UnitFactory(name=f"Phường Thử {n}", parent=district) for n in range(3)]
    start = date(2024, 1, 1)
    cases = Case.objects.bulk_create(
        Case(
            unit=wards[n % 3],
            receiving_body="people_committee",
            kind="complaint",
            summary=f"vụ việc thử {n}",
            received_on=start + timedelta(days=n % 360),
            search_text=f"vu viec thu {n}",
        )
        for n in range(ROWS)
    )
    Letter.objects.bulk_create(
        Letter(
            unit=case.unit,
            case=case,
            receiving_body="people_committee",
            receipt_year=2024,
            receipt_number=n + 1,
            received_on=case.received_on,
            channel="post",
            kind=case.kind,
            summary=f"Đơn thử số {n}",
            sender_name=f"Người Gửi Thử {n}",
            search_text=f"don thu so {n}",
        )
        for n, case in enumerate(cases)
    )
    login_as(Role.REVIEWER, district)
    response = client.get("/don-thu/xuat/", {"unit": district.path})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(body(response)), read_only=True).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == ROWS
    assert {row[4] for row in rows} >= {"Đơn thử số 0", f"Đơn thử số {ROWS - 1}"}


pytestmark = pytest.mark.django_db
