"""Hostile text in EVERY free-text field of the data: a spreadsheet formula that is also HTML.
Walking every page and download of the portal, it must be inert: escaped in HTML, plain text
in every Excel cell (never a formula), literal text in the PDFs."""

import re

import pytest
from django.apps import apps
from django.db import models
from django.urls import get_resolver

from danvan.excel import needs_quote_prefix
from tests.danvan.rollup.helpers import pdf_text, squeeze
from tests.drills.helpers import body, seed_and_log_in, workbook_cells
from tests.test_access_matrix import EXCLUDED_PREFIXES, candidate_values, fill, first_pks, walk

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
PAYLOAD = f'=HYPERLINK("http://evil.example/?{SCRIPT}{IMG}","bấm vào")'
APPS = {"orgs", "reports", "models_catalog", "petitions", "dialogues", "rollup"}
# Identifiers and machine fields, not text a person types.
NOT_FREE_TEXT = {"path", "search_text", "folded_name", "fingerprint", "password", "file"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def free_text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            long_text = isinstance(field, models.TextField) or (
                isinstance(field, models.CharField) and (field.max_length or 0) >= len(PAYLOAD)
            )
            if (
                long_text
                and not (field.choices or field.unique)
                and field.name not in NOT_FREE_TEXT
            ):
                yield model, field.name


def poison_every_free_text_field() -> list[str]:
    poisoned = []
    for model, name in free_text_fields():
        if model._default_manager.update(**{name: PAYLOAD}):
            poisoned.append(f"{model._meta.label}.{name}")
    return poisoned


def every_get_url(client) -> list[str]:
    pks = first_pks()
    paths = ["ha-noi/long-bien", "ha-noi/long-bien/ngoc-thuy"]
    urls = []
    for route, _name, _entry in walk(get_resolver().url_patterns):
        if route.startswith(EXCLUDED_PREFIXES + ("dang-xuat/",)):
            continue
        if "<" not in route:
            urls.append("/" + route)
            continue
        urls += [fill(route, values) for values in candidate_values(route, paths, pks)]
    dashboard = client.get("/tong-hop/", {"unit": "ha-noi/long-bien", "period": "2019Q1"})
    urls += sorted(set(re.findall(r'href="(/tong-hop/excel/[^"]+)"', dashboard.content.decode())))
    return urls


@pytest.mark.django_db
def test_formula_and_html_in_every_free_text_field_stay_inert_everywhere(client, tmp_path):
    seed_and_log_in(client)
    poisoned = poison_every_free_text_field()
    assert len(poisoned) > 20, poisoned
    seen = {"html": 0, "xlsx": 0, "pdf": 0}
    reached = {"html": 0, "xlsx": 0, "pdf": 0}
    problems = []
    for url in every_get_url(client):
        response = client.get(url.replace("&amp;", "&"))
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        kind = response.get("Content-Type", "").split(";")[0]
        content = body(response)
        if kind == "text/html":
            seen["html"] += 1
            html = content.decode()
            if SCRIPT in html or "<img src=x" in html:
                problems.append(f"live HTML in {url}")
            reached["html"] += "&lt;script&gt;alert(1)" in html
        elif kind == XLSX:
            seen["xlsx"] += 1
            for sheet, where, value, data_type, quote_prefix in workbook_cells(content):
                # a formula-like text must be a string cell with the quote-prefix style
                if data_type != "s" and isinstance(value, str) or data_type == "f":
                    problems.append(f"formula in {url} {sheet}!{where}: {value!r:.60}")
                elif needs_quote_prefix(value) and not quote_prefix:
                    problems.append(f"no quote prefix in {url} {sheet}!{where}: {value!r:.60}")
                elif isinstance(value, str) and "'" + PAYLOAD in value:
                    problems.append(f"apostrophe added in {url} {sheet}!{where}")
                reached["xlsx"] += isinstance(value, str) and PAYLOAD in value
        elif kind == "application/pdf":
            seen["pdf"] += 1
            text = squeeze(pdf_text(content, tmp_path))
            reached["pdf"] += SCRIPT in text
    assert problems == []
    # the walk must really have carried the payload to pages, workbooks and PDFs
    assert all(reached[kind] for kind in reached), (seen, reached)


@pytest.mark.django_db
def test_html_in_free_text_is_literal_text_in_the_district_pdf(client, tmp_path):
    from danvan.orgs.models import Unit
    from danvan.periods import Period
    from danvan.rollup import rendering

    seed_and_log_in(client)
    poison_every_free_text_field()
    unit = Unit.objects.get(path="ha-noi/long-bien")
    content = rendering.rollup_pdf(unit, Period.parse("2019Q1"), {}, lambda *args: None)
    text = squeeze(pdf_text(content, tmp_path))
    assert SCRIPT in text and "onerror=alert(2)" in text
