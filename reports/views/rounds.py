"""Reporting rounds: opening one (district reviewer or district office), its page with the
history of its due date, and moving the due date with a reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danvan.orgs.access import REVIEW_ROLES, get_visible, has_role
from danvan.picker import current_unit
from reports import services
from reports.forms import RoundForm, RoundRescheduleForm
from reports.models import Report, ReportingRound


def round_open(request):
    owner = current_unit(request)
    if owner is None or not has_role(request.user, owner, REVIEW_ROLES):
        raise PermissionDenied
    form = RoundForm(request.POST or None, owner=owner)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        round_ = services.round_open(
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
        return redirect("reports:round", round_.pk)
    return render(request, "reports/round_open.html", {"form": form, "owner": owner})


def round_detail(request, pk):
    round_ = get_visible(
        ReportingRound.objects.select_related("owner", "template"), request.user, pk
    )
    may_reschedule = has_role(request.user, round_.owner, REVIEW_ROLES)
    form = RoundRescheduleForm(request.POST or None, initial={"due_date": round_.due_date})
    if request.method == "POST":
        if not may_reschedule:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.round_reschedule(actor=request.user, round_=round_, **form.cleaned_data)
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field, problems)
            else:
                messages.success(request, _("The due date was changed."))
                return redirect("reports:round", round_.pk)
    counts = dict(
        round_.reports.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    context = {
        "round": round_,
        "form": form if may_reschedule else None,
        "events": round_.events.select_related("actor"),
        "counts": [(label, counts.get(value, 0)) for value, label in Report.Status.choices],
    }
    return render(request, "reports/round_detail.html", context)
