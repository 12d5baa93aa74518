from django.http import Http404
from django.shortcuts import render

from danvan.orgs import selectors
from danvan.orgs.access import LEAD_ROLES, has_role
from danvan.orgs.models import Membership, Unit


def unit_detail(request, path):
    try:
        unit = selectors.unit_for_path(request.user, path)
    except Unit.DoesNotExist:
        raise Http404 from None
    context = {
        "unit": unit,
        "ancestors": selectors.ancestors_of(unit),
        "children": selectors.children_of(unit),
        "lineage": selectors.lineage_of(unit),
        "issuing_bodies": unit.issuing_bodies.all(),
        "members": Membership.objects.filter(unit=unit).select_related("user")
        if has_role(request.user, unit, LEAD_ROLES)
        else None,
    }
    return render(request, "orgs/unit_detail.html", context)
