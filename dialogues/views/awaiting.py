"""Opinions still waiting for their written answer, across the picked unit's conferences."""

from django.core.paginator import Paginator
from django.shortcuts import render

from danvan.picker import current_unit
from dialogues import selectors

PAGE_SIZE = 50


def awaiting_answers(request):
    unit = current_unit(request)
    opinions = selectors.awaiting_answers(request.user, unit=unit, query=request.GET.get("q", ""))
    page = Paginator(opinions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"unit": unit, "page": page, "query_string": query.urlencode()}
    return render(request, "dialogues/awaiting_answers.html", context)
