"""The home page's next actions ("việc cần làm"): each app registers its own provider in a
`pending.py` module, discovered like `metrics.py` and `rollup.py`, so the core never names an
app's code (firm point 1).

A provider is `provider(user, today) -> Group | None`; it reads through the app's own scoped
selectors (`visible_to` / `editable_by` / `reviewable_by`), so a user only sees work of the
units they hold a role on. A group shows its first few items, each one click from the work,
and how many there are in all.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from danvan.models import Notification

SHOWN = 5  # items a group lists; "all N" links to the app's own list


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    detail: str = ""  # the due date, the reason a report was returned…
    tone: str = ""  # "danger" (late), "warning" (soon) or "" (nothing urgent)


@dataclass(frozen=True)
class Group:
    heading: str
    items: list[Item]
    total: int
    more_url: str = ""
    order: int = 100
    icon: str = "bi-list-check"
    extra: dict = field(default_factory=dict)


Provider = Callable[[object, date], Group | None]
_providers: list[tuple[int, Provider]] = []


def register(order: int = 100):
    """Decorator for a provider; `order` places its group on the page."""

    def add(provider: Provider) -> Provider:
        if all(existing is not provider for _order, existing in _providers):
            _providers.append((order, provider))
        return provider

    return add


_discovered = False


def _discover() -> None:
    """Once per process: `autodiscover_modules` looks through every app each time."""
    global _discovered
    if not _discovered:
        autodiscover_modules("pending")
        _discovered = True


def groups_for(user, today: date | None = None) -> list[Group]:
    """Every non-empty group of the user's pending work, in the registered order."""
    _discover()
    today = today or timezone.localdate()
    groups = []
    for _order, provider in sorted(_providers, key=lambda pair: pair[0]):
        group = provider(user, today)
        if group is not None and group.total:
            groups.append(group)
    return groups


def days_left(due: date, today: date) -> tuple[str, str]:
    """("còn 18 ngày", tone) / ("hôm nay đến hạn", "warning") / ("quá hạn 3 ngày", "danger")."""
    days = (due - today).days
    if days < 0:
        return ngettext("%(days)d day late", "%(days)d days late", -days) % {
            "days": -days
        }, "danger"
    if days == 0:
        return str(_("due today")), "warning"
    text = ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}
    return text, "warning" if days <= 7 else ""


@register(order=900)
def unread_notifications(user, today):
    unread = Notification.objects.for_user(user).unread()
    items = [
        Item(title=n.title, url=n.url or reverse("notifications"), detail=n.body[:200])
        for n in unread[:SHOWN]
    ]
    return Group(
        heading=_("Unread notifications"),
        items=items,
        total=unread.count() if len(items) == SHOWN else len(items),
        more_url=reverse("notifications"),
        order=900,
        icon="bi-bell",
    )
