"""System checks: everything that refers to a metric code names one that an app registers.

A metric renamed in an app would otherwise silently drop a sentence or a breakdown line. The
references are: a metric's `breakdown_of`, and the codes a section's writer declares
(danvan.rollup.registry). Each error names the place that refers (module and name).

The data-defined metrics (the report indicators) are rows: their check is a `database` check
(`manage.py check --database default`, and `migrate` before it migrates), and it passes
quietly while their table does not exist yet (nothing defined, nothing to check).
"""

from collections.abc import Iterable, Iterator

from django.core.checks import Error, Tags, register
from django.db import DatabaseError, transaction

from danvan import metrics
from danvan.metrics import Metric
from danvan.rollup import registry
from danvan.rollup.registry import Breakdown, Section

UNKNOWN_CODE = "rollup.E001"
TWO_HEADLINES = "rollup.E002"


def _references(
    chosen: Iterable[Metric], sections: Iterable[Section]
) -> Iterator[tuple[str, str, str]]:
    """(place, what refers, code referred to) of every reference to a metric code."""
    for metric in chosen:
        if metric.breakdown_of:
            place = metric.place or metric.code
            yield place, f"metric {metric.code!r} is a line of (breakdown_of)", metric.breakdown_of
    for section in sections:
        for code in section.uses:
            yield section.place, f"the {section.key!r} writer reads", code


def problems(
    static: dict[str, Metric],
    sections: dict[str, Section],
    breakdowns: dict[str, Breakdown],
    data_defined: Iterable[Metric] | None = None,
) -> list[Error]:
    """The errors of a registry: all of its own references, or (`data_defined` given) those of
    the data-defined metrics only."""
    known = set(static) | set(breakdowns)
    if data_defined is None:
        chosen, with_sections = list(static.values()), sections.values()
    else:
        chosen, with_sections = list(data_defined), []
    errors = [
        Error(
            f"{place}: {what} {code!r}, a code that no app registers.",
            hint="Rename the reference with the metric, or register the metric it names.",
            obj=place,
            id=UNKNOWN_CODE,
        )
        for place, what, code in _references(chosen, with_sections)
        if code not in known
    ]
    headlines: dict[str, list[Metric]] = {}
    for metric in chosen:
        if metric.headline:
            headlines.setdefault(metric.code.split(".", 1)[0], []).append(metric)
    for group, found in headlines.items():
        if len(found) > 1:
            places = ", ".join(f"{m.place or m.code} ({m.code})" for m in found)
            errors.append(
                Error(
                    f"group {group!r} has {len(found)} headline figures: {places}.",
                    hint="Give one metric of the group `headline=True`.",
                    obj=group,
                    id=TWO_HEADLINES,
                )
            )
    return errors


@register()
def metric_references(app_configs=None, **kwargs) -> list[Error]:
    return problems(metrics.static_metrics(), registry.sections(), registry.breakdowns())


@register(Tags.database)
def data_defined_metric_references(app_configs=None, databases=None, **kwargs) -> list[Error]:
    if not databases or "default" not in databases:
        return []
    static = metrics.static_metrics()
    try:
        with transaction.atomic():
            defined = [m for m in metrics.all_metrics() if m.code not in static]
    except DatabaseError:  # not migrated yet: no data-defined metric exists to check
        return []
    return problems(static, registry.sections(), registry.breakdowns(), defined)
