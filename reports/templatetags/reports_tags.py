from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def countdown(days_left):
    """'còn 3 ngày', 'hạn chót hôm nay', 'quá hạn 2 ngày' for a days-left number."""
    if days_left > 0:
        text = ngettext("%(n)s day left", "%(n)s days left", days_left) % {"n": days_left}
        css = "text-body-secondary"
    elif days_left == 0:
        text, css = _("due today"), "text-warning-emphasis"
    else:
        over = -days_left
        text = ngettext("%(n)s day overdue", "%(n)s days overdue", over) % {"n": over}
        css = "text-danger fw-semibold"
    return format_html('<span class="{}">{}</span>', css, text)
