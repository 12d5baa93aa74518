"""Letters and cases are made through the services, as the portal makes them."""

from datetime import date

import factory
from django.contrib.auth import get_user_model

from petitions import services
from petitions.models import Body, Kind, Letter
from tests.factories import UnitFactory, UserFactory


def _factory_admin():
    """One superuser per test registers the letters no test user was named for (hashing a
    password per letter would make the tests slow)."""
    found = get_user_model().objects.filter(username="factory-admin").first()
    return found or UserFactory(username="factory-admin", is_superuser=True)


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
        actor = actor or _factory_admin()
        sender = services.Sender(kwargs.pop("sender_name"), kwargs.pop("sender_contact"))
        return services.letter_register(actor=actor, sender=sender, case=case, **kwargs)
