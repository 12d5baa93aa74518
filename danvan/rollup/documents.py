"""The Party document base (Hướng dẫn 36-HD/VPTW, DOMAIN.md §3) for every printed document:
the roll-up report now, the conference minutes and the models booklet later.

A document template extends "danvan/rollup/document_base.html" and fills the blocks
`summary` and `body`; `render_pdf` adds the page set-up (A4, margins from
settings.PDF_MARGINS_MM, the shipped Liberation Serif font, page numbers from page 2).
"""

import logging
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from danvan.orgs.models import IssuingBody, Unit
from danvan.orgs.selectors import body_valid_on

FONT_FILES = {
    ("normal", "normal"): "fonts/LiberationSerif-Regular.ttf",
    ("bold", "normal"): "fonts/LiberationSerif-Bold.ttf",
    ("normal", "italic"): "fonts/LiberationSerif-Italic.ttf",
    ("bold", "italic"): "fonts/LiberationSerif-BoldItalic.ttf",
}
# The shipped files under a name no machine has, so a font that failed to load shows as
# the fallback (DejaVu) in the PDF instead of hiding behind an installed Liberation Serif.
FONT_FAMILY = "Danvan Serif"
STYLESHEET = "danvan/rollup/document.css"
# WeasyPrint logs every layout step at INFO; in a worker that is noise and measurable time.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def date_line(place: str, day: date | None) -> str:
    """'Long Biên, ngày 05 tháng 4 năm 2019': days 01-09 and months 01-02 get a leading zero
    (36-HD/VPTW), so a handwritten digit cannot be added in front of them. Without a day the
    office writes it in at issue time, as it does the number."""
    if day is None:
        blank = "……"
        return _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
            "place": place,
            "day": blank,
            "month": blank,
            "year": blank,
        }
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
        "place": place,
        "day": f"{day.day:02d}",
        "month": month,
        "year": day.year,
    }


def number_line(number: str | int | None, symbol: str, type_code: str = "BC") -> str:
    """'Số 481-BC/QU'; without a number the office fills the dots in at issue time."""
    shown = str(number).strip() if number not in (None, "") else "……"
    return _("No. %(number)s-%(type)s/%(symbol)s") % {
        "number": shown,
        "type": type_code,
        "symbol": symbol,
    }


def issuing_body_for(unit: Unit, day: date | None) -> IssuingBody | None:
    """The body that issues the unit's document dated `day` (None: not dated yet, so the
    body of today): a renamed body or a new signer takes over on its `valid_from`."""
    return body_valid_on(unit, day)


def _file_url(static_path: str) -> str:
    found = finders.find(static_path)
    if not found:
        raise FileNotFoundError(static_path)
    return Path(found).as_uri()


def page_css() -> str:
    """The parts of the style sheet that come from settings and shipped files."""
    top, bottom, left, right = settings.PDF_MARGINS_MM
    faces = "".join(
        f"@font-face {{ font-family: '{FONT_FAMILY}'; font-weight: {weight}; "
        f"font-style: {style}; src: url('{_file_url(path)}'); }}\n"
        for (weight, style), path in FONT_FILES.items()
    )
    return faces + f"@page {{ size: A4; margin: {top}mm {right}mm {bottom}mm {left}mm; }}\n"


def files_only():
    """WeasyPrint may read shipped files and inline data (the charts) only: a document must
    never wait on the network, and a file it cannot read (a font) fails the render instead
    of being skipped."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def render_pdf(template: str, context: dict) -> bytes:
    return _write_pdf(render_to_string(template, context))


def warm_up() -> None:
    """Load WeasyPrint, Pango and the shipped fonts once, as a worker child starts
    (danvan/celery.py), so that the first document a user asks for does not pay for it."""
    _write_pdf("<p>Dân vận <b>khéo</b> <i>dân vận</i></p>")


def _write_pdf(html: str) -> bytes:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    # Without a font configuration WeasyPrint ignores @font-face and takes whatever serif
    # font the machine has: the shipped Liberation Serif is used only through this.
    fonts, fetcher = FontConfiguration(), files_only()
    stylesheets = [
        weasyprint.CSS(string=page_css(), url_fetcher=fetcher, font_config=fonts),
        weasyprint.CSS(filename=finders.find(STYLESHEET), url_fetcher=fetcher, font_config=fonts),
    ]
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets, font_config=fonts)


def document_context(unit: Unit, *, issued_on: date | None, number=None) -> dict:
    """Header and signature data shared by every document of the unit."""
    body = issuing_body_for(unit, issued_on)
    return {
        "body": body,
        "number_line": number_line(number, body.symbol if body else ""),
        "date_line": date_line(body.place_name if body else unit.name, issued_on),
        "recipients": body.recipient_lines if body else [],
    }
