"""From an export's inputs to its file: the roll-up PDF (and its Excel twin).

`fingerprint` digests every input of the document, so an unchanged request reuses the file.
"""

import copy
import hashlib
import json
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from danvan import documents as record_documents
from danvan import freshness, narratives
from danvan.excel import write_workbook
from danvan.numbers import round_percent
from danvan.orgs.models import Unit
from danvan.periods import Period
from danvan.rollup import documents, figures, report, snapshots, word
from danvan.rollup.models import Issue

Progress = Callable[[int, str], None]
TEMPLATE_VERSION = "2"  # bump when a template change must not reuse files rendered before


def _quiet(percent: int, step: str) -> None:
    """Default progress callback: nobody is watching (the command, tests)."""


def fingerprint(kind: str, unit: Unit, period: Period, parameters: dict, rollup=None) -> str:
    """A digest of what the document shows: figures, narrative, issuing body, parameters."""
    if record_documents.get(kind):
        return _record_fingerprint(kind, unit, parameters)
    rollup = rollup or snapshots.rollup(unit, period, with_charts=False)
    body = documents.issuing_body_for(unit, documents.issued_on(parameters))
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
        "children": narratives.from_children(unit, period),
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


def _issue(parameters: dict) -> Issue | None:
    return Issue.objects.filter(pk=parameters["issue"]).first() if "issue" in parameters else None


def figures_for(unit: Unit, period: Period, parameters: dict) -> figures.Rollup:
    """The current figures; for an issued report (parameters["issue"]) those it was issued
    with, so its file shows what was signed whenever it is rendered."""
    issue = _issue(parameters)
    if issue is None:
        return snapshots.rollup(unit, period, fresh=True)
    return figures.assemble(unit, period, issue.figures, computed_at=issue.issued_at, current=True)


def header_for(unit: Unit, parameters: dict) -> dict:
    """Number, date, issuing body and recipients; an issued report keeps its own signer."""
    header = documents.document_context(
        unit, issued_on=documents.issued_on(parameters), number=parameters.get("number")
    )
    issue = _issue(parameters)
    if issue is not None and header["body"] is not None:
        body = header["body"] = copy.copy(header["body"])  # shown, never saved
        for field in ("signing_authority", "deputy_for", "signer_title", "signer_name"):
            setattr(body, field, getattr(issue, field))
    return header


def rollup_report(
    unit: Unit, period: Period, parameters: dict | None = None, progress: Progress = _quiet
) -> report.Report:
    """The report's content (danvan.rollup.report): what the PDF and the Word file show."""
    parameters = parameters or {}
    progress(10, _("Computing the figures"))
    rollup = figures_for(unit, period, parameters)
    progress(40, _("Reading the narrative sections"))
    return report.build(unit, period, rollup, parameters, header=header_for(unit, parameters))


FORMATS = ("pdf", "docx")


def _render(file_format: str, template: str, context: dict) -> bytes:
    if file_format == "docx":
        return word.render_docx(template, context)
    return documents.render_pdf(template, context)


def _laying_out(file_format: str) -> str:
    return _("Laying out the PDF pages") if file_format == "pdf" else _("Writing the Word file")


def rollup_pdf(
    unit: Unit, period: Period, parameters: dict | None = None, progress: Progress = _quiet
) -> bytes:
    return rollup_file(unit, period, parameters, progress)


def rollup_docx(
    unit: Unit, period: Period, parameters: dict | None = None, progress: Progress = _quiet
) -> bytes:
    """The same report as a Word file: the same template and context (danvan.rollup.word)."""
    return rollup_file(unit, period, parameters, progress, file_format="docx")


def rollup_file(
    unit: Unit,
    period: Period,
    parameters: dict | None = None,
    progress: Progress = _quiet,
    file_format: str = "pdf",
) -> bytes:
    context = rollup_context(unit, period, parameters or {}, progress)
    progress(60, _laying_out(file_format))
    return _render(file_format, "danvan/rollup/rollup_report.html", context)


def rollup_context(
    unit: Unit, period: Period, parameters: dict, progress: Progress = _quiet
) -> dict:
    """What the report's template lays out, for the PDF and the Word file alike."""
    document = rollup_report(unit, period, parameters, progress)
    return {**document.header, "title": document.title, "report": document}


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
                    None if share is None else float(round_percent(share)),
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
        unit, issued_on=documents.issued_on(parameters), number=parameters.get("number")
    )
    return template, {**header, **context}


def _record_fingerprint(kind: str, unit: Unit, parameters: dict) -> str:
    """A record's document is its HTML: the same HTML (the record, the issuing body and the
    parameters unchanged) gives the same PDF, whenever it is asked for."""
    template, context = _record_context(kind, unit, parameters)
    html = render_to_string(template, context)
    return hashlib.sha256(f"{kind}\n{TEMPLATE_VERSION}\n{html}".encode()).hexdigest()


def record_file(
    kind: str, unit: Unit, parameters: dict, progress: Progress = _quiet, file_format="pdf"
) -> bytes:
    """A document registered by an app (danvan.documents): minutes, the models booklet."""
    progress(20, _("Reading the record"))
    template, context = _record_context(kind, unit, parameters)
    progress(60, _laying_out(file_format))
    return _render(file_format, template, context)
