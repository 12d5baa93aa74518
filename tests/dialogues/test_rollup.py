"""The dialogues' sentences in the roll-up, on conferences and opinions the tests record."""

from datetime import date

import pytest

from danvan.periods import Period
from danvan.rollup import figures
from dialogues.models import Opinion
from tests.dialogues.factories import ConferenceFactory, OpinionFactory, field, written

pytestmark = pytest.mark.django_db


def sentences(unit, period):
    groups = {g.key: g for g in figures.build(unit, period, with_charts=False).groups}
    return groups["dialogues"].sentences


def test_conferences_opinions_and_answers_read_like_the_district_report(tree):
    first = ConferenceFactory(unit=tree["ngoc_thuy"], held_on=date(2018, 9, 10), attendees=37)
    second = ConferenceFactory(unit=tree["sai_dong"], held_on=date(2018, 10, 2), attendees=41)
    OpinionFactory(conference=first)
    OpinionFactory(conference=first, field=field("land"))
    OpinionFactory(
        conference=second,
        channel=Opinion.Channel.WRITTEN,
        **written(answered_on=date(2018, 10, 8), field=field("land")),
    )
    assert sentences(tree["long_bien"], Period.parse("2018")) == [
        "Tổ chức 2 hội nghị đối thoại tại 2 đơn vị, 78 lượt người tham dự; 3 ý kiến "
        "(2 ý kiến trực tiếp, 1 bằng văn bản); giải quyết tại hội nghị 2/3 ý kiến (66,67%); "
        "trả lời bằng văn bản 1 ý kiến.",
        "Ý kiến theo lĩnh vực: phát triển kinh tế – xã hội 1; đất đai, giải phóng mặt bằng 2.",
    ]
