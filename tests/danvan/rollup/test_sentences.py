"""The roll-up's machinery on a fake app (`test.*` metrics, its own writer): sentences,
comparison with last year, tiles, headlines and breakdowns as the metrics declare them.
The apps' own sentences are tested on real data in tests/<app>/test_rollup.py."""

import pytest

from danvan import narratives
from danvan.metrics import Aggregation, Value
from danvan.periods import Period
from danvan.rollup import figures, registry, rendering
from danvan.rollup.sentences import listing
from tests.danvan.rollup.conftest import register_fake_section, register_fixed
from tests.danvan.rollup.helpers import pdf_text, squeeze

Q1 = Period.parse("2019Q1")
DISTRICT = "ha-noi/long-bien"


def build(unit):
    return figures.build(unit, Q1, with_charts=False)


def sentences_of(unit, key="test"):
    groups = {group.key: group for group in build(unit).groups}
    return groups[key].sentences if key in groups else []


def test_the_sentence_reads_like_the_district_report(source_figures):
    assert sentences_of(source_figures["long_bien"]) == [
        "Tiếp nhận 1.081 đơn/510 vụ việc, so với cùng kỳ tăng 15 đơn; "
        "đã giải quyết 462/510 vụ, đạt 90,59%.",
        "Tổ chức 14 hội nghị đối thoại; 594 ý kiến.",
    ]


def test_no_change_is_written_when_the_module_had_no_data_last_year(district):
    register_fixed("test.letters", "Đơn", "đơn", {"2019Q1": {DISTRICT: Value(amount=29)}}, tile=1)
    assert sentences_of(district["long_bien"]) == ["Tiếp nhận 29 đơn."]
    (letters,) = [t for t in build(district["long_bien"]).tiles if t.metric.code.startswith("test")]
    assert letters.metric.code == "test.letters"
    assert letters.change is None and letters.change_display == ""


def test_a_zero_last_year_counts_when_the_module_had_other_data(district):
    register_fixed("test.letters", "Đơn", "đơn", {"2019Q1": {DISTRICT: Value(amount=29)}})
    register_fixed("test.visits", "Lượt", "lượt", {"2018Q1": {DISTRICT: Value(amount=3)}})
    assert sentences_of(district["long_bien"]) == ["Tiếp nhận 29 đơn, so với cùng kỳ tăng 29 đơn."]


def test_a_module_without_data_in_the_period_writes_no_sentence(district):
    register_fixed("test.letters", "Đơn", "đơn", {"2018Q1": {DISTRICT: Value(amount=7)}})
    for key in ["test", "reports", "models_catalog", "petitions", "dialogues"]:
        assert sentences_of(district["long_bien"], key) == []


def test_fewer_than_last_year_reads_giam(district):
    register_fixed(
        "test.visits",
        "Lượt tiếp công dân",
        "lượt",
        {"2019Q1": {DISTRICT: Value(amount=46)}, "2018Q1": {DISTRICT: Value(amount=66)}},
    )
    assert sentences_of(district["long_bien"]) == [
        "Tiếp 46 lượt công dân, so với cùng kỳ giảm 20 lượt."
    ]


def test_a_writer_reading_a_code_it_did_not_declare_fails_loudly(source_figures):
    register_fake_section(uses=["test.letters"])
    with pytest.raises(registry.UndeclaredMetric, match="reads 'test.visits'"):
        build(source_figures["long_bien"])


def test_the_section_gives_the_groups_title_and_place(source_figures):
    register_fake_section(title="Nhóm thử nghiệm", order=99)
    register_fixed("test_other.rows", "Dòng", "dòng", {"2019Q1": {DISTRICT: Value(amount=2)}})
    keys = [group.key for group in build(source_figures["long_bien"]).groups]
    assert keys.index("orgs") < keys.index("test") < keys.index("test_other")  # 90 < 99 < none
    (group,) = [g for g in build(source_figures["long_bien"]).groups if g.key == "test"]
    assert group.title == "Nhóm thử nghiệm"


def test_tiles_are_the_metrics_that_say_so_in_their_order(source_figures):
    register_fixed("test.extra", "Thêm", "lần", {"2019Q1": {DISTRICT: Value(amount=8)}}, tile=0)
    tiles = [tile.metric.code for tile in build(source_figures["long_bien"]).tiles]
    # Before the apps' own tiles (their places start at 10), in the places they declare.
    assert tiles[:3] == ["test.extra", "test.letters", "test.cases_resolved"]
    assert "test.cases" not in tiles


def _fields():
    """Lines by field of the letters, and a split of one field (a line of a line)."""
    for code, amount, of in [
        ("test.letters_land", 70, "test.letters"),
        ("test.letters_social", 30, "test.letters"),
        ("test.letters_land_urban", 60, "test.letters_land"),
    ]:
        register_fixed(
            code,
            f"Đơn {code}",
            "đơn",
            {"2019Q1": {DISTRICT + "/ngoc-thuy": Value(amount=amount)}},
            breakdown_of=of,
            short_label=code.rsplit(".", 1)[1].replace("_", " "),
            order=20,
        )


def test_lines_of_a_figure_go_to_the_appendix_and_the_chart_shows_first_lines_only(
    source_figures,
):
    _fields()
    rollup = figures.build(source_figures["long_bien"], Q1)
    (group,) = [g for g in rollup.groups if g.key == "test"]
    main = [f.metric.code for f in group.main_figures]
    assert "test.letters_land" not in main and "test.letters" in main
    (appendix,) = group.appendix_tables
    assert appendix.title == "Theo lĩnh vực, loại"
    assert appendix.headers == ["Đơn test.letters_land", "Đơn test.letters_land_urban",
                                "Đơn test.letters_social"]  # fmt: skip
    (by_field,) = [chart for chart in group.charts if "Theo lĩnh vực" in chart]
    assert "<title>Đơn test.letters_land: 70</title>" in by_field
    assert "letters_land_urban" not in by_field  # its 60 are inside the 70 already
    assert "<title>Ngọc Thụy: 500</title>" in group.charts[0]  # the headline by unit


def test_a_writer_lists_lines_by_their_short_labels(source_figures):
    _fields()
    (group,) = [g for g in build(source_figures["long_bien"]).groups if g.key == "test"]
    lines = registry.Figures(group.figures, registry.sections()["test"]).lines_of
    with pytest.raises(registry.UndeclaredMetric):
        lines("test.letters_land")  # not declared by the fake writer
    register_fake_section(uses=["test.letters", "test.letters_land"])
    section = registry.sections()["test"]
    found = registry.Figures(group.figures, section)
    assert listing(found.lines_of("test.letters")) == "letters land 70; letters social 30"
    assert listing(found.lines_of("test.letters_land")) == "letters land urban 60"


def test_lines_of_a_named_breakdown_get_tables_of_their_own(source_figures):
    registry.register_breakdown("test.ind", title="Chỉ tiêu thử theo đơn vị")
    for n in range(5):
        register_fixed(
            f"test.ind.c{n}",
            f"Chỉ tiêu {n}",
            "hộ",
            {"2019Q1": {DISTRICT + "/bo-de": Value(numerator=n + 1, denominator=10)}},
            Aggregation.RATIO,
            breakdown_of="test.ind",
            order=30 + n,
        )
    (group,) = [g for g in build(source_figures["long_bien"]).groups if g.key == "test"]
    assert [(t.key, t.title, len(t.headers)) for t in group.tables] == [
        ("test-main-1", "Tiếp công dân và đối thoại (ứng dụng thử)", 4),
        ("test-main-2", "Tiếp công dân và đối thoại (ứng dụng thử)", 1),
        ("test-ind-1", "Chỉ tiêu thử theo đơn vị", 4),
        ("test-ind-2", "Chỉ tiêu thử theo đơn vị", 1),
    ]
    assert group.appendix_tables == []


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
