from decimal import Decimal

import pytest

from danvan import metrics, narratives
from danvan.periods import Period
from reports import services
from tests.reports.conftest import file_and_approve, fill
from tests.reports.factories import open_round

pytestmark = pytest.mark.django_db
Q1 = Period.parse("2019Q1")


def reports(q1, tree):
    return q1.reports.get(unit=tree["ngoc_thuy"]), q1.reports.get(unit=tree["sai_dong"])


def test_ratio_rolls_up_from_summed_actuals_and_targets(q1, tree, people, households, blood):
    ngoc_thuy, sai_dong = reports(q1, tree)
    file_and_approve(
        ngoc_thuy,
        people["editor"],
        people["reviewer"],
        {households: (7775, 8233), blood: (468, 300)},
    )
    file_and_approve(
        sai_dong,
        people["other_editor"],
        people["reviewer"],
        {households: (900, 1000), blood: (100, 200)},
    )
    result = metrics.evaluate("reports.ind.gia-dinh-van-hoa", tree["long_bien"], Q1)
    assert (result.total.numerator, result.total.denominator) == (8675, 9233)
    assert result.total.display() == "8.675/9.233 (93,96%)"  # not the mean of 94,44% and 90%
    lines = {line.unit.name: line.value.display() for line in result.lines}
    assert lines == {"Ngọc Thụy": "7.775/8.233 (94,44%)", "Sài Đồng": "900/1.000 (90%)"}
    blood_total = metrics.evaluate("reports.ind.hien-mau", tree["long_bien"], Q1).total
    assert blood_total.display() == "568/500 (113,6%)"
    achieved = metrics.evaluate("reports.indicators_achieved", tree["long_bien"], Q1).total
    assert (achieved.numerator, achieved.denominator) == (1, 4)  # only Ngọc Thụy's blood ≥ target


def test_draft_submitted_and_returned_reports_are_not_approved_data(
    q1, tree, people, households, blood
):
    ngoc_thuy, sai_dong = reports(q1, tree)
    figures = {households: (7775, 8233), blood: (468, 300)}
    submitted = services.report_submit(
        actor=people["editor"], report=fill(ngoc_thuy, people["editor"], figures)
    )
    fill(sai_dong, people["other_editor"], figures)  # a draft
    total = metrics.evaluate("reports.ind.hien-mau", tree["long_bien"], Q1).total
    assert (total.numerator, total.denominator) == (0, 0)
    services.report_return(actor=people["reviewer"], report=submitted, reason="Sai")
    assert metrics.evaluate("reports.ind.hien-mau", tree["long_bien"], Q1).total.numerator == 0
    assert metrics.evaluate("reports.returned", tree["long_bien"], Q1).total.amount == 1


def test_units_outside_the_round_are_not_expected_and_their_figures_not_counted(
    tree, q1, make_member, households, blood
):
    from danvan.orgs.access import Role

    other = open_round(tree["dong_da"], [tree["cat_linh"]], indicators=[households, blood])
    report = other.reports.get()
    editor, reviewer = (
        make_member(Role.EDITOR, tree["cat_linh"]),
        make_member(Role.REVIEWER, tree["dong_da"]),
    )
    file_and_approve(report, editor, reviewer, {households: (10, 10), blood: (5, 5)})
    assert metrics.evaluate("reports.expected", tree["long_bien"], Q1).total.amount == 2
    assert metrics.evaluate("reports.ind.hien-mau", tree["long_bien"], Q1).total.numerator == 0
    assert metrics.evaluate("reports.ind.hien-mau", tree["ha_noi"], Q1).total.numerator == 5


def test_filed_approved_and_late_count_against_the_round(q1, tree, people, households, blood):
    from datetime import datetime

    from django.utils import timezone

    from reports.models import Report

    ngoc_thuy, _sai_dong = reports(q1, tree)
    file_and_approve(
        ngoc_thuy, people["editor"], people["reviewer"], {households: (1, 2), blood: (1, 1)}
    )
    Report.objects.filter(pk=ngoc_thuy.pk).update(
        submitted_at=timezone.make_aware(datetime(2019, 3, 20))
    )
    filed = metrics.evaluate("reports.filed", tree["long_bien"], Q1).total
    assert (filed.numerator, filed.denominator) == (1, 2)
    approved = metrics.evaluate("reports.approved", tree["long_bien"], Q1).total
    assert approved.display() == "1/2 (50%)"
    # Sài Đồng never filed and 25/03/2019 is long past: late. Ngọc Thụy filed on time.
    assert metrics.evaluate("reports.late", tree["long_bien"], Q1).total.amount == 1
    Report.objects.filter(pk=ngoc_thuy.pk).update(
        submitted_at=timezone.make_aware(datetime(2019, 3, 28))
    )
    assert metrics.evaluate("reports.late", tree["long_bien"], Q1).total.amount == 2


def test_consolidated_district_report_does_not_count_the_wards_twice(
    q1, tree, people, households, blood, make_member
):
    from danvan.orgs.access import Role
    from reports.models import ReportingRound

    ngoc_thuy, _ = reports(q1, tree)
    file_and_approve(
        ngoc_thuy,
        people["editor"],
        people["reviewer"],
        {households: (7775, 8233), blood: (468, 300)},
    )
    district_round = open_round(
        tree["ha_noi"],
        [tree["long_bien"]],
        indicators=[households, blood],
        kind=ReportingRound.Kind.CONSOLIDATED,
        title="Quận",
    )
    district = district_round.reports.get()
    editor, city = (
        make_member(Role.EDITOR, tree["long_bien"]),
        make_member(Role.REVIEWER, tree["ha_noi"]),
    )
    file_and_approve(district, editor, city, {households: (7775, 8233), blood: (468, 300)})
    assert metrics.evaluate("reports.ind.hien-mau", tree["ha_noi"], Q1).total.numerator == 468
    assert metrics.evaluate("reports.expected", tree["ha_noi"], Q1).total.amount == 3


def test_indicator_metric_is_one_query_whatever_the_units(q1, tree, django_assert_num_queries):
    metric = metrics.get("reports.ind.hien-mau")
    scope = metrics.Scope.build(tree["ha_noi"], Q1)
    with django_assert_num_queries(1):
        metrics.evaluate(metric, tree["ha_noi"], Q1, scope)


def test_narrative_is_the_approved_report_else_the_submitted_one(
    q1, tree, people, households, blood
):
    ngoc_thuy, _ = reports(q1, tree)
    assert narratives.narrative_for(tree["ngoc_thuy"], Q1)["results"] == ""
    figures = {households: (1, 2), blood: (1, 1)}
    report = services.report_submit(
        actor=people["editor"], report=fill(ngoc_thuy, people["editor"], figures)
    )
    assert narratives.narrative_for(tree["ngoc_thuy"], Q1)["results"] == "Kết quả quý I"
    services.report_approve(actor=people["reviewer"], report=report)
    assert narratives.narrative_for(tree["ngoc_thuy"], Q1)["directions"] == "Phương hướng"


def test_money_indicator_keeps_big_amounts_exact(tree, people, make_member):
    from reports.models import Indicator
    from tests.reports.factories import IndicatorFactory

    fund = IndicatorFactory(code="quy", kind=Indicator.Kind.MONEY, has_target=True, measure="đồng")
    round_ = open_round(tree["long_bien"], [tree["ngoc_thuy"]], period="2018", indicators=[fund])
    file_and_approve(
        round_.reports.get(), people["editor"], people["reviewer"], {fund: (229010000, 120000000)}
    )
    total = metrics.evaluate("reports.ind.quy", tree["ngoc_thuy"], Period.parse("2018")).total
    assert (
        total.numerator == Decimal("229010000")
        and total.display() == "229.010.000/120.000.000 (190,84%)"
    )
