from decimal import Decimal

import pytest

from danvan.orgs.access import Role
from reports import services
from reports.models import Indicator
from tests.reports.factories import IndicatorFactory, open_round


@pytest.fixture
def households(db):
    return IndicatorFactory(
        code="gia-dinh-van-hoa", label="Hộ gia đình văn hóa", kind=Indicator.Kind.RATIO
    )


@pytest.fixture
def blood(db):
    return IndicatorFactory(
        code="hien-mau", label="Hiến máu", measure="đơn vị máu", has_target=True
    )


@pytest.fixture
def q1(tree, households, blood):
    """A Q1 2019 round of Long Biên for Ngọc Thụy and Sài Đồng (not Cát Linh, elsewhere)."""
    return open_round(
        tree["long_bien"], [tree["ngoc_thuy"], tree["sai_dong"]], indicators=[households, blood]
    )


@pytest.fixture
def people(tree, make_member):
    return {
        "editor": make_member(Role.EDITOR, tree["ngoc_thuy"]),
        "other_editor": make_member(Role.EDITOR, tree["sai_dong"]),
        "reviewer": make_member(Role.REVIEWER, tree["long_bien"]),
        "far_reviewer": make_member(Role.REVIEWER, tree["dong_da"]),
    }


SECTIONS = {
    "results": "Kết quả quý I",
    "shortcomings": "Hạn chế",
    "directions": "Phương hướng",
    "proposals": "",
}


def fill(report, actor, figures, sections=SECTIONS):
    """Save a draft with {indicator: (actual, target)} figures."""
    values = {
        indicator.pk: (Decimal(a) if a is not None else None, Decimal(t) if t is not None else None)
        for indicator, (a, t) in figures.items()
    }
    return services.report_save_draft(
        actor=actor, report=report, version=report.version, sections=sections, values=values
    )


def file_and_approve(report, editor, reviewer, figures):
    report = fill(report, editor, figures)
    report = services.report_submit(actor=editor, report=report)
    return services.report_approve(actor=reviewer, report=report)
