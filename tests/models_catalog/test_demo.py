import io

import pytest
from django.core.management import call_command
from django.db.models import F

from danvan import metrics
from danvan.orgs.models import Unit
from danvan.periods import Period
from models_catalog.models import PracticeModel, Registrant
from tests.tables import by_row

pytestmark = pytest.mark.django_db


def figures(path, year):
    unit = Unit.objects.get(path=path)
    results = metrics.evaluate_all(
        unit,
        Period.parse(year),
        [m for m in metrics.all_metrics() if m.code.startswith("models_catalog.")],
    )
    return {r.metric.code.removeprefix("models_catalog."): r.total.amount for r in results}


def test_demo_reproduces_the_source_figures_and_seeding_twice_adds_nothing():
    call_command("seed_demo", stdout=io.StringIO())
    counts = PracticeModel.objects.count(), Registrant.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert (PracticeModel.objects.count(), Registrant.objects.count()) == counts

    hoang_mai = figures("nghe-an/hoang-mai", "2018")
    assert hoang_mai["models"] == 55
    assert [
        hoang_mai[f"field_{f}"]
        for f in ("economy", "culture_society", "defence_security", "political_system")
    ] == [16, 21, 11, 7]

    dong_da = figures("ha-noi/dong-da", "2019")
    assert (
        dong_da["models"],
        dong_da["registrants_collective"],
        dong_da["registrants_individual"],
    ) == (230, 103, 115)
    assert dong_da["commended"] == 11

    ngoc_thuy = figures("ha-noi/long-bien/ngoc-thuy", "2018")
    assert (ngoc_thuy["registrants_collective"], ngoc_thuy["registrants_individual"]) == (20, 28)
    # Every registrant belongs to the unit of its models.
    assert not PracticeModel.objects.exclude(unit=F("registrant__unit")).exists()


def test_demo_figures_show_on_the_statistics_page(client):
    from django.contrib.auth import get_user_model

    call_command("seed_demo", stdout=io.StringIO())
    client.force_login(get_user_model().objects.get(username="bandanvan.dongda"))
    response = client.get("/dan-van-kheo/thong-ke/", {"unit": "ha-noi/dong-da", "period": "2019"})
    totals = [value.amount for value in response.context["table"].totals]
    assert totals[:3] == [230, 103, 115]
    total = by_row(response.content.decode(), "model-statistics")["Tổng cộng"]
    shown = [total[label] for label in ("Mô hình đăng ký", "Tập thể đăng ký", "Cá nhân đăng ký")]
    assert shown == ["230", "103", "115"]
