"""Statistics of a unit subtree for a period, by child unit: every cell is a registered metric."""

from django.http import Http404
from django.shortcuts import render

from danvan import metrics
from danvan.picker import current_period, current_unit
from models_catalog.metrics import TABLE_CODES


def statistics(request):
    unit, period = current_unit(request), current_period(request)
    if unit is None:
        raise Http404
    scope = metrics.Scope.build(unit, period)
    results = [metrics.evaluate(code, unit, period, scope) for code in TABLE_CODES]
    # One row per breakdown line (child unit), one column per metric; all results share lines.
    rows = [
        (line.unit, [result.lines[index].value for result in results])
        for index, line in enumerate(results[0].lines)
    ]
    context = {
        "unit": unit,
        "period": period,
        "results": results,
        "rows": rows,
        "totals": [result.total for result in results],
    }
    return render(request, "models_catalog/statistics.html", context)
