import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from danvan import metrics
from danvan.metrics import Aggregation, Metric, Scope, Value
from danvan.periods import Period
from tests import factories

Q1 = Period.parse("2019Q1")


def fake(aggregation, rows):
    return Metric("test.fake", "Fake", "hộ", aggregation, lambda scope: rows)


@pytest.mark.django_db
class TestFolding:
    def test_rows_fold_into_child_units_and_total(self, tree):
        rows = {
            "ha-noi/long-bien/ngoc-thuy": Value(amount=5),
            "ha-noi/long-bien/ngoc-thuy/to-dan-pho-1": Value(amount=2),
            "ha-noi/long-bien/sai-dong": Value(amount=4),
            "ha-noi/dong-da/cat-linh": Value(amount=100),  # outside the scope: ignored
        }
        result = metrics.evaluate(fake(Aggregation.SUM, rows), tree["long_bien"], Q1)
        assert result.total == Value(amount=11)
        assert [(line.unit.name, line.value.amount) for line in result.lines] == [
            ("Ngọc Thụy", 7),
            ("Sài Đồng", 4),
        ]

    def test_ratio_is_summed_parts_not_average_of_percents(self, tree):
        rows = {
            "ha-noi/long-bien/ngoc-thuy": Value(numerator=7775, denominator=8233),
            "ha-noi/long-bien/sai-dong": Value(numerator=468, denominator=300),
        }
        result = metrics.evaluate(fake(Aggregation.RATIO, rows), tree["long_bien"], Q1)
        assert (result.total.numerator, result.total.denominator) == (8243, 8533)
        assert round(result.total.percent, 2) == Decimal("96.60")  # not (95.06 + 156) / 2
        # The source article prints 95,06%, but 7775/8233 is 94,44%: the portal computes.
        assert result.lines[0].value.display() == "7.775/8.233 (94,44%)"
        assert result.lines[1].value.display() == "468/300 (156%)"

    def test_units_without_data_show_zero(self, tree):
        result = metrics.evaluate(fake(Aggregation.SUM, {}), tree["long_bien"], Q1)
        assert [line.value for line in result.lines] == [Value(amount=0), Value(amount=0)]
        ratio = metrics.evaluate(fake(Aggregation.RATIO, {}), tree["long_bien"], Q1)
        assert ratio.total.percent is None and ratio.total.display() == "0/0 (–)"

    def test_records_of_the_unit_itself_get_their_own_line(self, tree):
        rows = {"ha-noi/long-bien": Value(amount=3), "ha-noi/long-bien/sai-dong": Value(amount=1)}
        result = metrics.evaluate(fake(Aggregation.SUM, rows), tree["long_bien"], Q1)
        assert result.lines[0].unit == tree["long_bien"] and result.lines[0].value.amount == 3
        assert result.total.amount == 4

    def test_new_unit_reaches_the_data_of_the_units_it_took_over(self, tree):
        from datetime import date

        from danvan.orgs import services

        new_ward = factories.UnitFactory(
            name="Bồ Đề", code="phuong-bo-de", parent=tree["ha_noi"], valid_from=date(2025, 7, 1)
        )
        services.lineage_record(
            actor=None,
            successor=new_ward,
            predecessor=tree["ngoc_thuy"],
            share="whole",
            effective_date=date(2025, 7, 1),
        )
        rows = {"ha-noi/long-bien/ngoc-thuy/to-dan-pho-1": Value(amount=9)}
        before = metrics.evaluate(fake(Aggregation.SUM, rows), new_ward, Period.parse("2019"))
        assert before.total.amount == 9
        assert [line.unit.name for line in before.lines] == ["Ngọc Thụy"]
        after = metrics.evaluate(fake(Aggregation.SUM, rows), new_ward, Period.parse("2026"))
        assert after.total.amount == 0


@pytest.mark.django_db
def test_scope_query_count_does_not_grow_with_units(tree, django_assert_max_num_queries):
    for n in range(60):
        factories.UnitFactory(
            name=f"Tổ dân phố {n + 2}", kind="residential_group", parent=tree["sai_dong"]
        )
    metric = metrics.get("orgs.residential_groups")
    with django_assert_max_num_queries(3):  # children, lineage, the metric's one query
        result = metrics.evaluate(metric, tree["ha_noi"], Q1)
    assert result.total.amount == 61


@pytest.mark.django_db
def test_metrics_command_prints_json_with_plain_numbers(tree, capsys):
    call_command("metrics", unit="ha-noi/long-bien", period="2019Q1", json=True)
    document = json.loads(capsys.readouterr().out)
    assert document["period_label"] == "Quý I năm 2019"
    groups = next(m for m in document["metrics"] if m["code"] == "orgs.residential_groups")
    assert groups["total"] == {"value": 1}
    assert {"unit": "ha-noi/long-bien/ngoc-thuy", "name": "Phường Ngọc Thụy", "value": 1} in groups[
        "by_unit"
    ]


@pytest.mark.django_db
def test_metrics_command_refuses_bad_input(tree):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="2019Q5"):
        call_command("metrics", unit="ha-noi/long-bien", period="2019Q5")
    with pytest.raises(CommandError, match="khong-co"):
        call_command("metrics", unit="ha-noi/khong-co", period="2019Q1")


def test_scope_groups_rows_by_child_path():
    from danvan.orgs.models import Unit

    unit = Unit(path="a/b", name="b")
    scope = Scope(unit=unit, period=Q1, children=[], predecessors=[])
    assert scope.group_of("a/b/c/d") == "a/b/c"
    assert scope.group_of("a/b") == "a/b"
    assert scope.group_of("a/bc") is None


# --- Batched metrics (metrics.Batch) on the demo data ---------------------------------------

DEMO_SCOPES = [
    ("ha-noi/long-bien/ngoc-thuy", "2019Q1"),  # a ward
    ("ha-noi/long-bien/ngoc-thuy", "2019"),
    ("ha-noi/long-bien", "2019Q1"),  # a district
    ("ha-noi/long-bien", "2018"),
    ("ha-noi", "2019"),  # the city
    ("ha-noi", "2018Q4"),
    ("ha-noi/phuong-bo-de", "2019"),  # a new ward: its predecessors' data
]


@pytest.fixture
def demo(db):
    from tests.dialogues.factories import ensure_fields

    ensure_fields()  # a transactional test before may have flushed the seeded opinion fields
    call_command("seed_demo", stdout=StringIO())


@pytest.mark.django_db
def test_evaluate_all_gives_each_metric_what_it_gives_alone(demo):
    from danvan.orgs.models import Unit

    registered = metrics.all_metrics()
    batched = [m for m in registered if isinstance(m.compute, metrics.BatchFigure)]
    assert len(batched) >= 59  # the apps' single-aggregate metrics are batched
    counted = set()
    for path, code in DEMO_SCOPES:
        unit, period = Unit.objects.get(path=path), Period.parse(code)
        scope = Scope.build(unit, period)
        if path == "ha-noi/phuong-bo-de":
            assert scope.predecessors
        together = metrics.evaluate_all(unit, period, registered, scope)
        for metric, result in zip(registered, together, strict=True):
            alone = metrics.evaluate(metric, unit, period, scope)
            assert result.metric == metric
            assert (result.total, result.lines) == (alone.total, alone.lines), metric.code
            if result.total.number:
                counted.add(metric.code)
        # The rows themselves, not only their folding (a path with no rows gets none).
        many = {}
        for compute_many in {m.compute_many for m in batched}:
            many.update(compute_many(scope, [m for m in batched if m.compute_many == compute_many]))
        for metric in batched:
            assert many[metric.code] == metric.compute(scope), (metric.code, path, code)
    # The demo gives figures to the metrics of every batch (the comparison is not of zeros).
    assert {m.compute.batch for m in batched if m.code in counted} == {
        m.compute.batch for m in batched
    }
    assert len(counted & {m.code for m in batched}) >= 40


# Queries of evaluate_all over every registered metric: one per Batch (5: letters received,
# cases received, conferences held, opinions, models of the period), one for the report
# indicators, one for the five report states, and one per metric that is not batched (7:
# petitions' letters carried over, visits, visit cases, visit cases resolved; dialogues' units
# with a conference; the indicators achieved; the residential groups).
EVALUATE_ALL_QUERIES = 5 + 1 + 1 + 7


@pytest.mark.django_db
def test_evaluate_all_runs_one_query_per_batch(demo, django_assert_max_num_queries):
    from danvan.orgs.models import Unit

    registered = metrics.all_metrics()
    assert len(registered) >= 70  # the apps' static metrics and the demo's indicators
    unit = Unit.objects.get(path="ha-noi")
    scope = Scope.build(unit, Period.parse("2019"))
    with django_assert_max_num_queries(EVALUATE_ALL_QUERIES):
        metrics.evaluate_all(unit, scope.period, registered, scope)


@pytest.mark.django_db
def test_batch_metric_alone_and_together_give_the_same_rows(tree):
    from django.db.models import Count, Q, Sum

    from danvan.orgs.models import Unit

    batch = metrics.Batch(lambda scope: Unit.objects.filter(scope.unit_q("path")), "path")
    codes = ["test.units", "test.groups", "test.depth", "test.wards_share", "test.none"]
    try:
        batch.register(codes[0], label="Units", unit="", amount=Count("id"))
        batch.register(
            codes[1], label="Groups", unit="", where=Q(kind="residential_group"), amount=Count("id")
        )
        batch.register(codes[2], label="Depth", unit="", amount=lambda scope: Sum("depth"))
        batch.register(
            codes[3],
            label="Wards",
            unit="",
            numerator=Count("id", filter=Q(kind="ward")),
            denominator=Count("id"),
        )
        batch.register(codes[4], label="None", unit="", where=Q(kind="commune"), amount=Count("id"))
        with pytest.raises(ValueError):
            batch.register("test.bad", label="Bad", unit="", numerator=Count("id"))
        chosen = [metrics.get(code) for code in codes]
        scope = Scope.build(tree["long_bien"], Q1)
        together = chosen[0].compute_many(scope, chosen)
        alone = {metric.code: metric.compute(scope) for metric in chosen}
        assert together == alone
        # Only the paths that have rows the metric counts, as sum_by_unit gives them.
        assert together["test.groups"] == {tree["group_1"].path: Value(amount=1)}
        assert together["test.none"] == {}
        assert together["test.wards_share"][tree["sai_dong"].path] == Value(
            numerator=1, denominator=1
        )
        results = metrics.evaluate_all(tree["long_bien"], Q1, chosen, scope)
        assert [r.total for r in results] == [
            Value(amount=4),  # Long Biên, Ngọc Thụy, its group, Sài Đồng
            Value(amount=1),
            Value(amount=1 + 2 + 3 + 2),
            Value(numerator=2, denominator=4),
            Value(amount=0),
        ]
    finally:
        for code in codes:
            metrics._static.pop(code, None)
