"""The roll-up report's content as plain data, built in one place: the PDF template only lays
it out, and the Word writer writes the same structure.

    Report
      header      document_context: body, number_line, date_line, recipients
      title       the summary line ("Kết quả công tác dân vận năm 2018")
      sections    [Section]: I. Kết quả, II. Hạn chế, nguyên nhân, III. Phương hướng, nhiệm
                  vụ, IV. Đề xuất, kiến nghị; a section with nothing to say is left out
        Section   number ("I"), title, paragraphs (the narrative), parts
          Part    title, paragraphs (an area of work's figure sentences, in section I)
      appendix    Appendix or None: heading ("Kèm theo Báo cáo số …"), parts
        AppendixPart  title, tables [AppendixTable], charts [SVG text]
          AppendixTable  title, headers, rows [[cell text]], total [cell text], wide
      own_report  False when the unit's own report is missing and its children's approved
                  reports stand in for it (the export page says so)

Section I is narrative first: the unit's own consolidated text (or, while it is missing,
its child units' approved texts), then each area of work's sentences drawn from the figures.
The per-unit tables and charts go to the appendix, without rows or columns of zeros.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from danvan import metrics, narratives
from danvan.orgs.models import IssuingBody, Unit
from danvan.periods import Period
from danvan.rollup import documents, figures

PORTRAIT_COLUMNS = 4  # columns of figures that fit A4 portrait: a wider table is `wide`
LANDSCAPE_COLUMNS = 7  # the appendix is laid out landscape: columns per table
ROMAN = ("I", "II", "III", "IV")


@dataclass
class Part:
    title: str
    paragraphs: list[str]


@dataclass
class Section:
    number: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)


@dataclass
class AppendixTable:
    title: str
    headers: list[str]  # the first is the units' column
    rows: list[list[str]]  # the first cell of a row is the unit's title
    total: list[str]
    wide: bool  # more columns than A4 portrait holds (the PDF lays every table landscape)


@dataclass
class AppendixPart:
    title: str
    tables: list[AppendixTable]
    charts: list[str]


@dataclass
class Appendix:
    heading: str
    parts: list[AppendixPart]


@dataclass
class Report:
    header: dict
    title: str
    sections: list[Section]
    appendix: Appendix | None
    own_report: bool
    as_of: str = ""  # "Số liệu tính đến ngày …": the round's data cut-off
    note: str = ""  # which old units the figures before the unit's start take in (lineage)


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a typed text: blank lines or single line breaks both end one."""
    return [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]


def _unique(texts) -> list[str]:
    """Each paragraph once: eleven wards writing the same sentence make one paragraph."""
    return list(dict.fromkeys(texts))


def _narrative(unit: Unit, period: Period) -> tuple[dict[str, list[str]], bool]:
    """Paragraphs by section: the unit's own report, else its children's approved ones."""
    own = narratives.narrative_for(unit, period)
    if any(own.values()):
        return {section: paragraphs(text) for section, text in own.items()}, True
    children = narratives.from_children(unit, period)
    return {
        section: _unique(p for _title, texts in children for p in paragraphs(texts.get(section)))
        for section in narratives.SECTIONS
    }, False


def title_for(period: Period) -> str:
    """The summary line under "BÁO CÁO": "Kết quả công tác dân vận quý I năm 2019"."""
    label = period.label
    return _("Results of mass mobilisation work in %(period)s") % {
        "period": label[:1].lower() + label[1:]
    }


def body_title(body: IssuingBody | None) -> str:
    """'Ban Dân vận Quận ủy Long Biên' from the capitals of the header ("BAN DÂN VẬN",
    "QUẬN ỦY LONG BIÊN"): sentence case, the place name and "Dân vận" as they are written."""
    if body is None:
        return ""

    def cased(text: str) -> str:
        text = text.lower()
        if body.place_name:
            text = text.replace(body.place_name.lower(), body.place_name)
        text = text.replace("dân vận", "Dân vận")
        return text[:1].upper() + text[1:]

    return " ".join(part for part in (cased(body.name), cased(body.superior_name)) if part)


def appendix_heading(body: IssuingBody | None, number, issued_on: date | None) -> str:
    """'(Kèm theo Báo cáo số 481-BC/BDVQU ngày 05/4/2019 của Ban Dân vận Quận ủy Long Biên)'."""
    shown = str(number).strip() if number not in (None, "") else "……"
    day = issued_on.strftime("%d/%m/%Y") if issued_on else "……"
    return _("(Attached to Report No. %(number)s-BC/%(symbol)s of %(day)s by %(body)s)") % {
        "number": shown,
        "symbol": body.symbol if body else "",
        "day": day,
        "body": body_title(body),
    }


def _cell(value) -> str:
    return "–" if value is None else value.display()


def _appendix_table(table: figures.Table, wide: bool) -> AppendixTable | None:
    """The table without the rows that show nothing (every cell zero or missing)."""
    rows = [
        [unit.title, *(_cell(value) for value in values)]
        for unit, values in table.rows
        if any(value is not None and figures.has_data(value) for value in values)
    ]
    if not rows:
        return None
    return AppendixTable(
        title=table.title,
        headers=[_("Unit"), *table.headers],
        rows=rows,
        total=[_("Total"), *(_cell(value) for value in table.totals)],
        wide=wide,
    )


def _appendix_part(group: figures.Group) -> AppendixPart | None:
    tables = []
    for kind, title, chosen in group.table_sets():
        wide = len(chosen) > PORTRAIT_COLUMNS
        chunks = -(-len(chosen) // LANDSCAPE_COLUMNS)
        columns = -(-len(chosen) // chunks)  # 8 columns make 4 + 4, not 7 + 1
        for table in group._chunks(kind, chosen, title, columns):
            if found := _appendix_table(table, wide):
                if found.title == group.title:  # the part's heading says it already
                    found.title = ""
                tables.append(found)
    if not tables and not group.charts:
        return None
    return AppendixPart(title=group.title, tables=tables, charts=list(group.charts))


def build(
    unit: Unit, period: Period, rollup: figures.Rollup, parameters: dict, header: dict | None = None
) -> Report:
    """The report's content; `header` (number, date, body, signer) defaults to the document's."""
    issued_on = documents.issued_on(parameters)
    number = parameters.get("number")
    header = header or documents.document_context(unit, issued_on=issued_on, number=number)
    texts, own = _narrative(unit, period)
    parts = [Part(group.title, group.sentences) for group in rollup.groups if group.sentences]
    sections = [
        Section("", _("Results"), texts["results"], parts),
        Section("", _("Shortcomings and causes"), texts["shortcomings"]),
        Section("", _("Directions and key tasks for the next period"), texts["directions"]),
        Section("", _("Proposals and recommendations"), texts["proposals"]),
    ]
    sections = [section for section in sections if section.paragraphs or section.parts]
    for roman, section in zip(ROMAN, sections, strict=False):
        section.number = roman
    appendix_parts = [part for group in rollup.groups if (part := _appendix_part(group))]
    appendix = (
        Appendix(appendix_heading(header["body"], number, issued_on), appendix_parts)
        if appendix_parts
        else None
    )
    return Report(
        header=header,
        title=title_for(period),
        sections=sections,
        appendix=appendix,
        own_report=own,
        as_of=metrics.as_of_sentence(period),
        note=rollup.reform_note,
    )
