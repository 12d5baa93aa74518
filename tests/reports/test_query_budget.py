"""Query budgets of the busiest report pages (issue 8, docs/bench.md): the form, its autosave
and the completeness board must not run a query per indicator or per unit.

Each page is measured with 3 and with 30 indicators (or a handful and many wards): the counts
must be equal and within the budget, so a query per indicator (30 more) or per ward fails."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan import metrics
from danvan.orgs.access import Role
from danvan.periods import Period
from reports.metrics import indicator_metric
from reports.models import Indicator, ReportingRound
from tests.reports.conftest import SECTIONS, file_and_approve
from tests.reports.factories import IndicatorFactory, open_round

pytestmark = pytest.mark.django_db

FORM_BUDGET = 15  # the GET of the filing form, whatever the number of indicators
AUTOSAVE_BUDGET = 18  # the autosave POST that changes every figure


def catalogue(count):
    """Indicators of the three kinds: counts, counts with a target, ratios."""
    kinds = [
        {"kind": Indicator.Kind.NUMBER},
        {"kind": Indicator.Kind.NUMBER, "has_target": True},
        {"kind": Indicator.Kind.RATIO},
    ]
    return [IndicatorFactory(**kinds[n % 3]) for n in range(count)]


def figures(indicators, base):
    return {
        indicator: (base + n, 1000 + n if indicator.wants_target else None)
        for n, indicator in enumerate(indicators)
    }


@pytest.fixture
def ward_rounds(tree, people):
    """Ngọc Thụy's reports for 2019Q1 (3 indicators) and 2019Q2 (30), each with last year's
    figures approved (2018Q1, 2018Q2)."""
    few, many = catalogue(3), catalogue(30)
    wards = [tree["ngoc_thuy"], tree["sai_dong"]]
    reports = {}
    editors = {wards[0]: people["editor"], wards[1]: people["other_editor"]}
    plan = [("few", few, "2019Q1", "2018Q1"), ("many", many, "2019Q2", "2018Q2")]
    for name, indicators, period, last in plan:
        old = open_round(tree["long_bien"], wards, period=last, indicators=indicators)
        for report in old.reports.all():
            editor = editors[report.unit]
            file_and_approve(report, editor, people["reviewer"], figures(indicators, 10))
        current = open_round(tree["long_bien"], wards, period=period, indicators=indicators)
        reports[name] = (current.reports.get(unit=wards[0]), indicators)
    return reports


def count_queries(call):
    with CaptureQueriesContext(connection) as queries:
        response = call()
    return len(queries), response


def autosave_data(report, indicators, base):
    data = {"version": report.version, **SECTIONS}
    for n, indicator in enumerate(indicators):
        data[f"actual_{indicator.pk}"] = str(base + n)
        if indicator.wants_target:
            data[f"target_{indicator.pk}"] = str(2000 + n)
    return data


def test_ward_form_runs_the_same_queries_for_3_and_30_indicators(
    client, ward_rounds, people, django_assert_max_num_queries
):
    client.force_login(people["editor"])
    counts = {}
    for name, (report, indicators) in ward_rounds.items():
        url = reverse("reports:fill", args=[report.pk])
        client.get(url)  # sessions, caches
        with django_assert_max_num_queries(FORM_BUDGET):
            counts[name], response = count_queries(lambda url=url: client.get(url))
        assert response.status_code == 200
        page = response.content.decode()
        # Last year's approved figures of the ward, from the grouped evaluation.
        assert re.search(r'<td class="num" data-label="[^"]*">10</td>', page), "the count: 10"
        assert "11/1.001 (1,1%)" in page and "12/1.002 (1,2%)" in page, "with a target, ratio"
        assert f'name="actual_{indicators[-1].pk}"' in page
    assert counts["few"] == counts["many"], counts


def test_autosave_runs_the_same_queries_for_3_and_30_changed_figures(
    client, ward_rounds, people, django_assert_max_num_queries
):
    client.force_login(people["editor"])
    counts = {}
    for name, (report, indicators) in ward_rounds.items():
        url = reverse("reports:autosave", args=[report.pk])
        for step, base in enumerate((100, 200, 300)):  # creates the figures, then changes them
            report.refresh_from_db()
            data = autosave_data(report, indicators, base)
            with django_assert_max_num_queries(AUTOSAVE_BUDGET):
                counts[name, step], response = count_queries(
                    lambda u=url, d=data: client.post(u, d)
                )
            assert "Đã lưu nháp lúc" in response.content.decode()
        saved = {v.indicator_id: v for v in report.values.all()}
        assert len(saved) == len(indicators)
        assert saved[indicators[-1].pk].actual == Decimal(300 + len(indicators) - 1)
        history = report.values.get(indicator=indicators[0]).history.order_by("history_date")
        assert [h.history_type for h in history] == ["+", "~", "~"]
        assert {h.history_user for h in history} == {people["editor"]}
    assert counts["few", 1] == counts["many", 1] and counts["few", 2] == counts["many", 2]
    assert counts["few", 0] == counts["many", 0], counts


def test_consolidated_form_prefill_runs_the_same_queries_for_3_and_30_indicators(
    client, ward_rounds, tree, people, make_member, django_assert_max_num_queries
):
    client.force_login(make_member(Role.EDITOR, tree["long_bien"]))
    counts = {}
    for name, (ward_report, indicators) in ward_rounds.items():
        # The ward's report of this period approved, then the district's consolidated round.
        file_and_approve(ward_report, people["editor"], people["reviewer"], figures(indicators, 7))
        district_round = open_round(
            tree["ha_noi"],
            [tree["long_bien"]],
            period=ward_report.round.period,
            indicators=indicators,
            kind=ReportingRound.Kind.CONSOLIDATED,
            title=f"Quận {name}",
        )
        url = reverse("reports:fill", args=[district_round.reports.get().pk])
        client.get(url)
        with django_assert_max_num_queries(FORM_BUDGET + 5):
            counts[name], response = count_queries(lambda url=url: client.get(url))
        page = response.content.decode()
        ratio = indicators[2]
        assert f'name="actual_{ratio.pk}" value="9"' in page, "prefilled from the ward"
        assert "Tổng các đơn vị: 9/1.002 (0,9%)" in page
    assert counts["few"] == counts["many"], counts


def test_evaluate_all_gives_each_indicator_metric_its_own_figure_in_one_query(ward_rounds, tree):
    _report, indicators = ward_rounds["many"]
    registered = [indicator_metric(indicator) for indicator in indicators]
    period = Period.parse("2018Q2")
    scope = metrics.Scope.build(tree["long_bien"], period)
    with CaptureQueriesContext(connection) as queries:
        together = metrics.evaluate_all(tree["long_bien"], period, registered, scope)
    assert len(queries) == 1
    for metric, result in zip(registered, together, strict=True):
        alone = metrics.evaluate(metric, tree["long_bien"], period, scope)
        assert result.total == alone.total and result.lines == alone.lines
    assert together[0].total == metrics.Value(amount=20)
    assert together[2].total == metrics.Value(numerator=24, denominator=2004)
    # Mixed with a metric without a set-based form, in the caller's order.
    mixed = metrics.evaluate_all(
        tree["long_bien"],
        period,
        [registered[1], metrics.get("reports.expected"), registered[0]],
        scope,
    )
    assert [r.metric.code for r in mixed] == [
        registered[1].code,
        "reports.expected",
        registered[0].code,
    ]
    assert mixed[1].total == metrics.Value(amount=2)


# --- Completeness board ------------------------------------------------------------------

BOARD_BUDGET = 22  # the city's board: 8 periods, pages of 100 units


def test_board_pages_in_sql_and_counts_every_unit_within_the_budget(
    client, tree, make_member, django_assert_max_num_queries
):
    from danvan.orgs.models import Unit
    from tests.reports.factories import template
    from tests.reports.test_board import bulk_rounds, bulk_wards

    district = Unit.objects.create(
        parent=tree["ha_noi"], kind="urban_district", name="Lớn", code="lon", path="ha-noi/lon",
        depth=1,
    )  # fmt: skip
    bulk_rounds(district, bulk_wards(district, 250), template())
    client.force_login(make_member(Role.REVIEWER, tree["ha_noi"]))
    url = reverse("reports:board")
    query = {"unit": district.path, "period": "2019Q1", "page": 2}
    client.get(url, query)
    with django_assert_max_num_queries(BOARD_BUDGET):
        response = client.get(url, query)
    page = response.content.decode()
    assert "Phường 100" in page and "Phường 199" in page
    assert "Phường 099" not in page and "Phường 200" not in page
    assert "2/3" in page, "page 2 of 3"
    assert "/250 đã nộp" in page, "the column counts cover every unit, not the page"


def test_board_counts_are_the_registered_metrics_also_across_a_reform(
    client, q1, tree, people, households, blood
):
    """The board folds its one query per line (child unit); the figures must be those of the
    registered metrics: children, the unit's own report, a unit that took over another."""
    from datetime import date

    from danvan.orgs import services as org_services
    from reports import metrics as reports_metrics
    from reports import selectors
    from tests import factories

    ngoc_thuy = q1.reports.get(unit=tree["ngoc_thuy"])
    file_and_approve(
        ngoc_thuy, people["editor"], people["reviewer"], {households: (1, 2), blood: (1, 1)}
    )
    open_round(tree["ha_noi"], [tree["long_bien"], tree["dong_da"]], indicators=[households])
    new_ward = factories.UnitFactory(
        name="Bồ Đề", code="phuong-bo-de", parent=tree["long_bien"], valid_from=date(2019, 2, 1)
    )
    org_services.lineage_record(
        actor=None, successor=new_ward, predecessor=tree["sai_dong"], share="most",
        effective_date=date(2019, 2, 1),
    )  # fmt: skip
    periods = Period.parse("2019Q1").recent(8)
    for unit in (tree["ha_noi"], tree["long_bien"], new_ward):
        counts = selectors.board_counts(unit, periods)
        scopes = [metrics.Scope.build(unit, period) for period in periods]
        by_unit = reports_metrics.state_figures(scopes)
        by_line = reports_metrics.state_figures(scopes, by_line=True)
        for scope in scopes:
            code = scope.period.code
            for name in reports_metrics.STATE_FIGURES:
                metric = metrics.get(f"reports.{name}")
                alone = metrics.evaluate(metric, unit, scope.period)
                for rows in (by_unit[code][metric.code], by_line[code][metric.code]):
                    folded = metrics.fold(metric, scope, rows)
                    assert (folded.total, folded.lines) == (alone.total, alone.lines)
                if name in ("filed", "late"):
                    assert counts[code][name] == selectors.children_total(alone)
    # Bồ Đề started during 2019Q1: its board counts the report of Sài Đồng, which it took over.
    reform = selectors.board_counts(new_ward, [Period.parse("2019Q1")])["2019Q1"]
    assert reform["filed"] == metrics.Value(numerator=0, denominator=1)
    city = selectors.board_counts(tree["ha_noi"], [Period.parse("2019Q1")])["2019Q1"]
    assert city["filed"] == metrics.Value(numerator=1, denominator=4), "2 wards + 2 districts"
