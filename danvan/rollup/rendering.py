"""From an export's inputs to its file: the roll-up PDF (and its Excel twin).

`fingerprint` digests every input of the document, so an unchanged request reuses the file.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from danvan import documents as record_documents
from danvan import freshness, narratives
from danvan.excel import write_workbook
from danvan.orgs.models import Unit
from danvan.periods import Period
from danvan.rollup import documents, figures, snapshots

Progress = Callable[[int, str], None]
TEMPLATE_VERSION = "1"  # bump when a template change must not reuse files rendered before


def _quiet(percent: int, step: str) -> None:
    """Default progress callback: nobody is watching (the command, tests)."""


def title_for(period: Period) -> str:
    """The summary line under "BÁO CÁO": "Kết quả công tác dân vận quý I năm 2019"."""
    label = period.label
    return _("Results of mass mobilisation work in %(period)s") % {
        "period": label[:1].lower() + label[1:]
    }


def issued_on(parameters: dict) -> date | None:
    """The issue date asked for; None leaves the date line for the office (like the number),
    so the document does not depend on the day it was rendered and can be reused."""
    raw = parameters.get("issued_on")
    return date.fromisoformat(raw) if raw else None


def fingerprint(kind: str, unit: Unit, period: Period, parameters: dict, rollup=None) -> str:
    """A digest of what the document shows: figures, narrative, issuing body, parameters."""
    if record_documents.get(kind):
        return _record_fingerprint(kind, unit, parameters)
    rollup = rollup or snapshots.rollup(unit, period, with_charts=False)
    body = documents.issuing_body_for(unit, issued_on(parameters))
    content = {
        "kind": kind,
        "version": TEMPLATE_VERSION,
        "unit": unit.path,
        "period": period.code,
        "parameters": parameters,
        # Figures still being counted are not known yet: their version stands for them.
        "figures": [
            [f.metric.code, f.result.as_json(), f.previous.total.as_json()]
            for group in rollup.groups
            for f in group.figures
        ]
        if rollup.current
        else {"data_version": freshness.version(unit, period)},
        "narrative": narratives.narrative_for(unit, period),
        "body": None
        if body is None
        else [
            body.pk,
            body.superior_name,
            body.name,
            body.symbol,
            body.place_name,
            body.signing_authority,
            body.signer_title,
            body.signer_name,
            body.recipients,
        ],
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def rollup_pdf(
    unit: Unit, period: Period, parameters: dict | None = None, progress: Progress = _quiet
) -> bytes:
    parameters = parameters or {}
    progress(10, _("Computing the figures"))
    rollup = snapshots.rollup(unit, period, fresh=True)
    progress(40, _("Reading the narrative sections"))
    narrative = narratives.narrative_for(unit, period)
    context = {
        **documents.document_context(
            unit, issued_on=issued_on(parameters), number=parameters.get("number")
        ),
        "title": title_for(period),
        "rollup": rollup,
        "narrative": narrative,
        "shortcomings": _paragraphs(narrative["shortcomings"]),
        "directions": _paragraphs(narrative["directions"]),
        "proposals": _paragraphs(narrative["proposals"]),
    }
    progress(60, _("Laying out the PDF pages"))
    return documents.render_pdf("danvan/rollup/rollup_report.html", context)


def table_xlsx(table: figures.Table) -> bytes:
    """One table as a workbook: ratios as three columns (actual, target, %), plain numbers."""
    headers = [_("Unit")]
    for figure in table.figures:
        label = str(figure.metric.label)
        if figure.total.is_ratio:
            headers += [label, _("%(label)s – target") % {"label": label}, "%"]
        else:
            headers.append(label)

    def cells(values):
        row = []
        for figure, value in zip(table.figures, values, strict=True):
            if value is None:  # no line for the unit: empty cells, not a zero
                row += [None] * (3 if figure.total.is_ratio else 1)
            elif value.is_ratio:
                share = value.percent
                row += [
                    value.numerator,
                    value.denominator,
                    None if share is None else round(float(share), 2),
                ]
            else:
                row.append(value.amount)
        return row

    rows = [[unit.title, *cells(values)] for unit, values in table.rows]
    rows.append([_("Total"), *cells(table.totals)])
    return write_workbook(table.title, headers, rows)


def _record_context(kind: str, unit: Unit, parameters: dict) -> tuple[str, dict]:
    template, context = record_documents.get(kind).build(parameters)
    header = documents.document_context(
        unit, issued_on=issued_on(parameters), number=parameters.get("number")
    )
    return template, {**header, **context}


def _record_fingerprint(kind: str, unit: Unit, parameters: dict) -> str:
    """A record's document is its HTML: the same HTML (the record, the issuing body and the
    parameters unchanged) gives the same PDF, whenever it is asked for."""
    template, context = _record_context(kind, unit, parameters)
    html = render_to_string(template, context)
    return hashlib.sha256(f"{kind}\n{TEMPLATE_VERSION}\n{html}".encode()).hexdigest()


def record_pdf(kind: str, unit: Unit, parameters: dict, progress: Progress = _quiet) -> bytes:
    """A document registered by an app (danvan.documents): minutes, the models booklet."""
    progress(20, _("Reading the record"))
    template, context = _record_context(kind, unit, parameters)
    progress(60, _("Laying out the PDF pages"))
    return documents.render_pdf(template, context)
