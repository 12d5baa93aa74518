"""Small server-side SVG charts, drawn once and used by the page (inline, with <title> hover
text) and by the PDF (WeasyPrint draws inline SVG).

Why a module and not a library: the maintained Python chart libraries either draw with
matplotlib (heavy, raster-minded, slow to import in every worker) or emit SVG that relies on
CSS classes and JavaScript for labels and tooltips (pygal), which WeasyPrint ignores. Plain
<rect>, <polyline> and <text> with presentation attributes render the same in a browser and
in WeasyPrint, and a <title> child is the browser's hover text.
"""

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from danvan.numbers import format_number

# The shipped PDF font first (its @font-face family in document.css): a PDF embeds only it,
# whatever the machine has installed; pages fall back to the fonts after it.
FONT = "'Danvan Serif', 'Liberation Serif', 'Times New Roman', serif"
BAR = "#a50e0e"
LINE = "#0b5394"
GRID = "#cccccc"
QUOTE = {'"': "&quot;"}


@dataclass(frozen=True)
class Point:
    label: str
    value: Decimal | int | float | None
    text: str = ""  # written by the mark, e.g. "90,6%"; the plain number when empty
    hover: str = ""  # the full figure, e.g. "462/510 (90,59%)"


def _scale_max(values) -> float:
    top = max((float(v) for v in values if v is not None), default=0.0)
    return top if top > 0 else 1.0


def _text(x, y, content, *, size=11, anchor="start", extra=""):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'text-anchor="{anchor}" fill="#222"{extra}>{escape(str(content))}</text>'
    )


def bar_chart(title: str, points: list[Point], *, decimals: int = 0) -> str:
    """Horizontal bars, one per point (child unit, field or kind); long names fit on the left."""
    label_width, bar_width, row, top = 170, 300, 20, 26
    height = top + row * len(points) + 8
    width = label_width + bar_width + 70
    top_value = _scale_max(p.value for p in points)
    parts = [_text(0, 16, title, size=13, extra=' font-weight="bold"')]
    for index, point in enumerate(points):
        y = top + index * row
        value = float(point.value or 0)
        length = max(0.0, bar_width * value / top_value)
        shown = point.text or format_number(point.value, decimals)
        hover = escape(f"{point.label}: {point.hover or shown}")
        parts.append(
            f"<g><title>{hover}</title>"
            + _text(label_width - 6, y + 13, point.label, anchor="end")
            + f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 6}" '
            f'fill="{BAR}"/>' + _text(label_width + length + 4, y + 13, shown) + "</g>"
        )
    return _svg(width, height, title, parts)


def line_chart(title: str, points: list[Point], *, decimals: int = 0) -> str:
    """A trend over periods: one point per period, oldest on the left. A period without data
    (value None, e.g. a ratio whose target is 0) is a gap in the line, never a zero."""
    # `top` leaves room for the title above the labels of the highest points; `inset` keeps
    # the first and last points' labels clear of the axis ticks on the left and of the edge.
    left, right, top, bottom, width, height, inset = 40, 20, 44, 40, 520, 200, 24
    inner_w, inner_h = width - left - right - 2 * inset, height - top - bottom
    top_value = _scale_max(p.value for p in points)
    step = inner_w / max(1, len(points) - 1)
    parts = [_text(0, 16, title, size=13, extra=' font-weight="bold"')]
    for fraction in (0, 0.5, 1):
        y = top + inner_h * (1 - fraction)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        tick = format_number(top_value * fraction, 0 if top_value >= 10 else 1)
        parts.append(_text(left - 4, y + 4, tick, anchor="end"))
    segments: list[list[tuple[float, float]]] = [[]]
    for index, point in enumerate(points):
        x = left + inset + index * step
        parts.append(_text(x, height - bottom + 16, point.label, size=10, anchor="middle"))
        if point.value is None:
            segments.append([])
            continue
        y = top + inner_h * (1 - float(point.value) / top_value)
        segments[-1].append((x, y))
        shown = point.text or format_number(point.value, decimals)
        hover = escape(f"{point.label}: {point.hover or shown}")
        parts.append(
            f'<g><title>{hover}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{LINE}"/>'
            + _text(x, y - 8, shown, size=10, anchor="middle")
            + "</g>"
        )
    for segment in segments:
        if len(segment) > 1:
            line = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
            parts.insert(
                1, f'<polyline points="{line}" fill="none" stroke="{LINE}" stroke-width="2"/>'
            )
    return _svg(width, height, title, parts)


def _svg(width: int, height: int, title: str, parts: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title, QUOTE)}" '
        f'class="rollup-chart">' + "".join(parts) + "</svg>"
    )
