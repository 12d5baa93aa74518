"""The reviewer's main screen: units × periods with each report's state."""

from django.core.paginator import Paginator
from django.shortcuts import render

from danvan.picker import current_period, current_unit
from reports import selectors

PERIOD_COLUMNS = 8


def completeness_board(request):
    unit = current_unit(request)
    period = current_period(request)
    periods = period.recent(PERIOD_COLUMNS)
    round_id = request.GET.get("round") or None
    rounds = list(selectors.rounds_of(request.user).filter(period__in=[p.code for p in periods]))
    if round_id and not any(str(r.pk) == round_id for r in rounds):
        round_id = None
    rows = selectors.board(unit, periods, round_id) if unit else []
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    counts = selectors.board_counts(unit, periods) if unit else {}
    columns = [(p, counts.get(p.code)) for p in periods]
    context = {
        "unit": unit,
        "periods": periods,
        "columns": columns,
        "page": page,
        "rounds": rounds,
        "round_id": round_id,
    }
    return render(request, "reports/board.html", context)
