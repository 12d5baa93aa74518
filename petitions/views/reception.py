"""Citizen reception: sessions (buổi tiếp) and the visits (lượt) received at each."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danvan.orgs.access import EDIT_ROLES, get_visible, has_role, require_role
from petitions import selectors, services
from petitions.forms import SessionForm, VisitForm
from petitions.models import Case, ReceptionSession
from petitions.views.common import errors_into, page_of, working_unit


def session_list(request):
    unit = working_unit(request)
    can_edit = has_role(request.user, unit, EDIT_ROLES)
    form = SessionForm(request.POST or None)
    if request.method == "POST":
        require_role(request.user, unit, EDIT_ROLES)
        if form.is_valid():
            try:
                session = services.session_create(
                    actor=request.user, unit=unit, **form.cleaned_data
                )
            except ValidationError as error:
                errors_into(form, error)
            else:
                messages.success(request, _("The reception session was recorded."))
                return redirect("petitions:session_detail", pk=session.pk)
    sessions = (
        ReceptionSession.objects.visible_to(request.user)
        .filter(selectors.in_subtree(unit))
        .select_related("unit")
        .order_by("-held_on", "-id")
    )
    context = {"unit": unit, "page": page_of(request, sessions), "form": form, "can_edit": can_edit}
    return render(request, "petitions/session_list.html", context)


def session_detail(request, pk):
    session = get_visible(ReceptionSession.objects.select_related("unit"), request.user, pk)
    cases = (
        Case.objects.editable_by(request.user).filter(unit=session.unit).order_by("-received_on")
    )
    form = VisitForm(request.POST or None, cases=cases)
    if request.method == "POST":
        require_role(request.user, session.unit, EDIT_ROLES)
        if form.is_valid():
            try:
                services.visit_add(actor=request.user, session=session, **form.cleaned_data)
            except ValidationError as error:
                errors_into(form, error)
            else:
                messages.success(request, _("The visit was recorded."))
                return redirect("petitions:session_detail", pk=session.pk)
    context = {
        "session": session,
        "visits": session.visits.prefetch_related("cases"),
        "form": form,
        "can_edit": has_role(request.user, session.unit, EDIT_ROLES),
    }
    return render(request, "petitions/session_detail.html", context)
