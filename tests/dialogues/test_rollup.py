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
    own = ConferenceFactory(unit=tree["long_bien"], held_on=date(2018, 11, 5), attendees=120)
    OpinionFactory(conference=own, field=field("land"))
    assert sentences(tree["long_bien"], Period.parse("2018")) == [
        "Tổ chức 2 hội nghị cấp phường với 3 ý kiến (2 trực tiếp, 1 bằng văn bản), giải quyết "
        "tại hội nghị 2, trả lời bằng văn bản 1 ý kiến; 78 lượt người tham dự.",
        "Cấp quận đã tổ chức 01 hội nghị đối thoại với 1 ý kiến, giải quyết tại hội nghị 1; "
        "120 lượt người tham dự.",
        "Ý kiến theo lĩnh vực: phát triển kinh tế – xã hội 1; đất đai, giải phóng mặt bằng 3.",
    ]


def test_a_ward_alone_gets_one_sentence_without_levels(tree):
    conference = ConferenceFactory(unit=tree["ngoc_thuy"], held_on=date(2018, 9, 10), attendees=9)
    OpinionFactory(conference=conference)
    assert sentences(tree["ngoc_thuy"], Period.parse("2018"))[0] == (
        "Tổ chức 01 hội nghị đối thoại với 1 ý kiến, giải quyết tại hội nghị 1; "
        "9 lượt người tham dự."
    )
