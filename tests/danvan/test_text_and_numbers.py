import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.numbers import format_number, format_percent, format_ratio, percent
from danvan.search import SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS, fold, search_q, search_words


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


def test_a_search_reads_a_documented_number_of_characters_and_words():
    assert len(search_q("a" * 100_000).children) == 1
    pattern = search_q("a" * 100_000).children[0][1]  # one word: a whole-word regex
    assert "a" * SEARCH_MAX_LENGTH in pattern and "a" * (SEARCH_MAX_LENGTH + 1) not in pattern
    assert len(search_q(" ".join(["xa"] * 5000)).children) == SEARCH_MAX_WORDS


def test_nul_separates_the_words_searched_and_invisible_marks_are_dropped():
    assert search_words("Ngọc\x00Thụy Lo\u200bng\u202e Biên") == ["ngoc", "thuy", "long", "bien"]
    assert search_words("\u200b\ufeff") == []
    assert search_words("Nguye\u0302\u0303n") == ["nguyen"]  # NFD as NFC


@pytest.mark.django_db
def test_a_pasted_page_searches_without_error(tree):
    from danvan.orgs.models import Unit

    assert not Unit.objects.filter(search_q(" ".join(f"tu{n}" for n in range(30_000)), "name"))
