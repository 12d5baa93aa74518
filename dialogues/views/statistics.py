"""The statistics of dialogue conferences for the picked unit and period, by child unit."""

from django.shortcuts import render

from danvan import metrics
from danvan.picker import current_period, current_unit


def breakdown(results: list[metrics.Result]) -> list[tuple]:
    """(unit, [value per metric]) rows. The unit's own line appears in a result only when it
    holds records for that metric, so lines are matched by unit, missing ones shown as 0."""
    units = {}
    for result in results:
        for line in result.lines:
            units.setdefault(line.unit.pk, line.unit)
    own = results[0].scope.unit.pk if results else None
    ordered = sorted(units.values(), key=lambda unit: unit.pk != own)  # stable: own first
    by_unit = [{line.unit.pk: line.value for line in result.lines} for result in results]
    return [
        (
            unit,
            [
                values.get(unit.pk, result.metric.empty)
                for values, result in zip(by_unit, results, strict=True)
            ],
        )
        for unit in ordered
    ]


def below_subtotal(results: list[metrics.Result]) -> list[metrics.Value] | None:
    """Per metric, the lines of the units below added up ("14 hội nghị cấp phường"), when the
    unit also held conferences itself; None otherwise (the total says it already)."""
    if not results:
        return None
    own = results[0].scope.unit.pk
    if not any(line.unit.pk == own for result in results for line in result.lines):
        return None
    subtotals = []
    for result in results:
        value = result.metric.empty
        for line in result.lines:
            if line.unit.pk != own:
                value = value + line.value
        subtotals.append(value)
    return subtotals


def statistics(request):
    unit, period = current_unit(request), current_period(request)
    results = []
    if unit is not None:
        chosen = [m for m in metrics.all_metrics() if m.code.startswith("dialogues.")]
        results = metrics.evaluate_all(unit, period, chosen)
    context = {
        "unit": unit,
        "period": period,
        "results": results,
        "rows": breakdown(results),
        "below": below_subtotal(results),
    }
    return render(request, "dialogues/statistics.html", context)
