"""Narrative text a unit wrote for a period (its report's sections), for the roll-up documents.

The reports app registers the providers; the roll-up asks here. So the roll-up never imports
the reports app, and the reports app never imports the roll-up (DESIGN.md firm point 1).

- `narrative_for`: the unit's own report (its consolidated text, edited before issue).
- `from_children`: the approved reports of its child units, section by section, which a
  consolidation is prefilled from: what the roll-up prints while the own report is missing.
- `consolidation_link`: where a user goes to write (consolidate) the unit's own report.
"""

from collections.abc import Callable

SECTIONS = ("results", "shortcomings", "directions", "proposals")  # I, II, III, IV

_providers: list[Callable] = []
_children: list[Callable] = []
_links: list[Callable] = []


def register(provider: Callable) -> Callable:
    """`provider(unit, period) -> {section: text}` for the sections it knows."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def register_children(provider: Callable) -> Callable:
    """`provider(unit, period) -> [(unit title, {section: text}), …]` of the child units."""
    if provider not in _children:
        _children.append(provider)
    return provider


def register_link(provider: Callable) -> Callable:
    """`provider(unit, period) -> url or None`: the page to consolidate the unit's report."""
    if provider not in _links:
        _links.append(provider)
    return provider


def narrative_for(unit, period) -> dict[str, str]:
    found = dict.fromkeys(SECTIONS, "")
    for provider in _providers:
        for section, text in provider(unit, period).items():
            if section in found and text and not found[section]:
                found[section] = text
    return found


def has_own(unit, period) -> bool:
    return any(narrative_for(unit, period).values())


def from_children(unit, period) -> list[tuple[str, dict[str, str]]]:
    return [part for provider in _children for part in provider(unit, period)]


def consolidation_link(unit, period) -> str | None:
    return next((url for provider in _links if (url := provider(unit, period))), None)
