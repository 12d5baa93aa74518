"""A fake app (`test.*` metrics, its section and sentence writer) and a small district.

The roll-up's machinery is tested on the fake app, never on stand-ins for the apps' own
codes: the apps' sentences are tested on real data in their own test folders. The
registries are module-level; every test gets them back as they were, so a fake never leaks
into another test (or into the i18n and metrics tests of the core).
"""

import pytest
from django.db.models import Count
from django.utils.module_loading import autodiscover_modules

from danvan import metrics, narratives
from danvan.metrics import Aggregation, Value
from danvan.orgs import services as org_services
from danvan.rollup import registry
from danvan.rollup.sentences import n, part, present, sentence, with_change
from tests import factories

WARDS = ["Ngọc Thụy", "Sài Đồng", "Bồ Đề"]
FAKE = "test"  # the fake app's section: the prefix of its metric codes


@pytest.fixture(autouse=True)
def clean_registry():
    autodiscover_modules("metrics")  # the apps' metrics first, or the restore would drop them
    registry.sections()  # and the apps' sections
    static, sources = dict(metrics._static), list(metrics._sources)
    providers = list(narratives._providers)
    children, links = list(narratives._children), list(narratives._links)
    sections, breakdowns = dict(registry._sections), dict(registry._breakdowns)
    register_fake_section()
    yield
    narratives._providers[:] = providers
    narratives._children[:] = children
    narratives._links[:] = links
    metrics._static.clear()
    metrics._static.update(static)
    metrics._sources[:] = sources
    registry._sections.clear()
    registry._sections.update(sections)
    registry._breakdowns.clear()
    registry._breakdowns.update(breakdowns)


def write_fake(f) -> list[str]:
    """The fake app's writer, in the manner of the district reports (helpers of the core)."""
    visits = ""
    if found := present(f, "test.visits"):
        visits = sentence([with_change(f"tiếp {n(found)} lượt công dân", found)])
    clauses = []
    if letters := present(f, "test.letters"):
        text = f"tiếp nhận {n(letters)} đơn"
        if cases := present(f, "test.cases"):
            text += f"/{n(cases)} vụ việc"
        clauses.append(with_change(text, letters))
    if resolved := present(f, "test.cases_resolved"):
        done, total, share = part(resolved)
        clauses.append(f"đã giải quyết {done}/{total} vụ, đạt {share}")
    talks = []
    if conferences := present(f, "test.conferences"):
        talks.append(f"tổ chức {n(conferences)} hội nghị đối thoại")
    if opinions := present(f, "test.opinions"):
        talks.append(f"{n(opinions)} ý kiến")
    return [visits, sentence(clauses), sentence(talks)]


FAKE_USES = [
    "test.visits",
    "test.letters",
    "test.cases",
    "test.cases_resolved",
    "test.conferences",
    "test.opinions",
]


def register_fake_section(**options):
    registry.register(
        FAKE,
        title=options.pop("title", "Tiếp công dân và đối thoại (ứng dụng thử)"),
        order=options.pop("order", 5),
        writer=options.pop("writer", write_fake),
        uses=options.pop("uses", FAKE_USES),
    )


@pytest.fixture
def district(db):
    """Long Biên with three wards and its issuing body, Đống Đa beside it (as in the demo)."""
    ha_noi = factories.UnitFactory(name="Hà Nội", kind="city", parent=None)
    long_bien = factories.UnitFactory(name="Long Biên", kind="urban_district", parent=ha_noi)
    wards = {
        name: factories.UnitFactory(name=name, kind="ward", parent=long_bien) for name in WARDS
    }
    dong_da = factories.UnitFactory(name="Đống Đa", kind="urban_district", parent=ha_noi)
    org_services.issuing_body_save(
        actor=None,
        unit=long_bien,
        superior_name="QUẬN ỦY LONG BIÊN",
        name="BAN DÂN VẬN",
        symbol="BDVQU",
        place_name="Long Biên",
        signer_title="TRƯỞNG BAN",
        signer_name="Nguyễn Văn Bình",
        recipients="Ban Dân vận Thành ủy,\nThường trực Quận ủy,",
    )
    return {"ha_noi": ha_noi, "long_bien": long_bien, "dong_da": dong_da, **wards}


def register_fixed(code, label, unit, by_period, aggregation=Aggregation.SUM, **shown):
    """A fake metric whose rows are given per period code: {code: {unit path: Value}}."""
    assert code.startswith("test"), "a fake never stands in for an app's metric"

    def compute(scope):
        return dict(by_period.get(scope.period.code, {}))

    metrics._static.pop(code, None)  # a test may give its own fake other rows
    metrics.register(code, label=label, unit=unit, aggregation=aggregation, **shown)(compute)


def register_unit_count(code="test.units"):
    """A metric running one real grouped query (units per path), for query budgets."""

    def compute(scope):
        return metrics.sum_by_unit(
            factories.Unit.objects.filter(scope.unit_q("path")), path_field="path", n=Count("id")
        )

    metrics.register(code, label="Đơn vị", unit="đơn vị")(compute)


@pytest.fixture
def source_figures(district):
    """The fake app's figures, those of the source articles spread over the wards of the
    district: 1.081 letters / 510 cases, 462/510 resolved; 1.066 letters a year before (+15);
    14 conferences, 594 opinions."""
    base = "ha-noi/long-bien/"
    paths = [base + "ngoc-thuy", base + "sai-dong", base + "bo-de"]

    def spread(values):
        return {path: value for path, value in zip(paths, values, strict=True)}

    register_fixed(
        "test.letters",
        "Đơn tiếp nhận",
        "đơn",
        {
            "2019Q1": spread([Value(amount=500), Value(amount=381), Value(amount=200)]),
            "2018Q1": spread([Value(amount=466), Value(amount=400), Value(amount=200)]),
        },
        order=3,
        tile=1,
        headline=True,
    )
    register_fixed(
        "test.cases",
        "Vụ việc",
        "vụ",
        {"2019Q1": spread([Value(amount=250), Value(amount=160), Value(amount=100)])},
        order=1,
    )
    register_fixed(
        "test.cases_resolved",
        "Vụ việc đã giải quyết",
        "vụ",
        {
            "2019Q1": spread(
                [
                    Value(numerator=240, denominator=250),
                    Value(numerator=132, denominator=160),
                    Value(numerator=90, denominator=100),
                ]
            )
        },
        Aggregation.RATIO,
        order=2,
        tile=2,
    )
    register_fixed(
        "test.conferences",
        "Hội nghị đối thoại",
        "hội nghị",
        {"2019Q1": spread([Value(amount=5), Value(amount=5), Value(amount=4)])},
        order=10,
    )
    register_fixed(
        "test.opinions",
        "Ý kiến",
        "ý kiến",
        {"2019Q1": spread([Value(amount=200), Value(amount=194), Value(amount=200)])},
        order=11,
    )
    return district


@pytest.fixture
def broken_layout(monkeypatch):
    """The PDF layout step fails, as a bug in a template would: the figures are counted,
    then the render breaks inside the task. monkeypatch.undo() is the fix."""
    from danvan.rollup import documents

    def render_pdf(template, context):
        raise ZeroDivisionError("division by zero in the layout")

    monkeypatch.setattr(documents, "render_pdf", render_pdf)
    return monkeypatch


@pytest.fixture
def broker_down():
    """The real Celery app pointed at a port where no broker listens."""
    from danvan.celery import app

    saved = app.conf.task_always_eager, app.conf.broker_url, app.conf.task_publish_retry_policy
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:9/0"
    app.conf.task_publish_retry_policy = {
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.1,
    }
    app._pool = app.amqp._producer_pool = None  # pools built for the real broker
    try:
        yield app
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app.conf.task_publish_retry_policy = saved
        app._pool = app.amqp._producer_pool = None
