"""The figures of the unit and period in the picker, against the same period last year."""

from django.shortcuts import render

from danvan import metrics
from danvan.picker import current_period
from petitions.views.common import working_unit


def stats(request):
    unit = working_unit(request)
    period = current_period(request)
    chosen = [m for m in metrics.all_metrics() if m.code.startswith("petitions.")]
    now = metrics.evaluate_all(unit, period, chosen)
    before = metrics.evaluate_all(unit, period.same_period_last_year(), chosen)
    rows = [
        {
            "result": current,
            "previous": previous,
            "change": metrics.change(current.total, previous.total),
        }
        for current, previous in zip(now, before, strict=True)
    ]
    context = {
        "unit": unit,
        "period": period,
        "previous_period": period.same_period_last_year(),
        "rows": rows,
    }
    return render(request, "petitions/stats.html", context)
