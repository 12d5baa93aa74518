"""Main menu entries. Apps add theirs from AppConfig.ready(), so the core never imports them."""

from dataclasses import dataclass

from django.urls import reverse

from danvan.orgs.access import scope_paths


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    roles: frozenset | None = None  # None: anyone with a membership
    order: int = 100


_entries: list[MenuEntry] = []


def register(label, url_name: str, *, roles=None, order: int = 100) -> None:
    entry = MenuEntry(label, url_name, frozenset(roles) if roles else None, order)
    if entry not in _entries:
        _entries.append(entry)


def menu_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    items = []
    for entry in sorted(_entries, key=lambda e: e.order):
        if user.is_superuser or scope_paths(user, entry.roles):
            items.append({"label": entry.label, "url": reverse(entry.url_name)})
    return items
