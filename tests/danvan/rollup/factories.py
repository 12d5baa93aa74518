import factory

from danvan.periods import Period
from danvan.rollup.models import Export
from tests.factories import UnitFactory


class ExportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Export

    kind = Export.Kind.ROLLUP_PDF
    unit = factory.SubFactory(UnitFactory)
    period = "2019Q1"
    period_start = factory.LazyAttribute(lambda export: Period.parse(export.period).start)
    period_end = factory.LazyAttribute(lambda export: Period.parse(export.period).end)
    fingerprint = factory.Sequence(lambda n: f"{n:064x}")
