"""The reviewer's main screen: units × periods with each report's state."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from danvan.picker import current_period, current_unit
from reports import selectors
from reports.models import Report

PERIOD_COLUMNS = 8
_PK = 987654321  # stands for a report's id in the detail link, replaced per cell


def _lay_out(rows, periods):
    """Each row's cells in column order, with the link and the state badge made once per
    page (a reverse() and a template include per cell were most of the page's time)."""
    badges = {
        status: render_to_string("reports/_cell.html", {"cell": {"status": status}})
        for status in Report.Status.values
    }
    link = reverse("reports:detail", args=[_PK])
    for row in rows:
        row.line = []
        for period in periods:
            cell = row.cells.get(period.code)
            if cell is not None:
                cell = {
                    **cell,
                    "url": link.replace(str(_PK), str(cell["pk"])),
                    "badge": badges[cell["status"]],
                }
            row.line.append(cell)


def completeness_board(request):
    unit = current_unit(request)
    period = current_period(request)
    periods = period.recent(PERIOD_COLUMNS)
    round_id = request.GET.get("round") or None
    rounds = list(
        selectors.rounds_of(request.user)
        .filter(period__in=[p.code for p in periods])
        .select_related(None)
        .only("pk", "title")  # the filter's choices: the city sees 8 × 30 rounds
    )
    if round_id and not any(str(r.pk) == round_id for r in rounds):
        round_id = None
    page_number = request.GET.get("page")
    if unit:
        page = selectors.board(unit, periods, round_id, page_number)
    else:
        page = Paginator([], 100).get_page(page_number)
    _lay_out(page, periods)
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
