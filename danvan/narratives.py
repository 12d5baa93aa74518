"""Narrative text a unit wrote for a period (its report's sections), for the roll-up documents.

The reports app registers the provider; the roll-up asks here. So the roll-up never imports
the reports app, and the reports app never imports the roll-up (DESIGN.md firm point 1).
"""

from collections.abc import Callable

SECTIONS = ("results", "shortcomings", "directions", "proposals")  # I, II, III, IV

_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    """`provider(unit, period) -> {section: text}` for the sections it knows."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def narrative_for(unit, period) -> dict[str, str]:
    found = dict.fromkeys(SECTIONS, "")
    for provider in _providers:
        for section, text in provider(unit, period).items():
            if section in found and text and not found[section]:
                found[section] = text
    return found
