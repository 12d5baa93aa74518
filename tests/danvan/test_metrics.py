import json
from decimal import Decimal

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
            share="most",
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
