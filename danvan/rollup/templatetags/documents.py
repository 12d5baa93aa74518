"""Filters for the printed documents (danvan/rollup/documents.py)."""

from base64 import b64encode
from xml.etree import ElementTree

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def chart_image(svg: str):
    """A chart's SVG (danvan/rollup/charts.py) as an <img> with a data: URL, its title as the
    alternative text. Inline, WeasyPrint styles and boxes every bar and label like the
    document's own elements; as an image it draws the same vector chart for less: 0,2 s of a
    district report's 2,7 s (docs/bench.md)."""
    title = ElementTree.fromstring(svg).get("aria-label", "")
    source = "data:image/svg+xml;base64," + b64encode(svg.encode()).decode()
    return format_html('<img src="{}" alt="{}">', source, title)
