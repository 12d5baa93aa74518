"""Vietnamese number formats for templates: {{ 1081|vn_number }} -> 1.081; 95,06%."""

from django import template

from danvan.numbers import format_number, format_percent, percent

register = template.Library()


@register.filter
def vn_number(value, decimals=0):
    return format_number(value, int(decimals))


@register.filter
def vn_percent(value):
    return format_percent(value)


@register.simple_tag
def vn_share(numerator, denominator):
    """'95,06%' for numerator/denominator."""
    return format_percent(percent(numerator, denominator))
