"""The reports' sentences and indicator tables in the roll-up, on reports the tests file."""

import pytest

from danvan.periods import Period
from danvan.rollup import figures
from tests.reports.conftest import file_and_approve

pytestmark = pytest.mark.django_db
Q1 = Period.parse("2019Q1")


def group(unit):
    groups = {g.key: g for g in figures.build(unit, Q1, with_charts=False).groups}
    return groups["reports"]


def test_indicators_and_their_table_read_like_the_district_report_not_the_filing(
    q1, tree, people, households, blood
):
    ngoc_thuy = q1.reports.get(unit=tree["ngoc_thuy"])
    file_and_approve(
        ngoc_thuy, people["editor"], people["reviewer"], {households: (611, 650), blood: (37, 25)}
    )
    found = group(tree["long_bien"])
    assert found.sentences == [
        # The filing status (1/2 filed) is the board's, not a result of the work.
        "1/2 chỉ tiêu đạt và vượt (50%).",
        "Hộ gia đình văn hóa: 611/650 hộ, đạt 94%; Hiến máu: 37/25 đơn vị máu, đạt 148%.",
    ]
    (indicators,) = [t for t in found.tables if t.key == "reports-ind-1"]
    assert indicators.title == "Chỉ tiêu theo đơn vị"
    assert indicators.headers == ["Hộ gia đình văn hóa", "Hiến máu"]
