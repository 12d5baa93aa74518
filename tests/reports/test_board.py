from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.orgs.access import Role
from danvan.orgs.models import Unit
from danvan.periods import Period
from reports.models import Report, ReportingRound
from tests.reports.conftest import file_and_approve
from tests.reports.factories import template

pytestmark = pytest.mark.django_db
PERIODS = Period.parse("2019Q1").recent(8)


def bulk_wards(parent, count):
    Unit.objects.bulk_create(
        Unit(
            parent=parent,
            kind=Unit.Kind.WARD,
            name=f"Phường {n:03d}",
            code=f"p-{n:03d}",
            path=f"{parent.path}/p-{n:03d}",
            depth=parent.depth + 1,
        )
        for n in range(count)
    )
    return list(Unit.objects.filter(parent=parent))


def bulk_rounds(owner, units, form):
    """One round per period, every unit expected, states varied, all with bulk_create."""
    statuses = [s for s, _label in Report.Status.choices]
    for index, period in enumerate(PERIODS):
        round_ = ReportingRound.objects.create(
            owner=owner, period=period.code, template=form, title=period.label, due_date=period.end
        )
        Report.objects.bulk_create(
            Report(round=round_, unit=unit, status=statuses[(n + index) % len(statuses)])
            for n, unit in enumerate(units)
        )


def board_queries(client, owner):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:board"), {"unit": owner.path, "period": "2019Q1"})
    assert response.status_code == 200
    return len(queries), response


def test_board_query_count_is_the_same_for_6_and_600_units(
    client, tree, make_member, django_assert_max_num_queries
):
    form = template()
    small = Unit.objects.create(
        parent=tree["ha_noi"],
        kind="urban_district",
        name="Nhỏ",
        code="nho",
        path="ha-noi/nho",
        depth=1,
    )
    big = Unit.objects.create(
        parent=tree["ha_noi"],
        kind="urban_district",
        name="Lớn",
        code="lon",
        path="ha-noi/lon",
        depth=1,
    )
    bulk_rounds(small, bulk_wards(small, 6), form)
    bulk_rounds(big, bulk_wards(big, 600), form)
    assert Report.objects.filter(unit__parent=big).count() == 4800
    client.force_login(make_member(Role.REVIEWER, tree["ha_noi"]))
    few, _ = board_queries(client, small)
    with django_assert_max_num_queries(60):
        many, response = board_queries(client, big)
    assert few == many
    page = response.content.decode()
    assert "Phường 099" in page and "/600 đã nộp" in page


def test_board_shows_states_counts_late_markers_and_links(
    client, q1, tree, people, households, blood
):
    ngoc_thuy = q1.reports.get(unit=tree["ngoc_thuy"])
    file_and_approve(
        ngoc_thuy, people["editor"], people["reviewer"], {households: (1, 2), blood: (1, 1)}
    )
    client.force_login(people["reviewer"])
    response = client.get(
        reverse("reports:board"), {"unit": tree["long_bien"].path, "period": "2019Q1"}
    )
    page = response.content.decode()
    # Ngọc Thụy filed today, long after 25/03/2019: both reports are late.
    assert "1/2 đã nộp" in page and "2 quá hạn" in page
    assert reverse("reports:detail", args=[ngoc_thuy.pk]) in page
    assert "Đã duyệt" in page and "Chưa bắt đầu" in page
    filtered = client.get(
        reverse("reports:board"),
        {"unit": tree["long_bien"].path, "period": "2019Q1", "round": q1.pk},
    )
    assert "Phường Sài Đồng" in filtered.content.decode()


def test_board_of_a_reviewer_never_shows_units_outside_its_subtree(client, q1, tree, people):
    client.force_login(people["far_reviewer"])
    page = client.get(
        reverse("reports:board"), {"unit": tree["long_bien"].path, "period": "2019Q1"}
    )
    assert "Ngọc Thụy" not in page.content.decode()


def test_opening_a_round_from_the_page_creates_the_units_reports(client, tree, people, households):
    form = template([households])
    client.force_login(people["reviewer"])
    data = {
        "title": "Báo cáo quý II năm 2019",
        "period": "2019Q2",
        "template": form.pk,
        "kind": "units",
        "due_date": "25/06/2019",
        "units": [tree["ngoc_thuy"].pk, tree["sai_dong"].pk],
    }
    response = client.post(reverse("reports:round_open") + f"?unit={tree['long_bien'].path}", data)
    assert response.status_code == 302
    round_ = ReportingRound.objects.get(period="2019Q2")
    assert round_.due_date == date(2019, 6, 25) and round_.reports.count() == 2
    client.force_login(people["editor"])
    assert client.get(reverse("reports:round_open")).status_code == 403


def test_the_round_form_tells_a_quarterly_and_an_annual_template_apart(client, tree, people):
    from reports import services

    def made(kind):
        return services.template_create(
            actor=None,
            name="Báo cáo dân vận khéo phường",
            period_kind=kind,
            sections=["results"],
            required_sections=["results"],
            indicators=[],
        )

    quarterly, annual = made("Q"), made("Y")
    client.force_login(people["reviewer"])
    page = client.get(reverse("reports:round_open") + f"?unit={tree['long_bien'].path}")
    labels = dict(page.context["form"].fields["template"].choices)
    assert labels[quarterly.pk] == "Báo cáo dân vận khéo phường (v1) — Quý"
    assert labels[annual.pk] == "Báo cáo dân vận khéo phường (v1) — Năm"
    assert "(v1) — Năm</option>" in page.content.decode()
