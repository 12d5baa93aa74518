"""The statistics of dialogue conferences for the picked unit and period, by child unit."""

from django.shortcuts import render

from danvan import metrics
from danvan.picker import current_period, current_unit
from danvan.rollup import tables


def statistics(request):
    unit, period = current_unit(request), current_period(request)
    table = None
    if unit is not None:
        chosen = [m for m in metrics.all_metrics() if m.code.startswith("dialogues.")]
        table = tables.build(unit, period, chosen)
    return render(
        request, "dialogues/statistics.html", {"unit": unit, "period": period, "table": table}
    )
