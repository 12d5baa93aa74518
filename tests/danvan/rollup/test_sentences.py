import pytest

from danvan import narratives
from danvan.metrics import Aggregation, Value
from danvan.periods import Period
from danvan.rollup import figures, rendering
from tests.danvan.rollup.conftest import register_fixed
from tests.danvan.rollup.helpers import pdf_text, squeeze

Q1 = Period.parse("2019Q1")
DISTRICT = "ha-noi/long-bien"


def sentences_of(unit, key):
    groups = {group.key: group for group in figures.build(unit, Q1, with_charts=False).groups}
    return groups[key].sentences if key in groups else []


def test_petition_sentence_reads_like_the_district_report(source_figures):
    assert sentences_of(source_figures["long_bien"], "petitions") == [
        "Tiếp nhận 1.081 đơn/510 vụ việc, so với cùng kỳ tăng 15 đơn; "
        "đã giải quyết 462/510 vụ, đạt 90,6%."
    ]


def test_no_change_is_written_when_the_module_had_no_data_last_year(district):
    register_fixed("petitions.letters", "Đơn", "đơn", {"2019Q1": {DISTRICT: Value(amount=29)}})
    assert sentences_of(district["long_bien"], "petitions") == ["Tiếp nhận 29 đơn."]
    rollup = figures.build(district["long_bien"], Q1, with_charts=False)
    (letters,) = [tile for tile in rollup.tiles if tile.metric.code == "petitions.letters"]
    assert letters.change is None and letters.change_display == ""


def test_a_zero_last_year_counts_when_the_module_had_other_data(district):
    register_fixed("petitions.letters", "Đơn", "đơn", {"2019Q1": {DISTRICT: Value(amount=29)}})
    register_fixed("petitions.visits", "Lượt", "lượt", {"2018Q1": {DISTRICT: Value(amount=3)}})
    assert sentences_of(district["long_bien"], "petitions") == [
        "Tiếp nhận 29 đơn, so với cùng kỳ tăng 29 đơn."
    ]


def test_a_module_without_data_in_the_period_writes_no_sentence(district):
    for key in ["reports", "models_catalog", "petitions", "dialogues"]:
        assert sentences_of(district["long_bien"], key) == []


def test_fewer_than_last_year_reads_giam(district):
    register_fixed(
        "petitions.visits",
        "Lượt tiếp công dân",
        "lượt",
        {"2019Q1": {DISTRICT: Value(amount=46)}, "2018Q1": {DISTRICT: Value(amount=66)}},
    )
    register_fixed(
        "petitions.visit_cases", "Vụ việc", "vụ", {"2019Q1": {DISTRICT: Value(amount=29)}}
    )
    register_fixed(
        "petitions.visit_cases_resolved",
        "Đã giải quyết",
        "vụ",
        {"2019Q1": {DISTRICT: Value(numerator=22, denominator=29)}},
        Aggregation.RATIO,
    )
    assert sentences_of(district["long_bien"], "petitions") == [
        "Tiếp 46 lượt công dân (29 vụ việc), so với cùng kỳ giảm 20 lượt; "
        "đã giải quyết 22/29 vụ, đạt 75,9%."
    ]


def test_models_sentence_counts_registrants_and_models_separately(district):
    for code, amount in [
        ("models_catalog.models", 230),
        ("models_catalog.registrants_collective", 103),
        ("models_catalog.registrants_individual", 115),
        ("models_catalog.field_economy", 16),
    ]:
        register_fixed(
            code,
            "Lĩnh vực kinh tế" if "field" in code else code,
            "mô hình",
            {
                "2019Q1": {DISTRICT: Value(amount=amount)},
                "2018Q1": {DISTRICT: Value(amount=amount)},
            },
        )
    assert sentences_of(district["long_bien"], "models_catalog") == [
        "103 tập thể và 115 cá nhân đăng ký 230 mô hình “Dân vận khéo”, bằng cùng kỳ.",
        "Theo lĩnh vực: kinh tế 16.",
    ]


def test_dialogue_sentence_splits_direct_and_written_opinions(district):
    for code, amount in [
        ("dialogues.conferences", 14),
        ("dialogues.opinions", 594),
        ("dialogues.opinions_direct", 174),
        ("dialogues.opinions_written", 420),
        ("dialogues.answered_in_writing", 103),
    ]:
        register_fixed(code, code, "ý kiến", {"2019Q1": {DISTRICT: Value(amount=amount)}})
    register_fixed(
        "dialogues.answered_at_conference",
        "Giải quyết tại hội nghị",
        "ý kiến",
        {"2019Q1": {DISTRICT: Value(numerator=491, denominator=594)}},
        Aggregation.RATIO,
    )
    text, *_ = sentences_of(district["long_bien"], "dialogues")
    assert text.startswith("Tổ chức 14 hội nghị đối thoại")
    assert "594 ý kiến (174 ý kiến trực tiếp, 420 bằng văn bản)" in text
    assert "giải quyết tại hội nghị 491/594 ý kiến (82,7%)" in text
    assert "trả lời bằng văn bản 103 ý kiến" in text


def test_indicator_sentence_writes_actual_over_target(district):
    register_fixed(
        "reports.ind.households",
        "Hộ gia đình văn hóa",
        "hộ",
        {"2019Q1": {DISTRICT + "/ngoc-thuy": Value(numerator=7775, denominator=8233)}},
        Aggregation.RATIO,
    )
    assert sentences_of(district["long_bien"], "reports") == [
        "Hộ gia đình văn hóa: 7.775/8.233 hộ, đạt 94,4%."
    ]


@pytest.mark.django_db
def test_sections_two_and_three_come_from_the_units_narrative(source_figures, tmp_path):
    def provider(unit, period):
        return {
            "shortcomings": "Một số phường nộp báo cáo chậm.",
            "directions": "Tập trung đối thoại.",
        }

    narratives.register(provider)
    pdf = rendering.rollup_pdf(source_figures["long_bien"], Q1)
    text = squeeze(pdf_text(pdf, tmp_path))
    assert "II. HẠN CHẾ, NGUYÊN NHÂN Một số phường nộp báo cáo chậm." in text
    assert "Tập trung đối thoại." in text
