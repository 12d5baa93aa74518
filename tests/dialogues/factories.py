from datetime import date

import factory

from dialogues import services
from dialogues.models import Conference, Opinion, OpinionField
from tests.factories import UnitFactory

SEEDED = {
    "party_building": "Xây dựng Đảng",
    "socio_economy": "Kinh tế – xã hội",
    "defence_security": "Quốc phòng – an ninh",
    "land": "Đất đai, giải phóng mặt bằng",
    "other": "Lĩnh vực khác",
}


def ensure_fields() -> None:
    """The five fields migration 0002 seeds; a transactional test before may have flushed them."""
    for order, (code, label) in enumerate(SEEDED.items()):
        OpinionField.objects.get_or_create(code=code, defaults={"label": label, "order": order})


def field(code: str) -> OpinionField:
    ensure_fields()
    return OpinionField.objects.get(code=code)


class ConferenceFactory(factory.django.DjangoModelFactory):
    """Conferences are recorded through the service, like on the page."""

    class Meta:
        model = Conference

    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Hội nghị đối thoại số {n}")
    chair = "Nguyễn Văn Bình"
    secretary = "Lê Thị Thư"
    held_on = date(2018, 9, 10)
    notice_on = date(2018, 9, 1)
    place = "Hội trường phường"
    attendees = 100

    @classmethod
    def _create(cls, model_class, *args, status=Conference.Status.HELD, **kwargs):
        conference = services.conference_create(actor=None, **kwargs)
        if status != Conference.Status.PLANNED:
            conference = services.conference_mark_held(
                actor=None,
                conference=conference,
                version=conference.version,
                attendees=conference.attendees,
            )
        return conference


class OpinionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opinion

    conference = factory.SubFactory(ConferenceFactory)
    content = factory.Sequence(lambda n: f"Đề nghị sửa đường ngõ {n}")
    channel = Opinion.Channel.DIRECT
    outcome = Opinion.Outcome.AT_CONFERENCE
    field = factory.LazyFunction(lambda: field("socio_economy"))

    @classmethod
    def _create(cls, model_class, *args, conference, **kwargs):
        return services.opinion_create(actor=None, conference=conference, **kwargs)


def written(**kwargs) -> dict:
    """Fields of an opinion taken for a written answer."""
    return {
        "outcome": Opinion.Outcome.WRITTEN_ANSWER,
        "assignee": "Phòng Quản lý đô thị",
        "deadline": date(2018, 10, 10),
        **kwargs,
    }
