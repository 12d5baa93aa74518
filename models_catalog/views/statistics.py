"""Statistics of a unit subtree for a period, by child unit: every cell is a registered metric."""

from django.http import Http404
from django.shortcuts import render

from danvan.picker import current_period, current_unit
from danvan.rollup import tables
from models_catalog.metrics import TABLE_CODES, cross_codes


def statistics(request):
    unit, period = current_unit(request), current_period(request)
    if unit is None:
        raise Http404
    cross_rows = cross_codes()
    needed = [*TABLE_CODES, *(code for _label, codes in cross_rows for code in codes)]
    counted = tables.build(unit, period, dict.fromkeys(needed))  # one query: one Batch
    # Field × collective/individual for the whole subtree: each cell a metric's total.
    found = counted.by_code()
    cross = [(label, [found[code].total for code in codes]) for label, codes in cross_rows]
    context = {"unit": unit, "period": period, "table": counted.only(TABLE_CODES), "cross": cross}
    return render(request, "models_catalog/statistics.html", context)
