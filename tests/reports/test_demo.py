import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def figures(capsys, unit, period):
    call_command("metrics", unit=unit, period=period, json=True)
    document = json.loads(capsys.readouterr().out)
    return {m["code"]: m["total"] for m in document["metrics"]}


def test_demo_reproduces_the_source_figures_and_is_idempotent(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    capsys.readouterr()
    ngoc_thuy = figures(capsys, "ha-noi/long-bien/ngoc-thuy", "2018")
    assert ngoc_thuy["reports.ind.gia-dinh-van-hoa"] == {
        "numerator": 7775,
        "denominator": 8233,
        "percent": 94.44,
    }
    assert ngoc_thuy["reports.ind.to-dan-pho-van-hoa"]["numerator"] == 38
    assert ngoc_thuy["reports.ind.quy-den-on-dap-nghia"] == {
        "numerator": 229010000,
        "denominator": 120000000,
        "percent": 190.84,
    }
    assert ngoc_thuy["reports.ind.hien-mau"] == {
        "numerator": 468,
        "denominator": 300,
        "percent": 156.0,
    }
    assert ngoc_thuy["reports.ind.cong-trinh-co-phep"]["numerator"] == 214
    long_bien = figures(capsys, "ha-noi/long-bien", "2019Q1")
    assert long_bien["reports.returned"] == {"value": 1}
    assert long_bien["reports.late"]["value"] >= 3
    assert long_bien["reports.filed"]["numerator"] == 11
