"""One definition of an overdue written answer: the awaiting-answers list, the conference's
rows, the `dialogues.overdue` figure and the editors' reminders agree on opinions around the
deadline (on a unit, names and dates the demo does not have)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from danvan import metrics
from danvan.models import Notification
from danvan.orgs.access import Role
from danvan.periods import Period
from dialogues import services
from dialogues.models import Opinion
from tests import factories
from tests.dialogues.factories import ConferenceFactory, OpinionFactory, ensure_fields, written

pytestmark = pytest.mark.django_db
TODAY = date(2023, 10, 31)  # the last day of 2023M10

# name: (deadline, answered on); all taken for a written answer
WRITTEN = {
    "due_yesterday": (date(2023, 10, 30), None),
    "long_overdue": (date(2023, 10, 5), None),
    "due_today": (date(2023, 10, 31), None),
    "due_tomorrow": (date(2023, 11, 1), None),
    "answered_late": (date(2023, 10, 10), date(2023, 10, 20)),
    "answered_on_time": (date(2023, 10, 25), date(2023, 10, 20)),
    "answered_today_late": (date(2023, 10, 25), TODAY),
}
OVERDUE_TODAY = {"due_yesterday", "long_overdue"}


@pytest.fixture
def world(make_member):
    ensure_fields()
    with time_machine.travel(TODAY, tick=False):
        province = factories.UnitFactory(name="Tỉnh Thử Đối Thoại", kind="province", parent=None)
        district = factories.UnitFactory(
            name="Huyện Hỏi Đáp", kind="rural_district", parent=province
        )
        commune = factories.UnitFactory(name="Xã Trả Lời", kind="commune", parent=district)
        editor = make_member(Role.EDITOR, commune, username="canbo.traloi")
        conference = ConferenceFactory(
            unit=commune,
            title="Đối thoại về nước sạch",
            held_on=date(2023, 10, 2),
            notice_on=date(2023, 9, 20),
        )
        opinions = {
            name: OpinionFactory(
                conference=conference,
                **written(deadline=deadline, answered_on=answered_on, content=f"Ý kiến {name}"),
            )
            for name, (deadline, answered_on) in WRITTEN.items()
        }
        # answered at the conference: never awaited, never overdue
        opinions["at_conference"] = OpinionFactory(conference=conference, content="Đã trả lời")
    return {
        "district": district,
        "commune": commune,
        "editor": editor,
        "conference": conference,
        "opinions": opinions,
    }


def _names(world, opinions) -> set[str]:
    ids = {opinion.pk for opinion in opinions}
    return {name for name, opinion in world["opinions"].items() if opinion.pk in ids}


def test_the_definition_on_the_boundary_and_on_a_loaded_opinion(world):
    assert _names(world, Opinion.objects.overdue_on(TODAY)) == OVERDUE_TODAY
    assert _names(world, Opinion.objects.overdue_on(date(2023, 10, 30))) == {
        "long_overdue",
        "answered_today_late",
    }
    day = date(2023, 10, 1)
    while day <= date(2023, 11, 5):
        in_database = _names(world, Opinion.objects.overdue_on(day))
        loaded = Opinion.objects.filter(pk__in=[o.pk for o in world["opinions"].values()])
        assert _names(world, [o for o in loaded if o.is_overdue(day)]) == in_database, day
        day += timedelta(days=1)


def test_the_figure_and_the_reminder_count_the_same_answers(world):
    period = Period.parse("2023M10")
    for unit in (world["commune"], world["district"]):
        figure = metrics.evaluate("dialogues.overdue", unit, period).total.amount
        assert figure == len(OVERDUE_TODAY)
    assert services.overdue_reminders_send(today=TODAY) == 1
    notification = Notification.objects.get(user=world["editor"])
    assert notification.title.startswith(f"{len(OVERDUE_TODAY)} ý kiến")


def test_the_pages_mark_the_same_answers_overdue(client, world, make_member):
    client.force_login(make_member(Role.REVIEWER, world["district"]))
    with time_machine.travel(TODAY, tick=False):
        awaiting = client.get(reverse("dialogues:awaiting_answers"))
        marked = [opinion for opinion in awaiting.context["page"] if opinion.is_overdue_today]
        assert _names(world, marked) == OVERDUE_TODAY
        assert awaiting.content.decode().count("countdown-late") == len(OVERDUE_TODAY)
        detail = client.get(reverse("dialogues:conference_detail", args=[world["conference"].pk]))
        assert detail.content.decode().count("countdown-late") == len(OVERDUE_TODAY)
