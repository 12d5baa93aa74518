"""The figures of the unit and period in the picker, by child unit, against the same period
last year."""

from django.shortcuts import render

from danvan import metrics
from danvan.picker import current_period
from danvan.rollup import tables
from petitions.views.common import working_unit


def stats(request):
    unit = working_unit(request)
    period = current_period(request)
    chosen = [m for m in metrics.all_metrics() if m.code.startswith("petitions.")]
    table = tables.build(unit, period, chosen, compare=True)
    context = {"unit": unit, "period": period, "table": table}
    return render(request, "petitions/stats.html", context)
