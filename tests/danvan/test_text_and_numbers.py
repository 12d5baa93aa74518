import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.numbers import format_number, format_percent, format_ratio, percent
from danvan.search import fold, search_q


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1081, 0, "1.081"),
        (229010000, 0, "229.010.000"),
        (95.0564, 2, "95,06"),
        (156, 2, "156"),
        (-1538, 0, "-1.538"),
        (0, 0, "0"),
        (90.588, 1, "90,6"),
        (None, 0, "–"),
    ],
)
def test_numbers_are_written_the_vietnamese_way(value, decimals, text):
    assert format_number(value, decimals) == text


def test_ratios_and_percentages():
    assert format_ratio(468, 300) == "468/300 (156%)"
    assert format_ratio(229010000, 120000000) == "229.010.000/120.000.000 (190,84%)"
    assert format_percent(percent(462, 510)) == "90,59%"
    assert percent(5, 0) is None and format_percent(None) == "–"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Phường Ngọc Thụy", "phuong ngoc thuy"),
        ("ĐỨC GIANG", "duc giang"),
        ("  Ô  Chợ Dừa ", "o cho dua"),
    ],
)
def test_fold_removes_diacritics_and_maps_d(text, folded):
    assert fold(text) == folded


@given(st.text())
def test_fold_is_idempotent_and_ascii_for_vietnamese(text):
    assert fold(fold(text)) == fold(text)


def test_search_q_requires_every_word():
    condition = search_q("Ngọc  THỤY")
    assert sorted(child[1] for child in condition.children) == ["ngoc", "thuy"]
    assert search_q("").children == []


def test_one_rounding_rule_for_sentence_table_tile_excel_and_api():
    from danvan.metrics import Value
    from danvan.numbers import round_percent
    from danvan.templatetags.portal import vn_percent, vn_share

    households = Value(numerator=6613, denominator=7001)  # 94,4579…%: 94,46 everywhere
    assert format_percent(households.percent) == "94,46%"  # sentences
    assert households.display() == "6.613/7.001 (94,46%)"  # tables, PDF and dashboard
    assert vn_percent(households.percent) == vn_share(6613, 7001) == "94,46%"  # tiles, forms
    assert households.as_json()["percent"] == float(round_percent(households.percent)) == 94.46
