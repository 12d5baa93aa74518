"""Opening a reporting round (district reviewer or district office)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danvan.orgs.access import REVIEW_ROLES, has_role
from danvan.picker import current_unit
from reports import services
from reports.forms import RoundForm


def round_open(request):
    owner = current_unit(request)
    if owner is None or not has_role(request.user, owner, REVIEW_ROLES):
        raise PermissionDenied
    form = RoundForm(request.POST or None, owner=owner)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.round_open(
            actor=request.user,
            owner=owner,
            period=data["period"].code,
            template=data["template"],
            title=data["title"],
            due_date=data["due_date"],
            units=data["units"],
            kind=data["kind"],
            leader_approval=data["leader_approval"],
        )
        messages.success(request, _("The round was opened."))
        return redirect("reports:board")
    return render(request, "reports/round_open.html", {"form": form, "owner": owner})
