"""The report's content (danvan.rollup.report) on units and texts the test makes: sections
from the unit's own report or, while it is missing, from its children's; the appendix
without rows of zeros; the export page's word when the own report is missing."""

import pytest

from danvan import narratives
from danvan.orgs.access import Role
from danvan.periods import Period
from danvan.rollup import rendering
from tests.danvan.rollup.factories import ExportFactory

Q1 = Period.parse("2019Q1")
CHILDREN = [
    (
        "Phường Bến Gỗ",
        {"results": "Ra mắt tổ hòa giải kiểu mẫu.", "shortcomings": "Họp tổ còn thưa.",
         "directions": "Nhân rộng tổ hòa giải.", "proposals": ""},
    ),
    (
        "Phường Thạch Cầu",
        {"results": "Vận động 40 hộ hiến đất làm ngõ.", "shortcomings": "Họp tổ còn thưa.",
         "directions": "Hoàn thành ngõ Thạch Cầu 3.", "proposals": ""},
    ),
]  # fmt: skip


def children_texts(unit, period):
    return CHILDREN


def sections_of(report):
    return {section.number: (section.title, section.paragraphs) for section in report.sections}


def test_the_childrens_texts_stand_in_while_the_own_report_is_missing(source_figures):
    narratives.register_children(children_texts)
    report = rendering.rollup_report(source_figures["long_bien"], Q1)
    assert not report.own_report
    assert sections_of(report) == {
        "I": ("Kết quả", ["Ra mắt tổ hòa giải kiểu mẫu.", "Vận động 40 hộ hiến đất làm ngõ."]),
        "II": ("Hạn chế, nguyên nhân", ["Họp tổ còn thưa."]),  # written by both, printed once
        "III": (
            "Phương hướng, nhiệm vụ trọng tâm kỳ tới",
            ["Nhân rộng tổ hòa giải.", "Hoàn thành ngõ Thạch Cầu 3."],
        ),
    }  # IV: nobody wrote proposals, so there is no section IV and no placeholder
    assert [part.title for part in report.sections[0].parts][:1] == [
        "Tiếp công dân và đối thoại (ứng dụng thử)"
    ]


def test_the_units_own_report_wins_and_proposals_make_section_iv(source_figures):
    narratives.register_children(children_texts)
    narratives.register(
        lambda unit, period: {
            "results": "Ban Dân vận quận tổng hợp.\n\nĐoạn thứ hai.",
            "proposals": "Đề nghị Thành ủy bố trí kinh phí.",
        }
    )
    report = rendering.rollup_report(source_figures["long_bien"], Q1)
    assert report.own_report
    assert sections_of(report) == {
        "I": ("Kết quả", ["Ban Dân vận quận tổng hợp.", "Đoạn thứ hai."]),
        "II": ("Đề xuất, kiến nghị", ["Đề nghị Thành ủy bố trí kinh phí."]),
    }


def test_the_appendix_leaves_out_rows_that_show_nothing(source_figures):
    report = rendering.rollup_report(source_figures["long_bien"], Q1, {"number": "12"})
    assert report.appendix.heading.startswith("(Kèm theo Báo cáo số 12-BC/BDVQU ngày …… của")
    tables = [table for part in report.appendix.parts for table in part.tables]
    assert tables
    for table in tables:
        for row in table.rows:
            assert any(cell not in {"0", "–", "0/0 (–)"} for cell in row[1:]), (table.title, row)
        assert table.total[0] == "Tổng cộng" and len(table.total) == len(table.headers)


@pytest.mark.parametrize("own", [False, True])
def test_the_export_page_says_when_the_own_report_is_missing(client, login_as, district, own):
    unit = district["long_bien"]
    login_as(Role.REVIEWER, unit)
    narratives.register_children(children_texts)
    narratives.register_link(lambda unit, period: "/bao-cao/dot-bao-cao/mo/")
    if own:
        narratives.register(lambda unit, period: {"results": "Ban tự viết."})
    export = ExportFactory(unit=unit, status="done")
    page = client.get(f"/tong-hop/xuat/{export.pk}/").content.decode()
    notice = "Báo cáo của chính Quận Long Biên cho quý I năm 2019 chưa được tổng hợp"
    assert (notice in page) is not own
    assert ('href="/bao-cao/dot-bao-cao/mo/"' in page) is not own
    if not own:
        assert "báo cáo đã duyệt của 2 đơn vị cấp dưới" in page
