"""Letters and cases are made through the services, as the portal makes them."""

from datetime import date

import factory

from petitions import services
from petitions.models import Body, Kind, Letter
from tests.factories import UnitFactory, UserFactory


class LetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Letter

    unit = factory.SubFactory(UnitFactory)
    receiving_body = Body.PEOPLE_COMMITTEE
    received_on = date(2019, 3, 4)
    channel = Letter.Channel.POST
    kind = Kind.COMPLAINT
    summary = factory.Sequence(lambda n: f"Khiếu nại bồi thường đất số {n}")
    sender_name = "Nguyễn Văn Bình"
    sender_contact = "Tổ 5, Ngọc Thụy"

    @classmethod
    def _create(cls, model_class, *args, actor=None, case=None, **kwargs):
        actor = actor or UserFactory(is_superuser=True)
        sender = services.Sender(kwargs.pop("sender_name"), kwargs.pop("sender_contact"))
        return services.letter_register(actor=actor, sender=sender, case=case, **kwargs)
