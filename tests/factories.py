import factory
from django.contrib.auth import get_user_model

from danvan.orgs import services
from danvan.orgs.models import Membership, Unit


class UnitFactory(factory.django.DjangoModelFactory):
    """Units are created through the service, which derives the code, path and depth."""

    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Phường Thử {n}")
    kind = Unit.Kind.WARD
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.unit_create(actor=None, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Hà"
    last_name = "Trần Thị"
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-2019")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = "editor"
