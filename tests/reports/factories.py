from datetime import date

import factory

from reports import services
from reports.models import Indicator


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"chi-tieu-{n}")
    label = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    measure = "hộ"
    kind = Indicator.Kind.NUMBER
    has_target = False


def template(indicators=(), period_kind="Q", required=("results",)):
    return services.template_create(
        actor=None,
        name="Báo cáo công tác dân vận",
        period_kind=period_kind,
        sections=["results", "shortcomings", "directions", "proposals"],
        required_sections=list(required),
        indicators=list(indicators),
    )


def open_round(owner, units, *, period="2019Q1", indicators=(), due=date(2019, 3, 25), **kw):
    return services.round_open(
        actor=None,
        owner=owner,
        period=period,
        template=kw.pop("template", None) or template(indicators, period_kind=period[4:5] or "Y"),
        title=kw.pop("title", f"Báo cáo {period}"),
        due_date=due,
        units=units,
        **kw,
    )
