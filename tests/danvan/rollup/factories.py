import factory

from danvan.rollup.models import Export
from tests.factories import UnitFactory


class ExportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Export

    kind = Export.Kind.ROLLUP_PDF
    unit = factory.SubFactory(UnitFactory)
    period = "2019Q1"
    fingerprint = factory.Sequence(lambda n: f"{n:064x}")
