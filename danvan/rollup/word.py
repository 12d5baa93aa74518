"""The printed documents as Word files (.docx), editable in Word and LibreOffice.

A document's template (on "danvan/rollup/document_base.html") is the one description of what
it prints: the PDF is WeasyPrint's layout of its HTML, and the .docx is python-docx's, built
here by walking the same HTML. So the report, the conference minutes and the models booklet
have their Word twin without a second description of their content, and a section or
sentence changed in a template or in the code that fills it changes both files at once.

What the walk knows is the document base's vocabulary (danvan/rollup/document.css): the
two-column header (`table.doc-header`: issuing body / Party or national heading), `h1` the
document type, `.doc-summary`, `h2`/`h3` sections, `p` paragraphs, `ul`/`ol` lists, tables
(the header rows repeated on every page), `.appendix` (a new section, landscape when a table
is wide), the signature block (`table.doc-sign`). Charts (SVG images) are left to the PDF:
their figures are in the tables beside them. Page set-up as the PDF: A4, margins from
settings.PDF_MARGINS_MM, Times New Roman 14 pt, page numbers at the top from page 2.
"""

from io import BytesIO

from django.conf import settings
from django.template.loader import render_to_string
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from lxml import html as lxml_html

FONT = "Times New Roman"  # TCVN 6909:2001 Unicode, as 36-HD/VPTW asks
BODY_PT = 14
TABLE_PT = 11
TABLE_STYLE = "Table text"  # the cells' paragraph style: 11 pt, no space after
WIDE_COLUMNS = 7  # a table with more columns goes on a landscape page
CAPS = {"doc-superior", "doc-issuer", "doc-party-name", "doc-authority", "doc-signer-title"}
BOLD = {"doc-issuer", "doc-party-name", "doc-authority", "doc-signer-title", "doc-signer-name"}
BOLD |= {"doc-motto", "doc-summary", "doc-recipients-title"}
ITALIC = {"doc-date", "doc-recipients-title"}
CENTERED = {"doc-summary", "appendix-heading"}
# Sizes of document.css; the state heading (Nghị định 30/2020) a little smaller, so that it
# keeps to one line in its column as in the PDF.
SIZES = {"doc-party-name": 15, "doc-recipients-title": 12}
SIZES_FIRST = {"doc-state": 12}
# What follows w:pBdr inside w:pPr (ECMA-376 order), for Word's strict reading of the file.
AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
INLINE = {"b", "strong", "i", "em", "span", "a", "small", "sup", "sub", "u", "abbr", "code"}


def render_docx(template: str, context: dict) -> bytes:
    return html_to_docx(render_to_string(template, context))


def html_to_docx(markup: str) -> bytes:
    tree = lxml_html.document_fromstring(markup)
    document = Document()
    _set_up(document)
    writer = _Writer(document)
    for element in tree.body:
        writer.block(element)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _set_up(document) -> None:
    normal = document.styles["Normal"]
    _times(normal, BODY_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name in ("Heading 1", "Heading 2"):
        style = document.styles[name]
        _times(style, BODY_PT)
        style.font.bold, style.font.italic, style.font.color.rgb = True, False, None
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(10), Pt(6)
    cells = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = normal
    cells.font.size = Pt(TABLE_PT)
    cells.paragraph_format.space_after, cells.paragraph_format.line_spacing = Pt(0), 1.0
    _page(document.sections[0], landscape=False)


def _times(style, size: int) -> None:
    """Times New Roman for every script (Vietnamese included), not the theme's font."""
    style.font.name, style.font.size = FONT, Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _page(section, *, landscape: bool) -> None:
    top, bottom, left, right = settings.PDF_MARGINS_MM
    short, long = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.different_first_page_header_footer = True  # page numbers from page 2
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.text = ""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", size=13)


def _field(paragraph, instruction: str, size: int) -> None:
    """A Word field (the page number), as <w:fldSimple w:instr="PAGE">."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    measure = OxmlElement("w:sz")
    measure.set(qn("w:val"), str(size * 2))
    properties.append(measure)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _is_wide(element) -> bool:
    rows = element.iter("tr")
    return any(len(row.findall("th")) + len(row.findall("td")) >= WIDE_COLUMNS for row in rows)


class _Writer:
    def __init__(self, document):
        self.document = document
        self.cell_style = document.styles[TABLE_STYLE].style_id

    # --- blocks ---------------------------------------------------------------------------

    def block(self, element) -> None:
        tag, classes = element.tag, _classes(element)
        if not isinstance(tag, str) or tag in {"script", "style", "img", "hr", "title", "meta"}:
            return
        if tag == "table" and classes & {"doc-header", "doc-sign"}:
            self.layout_table(element)
        elif tag == "table":
            self.table(element)
        elif tag == "h1":
            self.paragraph(element, center=True, bold=True, caps=True, size=16, indent=False)
        elif tag in {"h2", "h3", "h4"}:
            heading = self.document.add_heading(level=1 if tag == "h2" else 2)
            self.runs(heading, element, caps=tag == "h2")
        elif tag == "p":
            self.paragraph(element, **self.looks(classes), indent=not classes & CENTERED)
        elif tag in {"ul", "ol"}:
            for item in element.iter("li"):
                paragraph = self.document.add_paragraph()
                paragraph.paragraph_format.first_line_indent = Cm(1)
                paragraph.add_run("- ")
                self.runs(paragraph, item)
        elif "appendix" in classes:
            self.new_section(landscape=_is_wide(element))
            self.children(element)
        elif tag in {"div", "section", "main", "article", "header", "footer", "blockquote"}:
            if classes & (CAPS | BOLD | ITALIC) or self.only_inline(element):
                self.paragraph(element, **self.looks(classes), indent=False)
            else:
                self.children(element)
        else:
            self.children(element)

    def children(self, element) -> None:
        if (element.text or "").strip():
            self.document.add_paragraph(element.text.strip())
        for child in element:
            self.block(child)
            if (child.tail or "").strip():
                self.document.add_paragraph(child.tail.strip())

    def only_inline(self, element) -> bool:
        return all(isinstance(c.tag, str) and c.tag in INLINE | {"br"} for c in element)

    def looks(self, classes: set[str]) -> dict:
        sizes = [SIZES_FIRST[c] for c in classes & SIZES_FIRST.keys()]
        sizes += [SIZES[c] for c in classes & SIZES.keys()]
        return {
            "bold": bool(classes & BOLD),
            "italic": bool(classes & ITALIC),
            "caps": bool(classes & CAPS),
            "center": bool(classes & CENTERED),
            "size": sizes[0] if sizes else None,
        }

    def paragraph(self, element, *, center=False, indent=True, size=None, container=None, **font):
        paragraph = (container or self.document).add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(1)
        self.runs(paragraph, element, size=size, **font)
        return paragraph

    def new_section(self, *, landscape: bool) -> None:
        _page(self.document.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)

    # --- inline ---------------------------------------------------------------------------

    def runs(self, paragraph, element, *, bold=False, italic=False, caps=False, size=None):
        """The element's text as runs, bold and italic as its <b>/<i> say, white space
        collapsed as a browser does; <br> a line break."""
        pieces: list[tuple[str | None, bool, bool]] = []  # None: a line break

        def walk(node, b, i, top=False):
            if not top:
                b = b or node.tag in {"b", "strong"}
                i = i or node.tag in {"i", "em"}
            if node.tag == "br":
                pieces.append((None, b, i))
            elif node.text:
                pieces.append((node.text, b, i))
            for child in node:
                if isinstance(child.tag, str):
                    walk(child, b, i)
                if child.tail:
                    pieces.append((child.tail, b, i))

        walk(element, bold, italic, top=True)
        for text, b, i in _collapsed(pieces):
            if text is None:
                paragraph.add_run().add_break(WD_BREAK.LINE)
                continue
            run = paragraph.add_run(text)
            if b:
                run.bold = True
            if i:
                run.italic = True
            if caps:
                run.font.all_caps = True
            if size:
                run.font.size = Pt(size)

    # --- tables ---------------------------------------------------------------------------

    def layout_table(self, element) -> None:
        """The header and the signature: two columns, no borders, each cell's lines."""
        cells = [cell for row in element.iter("tr") for cell in row if cell.tag == "td"]
        table = self.document.add_table(rows=0, cols=max(1, len(cells)))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        recipients = "doc-sign" in _classes(element)
        _widths(table, self.document.sections[-1], first_share=0.5 if recipients else 0.4)
        for cell, source in zip(table.add_row().cells, cells, strict=True):
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
            classes = _classes(source)
            left = recipients and "doc-recipients" in classes
            size = 11 if left else None
            for line in source.iter():
                line_classes = _classes(line)
                if line.tag == "li":
                    paragraph = cell.add_paragraph()
                    paragraph.add_run("- ")
                    self.runs(paragraph, line, size=size)
                elif line.tag == "hr":
                    _rule_under(cell.paragraphs[-1] if cell.paragraphs else cell.add_paragraph())
                elif line.tag == "div" and (line_classes or self.only_inline(line)):
                    looks = self.looks(line_classes)
                    looks["center"] = not left
                    looks["size"] = looks["size"] or size
                    paragraph = self.paragraph(line, container=cell, indent=False, **looks)
                    paragraph.paragraph_format.space_after = Pt(0)
                    if "doc-signer-name" in line_classes:
                        paragraph.paragraph_format.space_before = Pt(60)
            if not cell.paragraphs:
                cell.add_paragraph()

    def table(self, element) -> None:
        rows = [row for row in element.iter("tr")]
        if not rows:
            return
        columns = max(
            sum(int(cell.get("colspan", 1)) for cell in row if cell.tag in {"td", "th"})
            for row in rows
        )
        table = self.document.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _widths(table, self.document.sections[-1], first_share=0.3 if columns > 2 else 0.5)
        for row in rows:
            header = row.getparent().tag == "thead"
            added = table.add_row()
            # The row's own cells: Row.cells walks the whole table each time (slow when long).
            cells = [_Cell(tc, table) for tc in added._tr.tc_lst]
            if header:
                _repeat_header(added)
            position = 0
            for source in row:
                if source.tag not in {"td", "th"}:
                    continue
                span = int(source.get("colspan", 1))
                cell = cells[position]
                if span > 1:
                    cell = cell.merge(cells[position + span - 1])
                position += span
                paragraph = cell.paragraphs[0]
                # By id: the style setter looks the style up by name in every call (slow).
                paragraph._p.get_or_add_pPr().style = self.cell_style
                classes = _classes(source)
                if "num" in classes:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif header:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                bold = (source.tag == "th" and source.get("scope") != "row") or (
                    "total" in _classes(row)
                )
                self.runs(paragraph, source, bold=bold)
        self.document.add_paragraph().paragraph_format.space_after = Pt(0)


def _widths(table, section, first_share: float) -> None:
    """The names' column wider (a ward's name on one line), the figures sharing the rest;
    set on the grid before the rows are added, which copy it into their cells."""
    width = section.page_width - section.left_margin - section.right_margin
    columns = table._tbl.tblGrid.gridCol_lst
    first = int(width * first_share) if len(columns) > 1 else width
    rest = (width - first) // max(1, len(columns) - 1)
    for index, column in enumerate(columns):
        column.w = first if index == 0 else rest


def _collapsed(pieces):
    """White space as HTML shows it: runs of it one space, none at a line's ends."""
    out, space = [], False  # space: a blank is owed before the next word
    for text, bold, italic in pieces:
        if text is None:
            out.append((None, bold, italic))
            space = False
            continue
        words = text.split()
        if not words:
            space = space or bool(out and out[-1][0])
            continue
        lead = (space or text[0].isspace()) and out and out[-1][0] is not None
        out.append(((" " if lead else "") + " ".join(words), bold, italic))
        space = text[-1].isspace()
    return out


def _repeat_header(row) -> None:
    """The row is repeated at the top of every page the table runs onto (w:tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    keep = OxmlElement("w:cantSplit")
    properties.append(keep)


def _rule_under(paragraph) -> None:
    """The solid rule under 'ĐẢNG CỘNG SẢN VIỆT NAM' (36-HD/VPTW): a bottom border."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "8", "w:space": "1", "w:color": "000000"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *AFTER_BORDERS)
