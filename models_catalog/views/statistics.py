"""Statistics of a unit subtree for a period, by child unit: every cell is a registered metric."""

from django.http import Http404
from django.shortcuts import render

from danvan import metrics
from danvan.picker import current_period, current_unit
from models_catalog.metrics import TABLE_CODES, cross_codes


def statistics(request):
    unit, period = current_unit(request), current_period(request)
    if unit is None:
        raise Http404
    scope = metrics.Scope.build(unit, period)
    needed = dict.fromkeys(TABLE_CODES + [code for _l, codes in cross_codes() for code in codes])
    found = {code: metrics.evaluate(code, unit, period, scope) for code in needed}
    results = [found[code] for code in TABLE_CODES]
    # One row per breakdown line (child unit), one column per metric; all results share lines.
    rows = [
        (line.unit, [result.lines[index].value for result in results])
        for index, line in enumerate(results[0].lines)
    ]
    # Field × collective/individual for the whole subtree: each cell a metric's total.
    cross = [(label, [found[code].total for code in codes]) for label, codes in cross_codes()]
    context = {
        "cross": cross,
        "unit": unit,
        "period": period,
        "results": results,
        "rows": rows,
        "totals": [result.total for result in results],
    }
    return render(request, "models_catalog/statistics.html", context)
