import factory

from danvan.search import fold, search_text
from models_catalog.models import Field, Level, PracticeModel, Registrant, Status
from tests.factories import UnitFactory

# The smallest valid PNG: 1×1 pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


class RegistrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registrant

    unit = factory.SubFactory(UnitFactory)
    kind = Registrant.Kind.COLLECTIVE
    name = factory.Sequence(lambda n: f"Chi hội Phụ nữ số {n}")
    folded_name = factory.LazyAttribute(lambda r: fold(r.name))


class PracticeModelFactory(factory.django.DjangoModelFactory):
    """A model whose registrant belongs to the same unit, as the services guarantee."""

    class Meta:
        model = PracticeModel

    unit = factory.SubFactory(UnitFactory)
    registrant = factory.SubFactory(RegistrantFactory, unit=factory.SelfAttribute("..unit"))
    name = factory.Sequence(lambda n: f"Mô hình dân vận khéo số {n}")
    field = Field.ECONOMY
    level = Level.WARD
    start_year = 2019
    end_year = factory.SelfAttribute("start_year")
    status = Status.REGISTERED
    search_text = factory.LazyAttribute(lambda m: search_text(m.name, m.registrant.name))
