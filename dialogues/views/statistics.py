"""The statistics of dialogue conferences for the picked unit and period, by child unit."""

from django.shortcuts import render

from danvan import metrics
from danvan.picker import current_period, current_unit
from dialogues.metrics import GROUP


def statistics(request):
    unit, period = current_unit(request), current_period(request)
    results = []
    if unit is not None:
        chosen = [m for m in metrics.all_metrics() if m.code.startswith("dialogues.")]
        results = metrics.evaluate_all(unit, period, chosen)
    lines = results[0].lines if results else []
    # One row per breakdown line (the unit's own records first, then each child), one column
    # per metric: the same Value objects the registry folded, never recounted here.
    rows = [
        (line.unit, [result.lines[i].value for result in results]) for i, line in enumerate(lines)
    ]
    context = {
        "unit": unit,
        "period": period,
        "group": GROUP,
        "results": results,
        "rows": rows,
    }
    return render(request, "dialogues/statistics.html", context)
