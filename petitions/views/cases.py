"""Case list, the overdue list, the case page with its transitions and edits, the case PDF."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.concurrency import ConflictError
from danvan.orgs.access import EDIT_ROLES, get_editable, get_visible, has_role
from petitions import deadlines, selectors, services
from petitions.forms import CaseForm, TransitionForm
from petitions.models import Case
from petitions.views.common import (
    errors_into,
    page_of,
    query_without,
    sorted_by,
    working_unit,
)

EVENT_ACTIONS = {
    "opened": gettext_lazy("Case opened"),
    "letter_added": gettext_lazy("Letter added"),
    "transition": gettext_lazy("State changed"),
    "updated": gettext_lazy("Details changed"),
}


def _labelled(events):
    """Events with words for their action and states (the rows store codes)."""
    states = dict(Case.State.choices)
    for event in events:
        event.action_label = EVENT_ACTIONS.get(event.action, event.action)
        event.to_label = states.get(event.to_state, "")
        yield event


CASE_SORTS = {"received_on": "received_on", "due": "resolution_due", "state": "state"}


def _case_list(request, *, overdue: bool, template="petitions/case_list.html"):
    unit = working_unit(request)
    today = timezone.localdate()
    state = request.GET.get("state", "")
    cases = selectors.cases_for(
        request.user,
        unit=unit,
        query=request.GET.get("q", "").strip(),
        state=state if state in Case.State.values else "",
        overdue_on=today if overdue else None,
        long_standing=request.GET.get("long_standing") == "1",
    )
    cases, sort = sorted_by(request, cases, CASE_SORTS, "due" if overdue else "-received_on")
    page = page_of(request, cases)
    for case in page:
        case.days_left = deadlines.days_left(case.due, today)
        case.overdue_days = -case.days_left if case.is_overdue_on(today) else None
    context = {
        "unit": unit,
        "page": page,
        "overdue": overdue,
        "sort": sort,
        "states": Case.State.choices,
        "query_string": query_without(request, "page"),
        "sort_query": query_without(request, "page", "sort"),
    }
    return render(request, template, context)


def case_list(request):
    return _case_list(request, overdue=False)


def overdue_list(request):
    return _case_list(request, overdue=True)


def _handlers(case):
    """(queryset, {user id: role label}) of the people who may handle the case: an editing
    role on the case's own unit (not the city's administrators or viewers), and whoever
    handles it now, so that saving the form never drops them."""
    from danvan.orgs.models import Membership

    roles = {}
    for membership in Membership.objects.filter(unit=case.unit, role__in=EDIT_ROLES).order_by(
        "role"
    ):
        roles.setdefault(membership.user_id, membership.get_role_display())
    users = get_user_model().objects.filter(Q(pk__in=roles, is_active=True) | Q(pk=case.handler_id))
    return users.distinct().order_by("last_name", "first_name", "pk"), roles


def _render_case(request, case, *, transition_form=None, edit_form=None, status=200):
    today = timezone.localdate()
    can_edit = has_role(request.user, case.unit, EDIT_ROLES)
    days_left = deadlines.days_left(case.due, today)
    states = sorted(services.TRANSITIONS.get(case.state, ()), key=list(Case.State).index)
    context = {
        "case": case,
        "letters": case.letters.select_related("subject_area").order_by("received_on", "id"),
        "events": list(_labelled(case.events.select_related("actor").order_by("at", "id"))),
        "visits": case.visits.select_related("session").order_by("session__held_on"),
        "days_left": days_left,
        "overdue_days": -days_left if case.is_overdue_on(today) else None,
        "can_edit": can_edit,
        "transition_form": transition_form
        or TransitionForm(states=states, initial={"on": today, "version": case.version}),
        "edit_form": edit_form
        or CaseForm(instance=case, handlers=_handlers(case), initial={"version": case.version}),
        "has_transitions": bool(states),
    }
    return render(request, "petitions/case_detail.html", context, status=status)


def case_detail(request, pk):
    return _render_case(request, get_visible(selectors.case_pages(), request.user, pk))


@require_POST
def case_transition(request, pk):
    case = get_editable(selectors.case_pages(), request.user, pk)
    states = services.TRANSITIONS.get(case.state, ())
    form = TransitionForm(request.POST, states=states)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.case_transition(
                actor=request.user,
                case=case,
                to_state=data["to_state"],
                on=data["on"],
                reason=data["reason"],
                version=data["version"],
                outcome=data["outcome"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                especially_complex=data["especially_complex"],
            )
        except ConflictError as conflict:
            messages.error(request, str(conflict))
            return _render_case(request, conflict.current, transition_form=form, status=409)
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The case was updated."))
            return redirect("petitions:case_detail", pk=case.pk)
    return _render_case(request, case, transition_form=form, status=400)


@require_POST
def case_edit(request, pk):
    case = get_editable(selectors.case_pages(), request.user, pk)
    form = CaseForm(
        request.POST, instance=Case(pk=case.pk, unit=case.unit), handlers=_handlers(case)
    )
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CaseForm.Meta.fields}
        try:
            services.case_update(
                actor=request.user,
                case=case,
                version=form.cleaned_data["version"],
                **fields,
            )
        except ConflictError as conflict:
            # Their version is shown; resubmitting the kept input then overwrites knowingly.
            form.data = form.data.copy()
            form.data["version"] = conflict.current.version
            messages.error(
                request,
                _("%(message)s Their version is shown; your input is kept below.")
                % {"message": conflict},
            )
            return _render_case(request, conflict.current, edit_form=form, status=409)
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(request, _("The case was updated."))
            return redirect("petitions:case_detail", pk=case.pk)
    return _render_case(request, case, edit_form=form, status=400)


def case_pdf(request, pk):
    """The case sheet as a PDF; denunciators appear as "(kept secret)", never by name."""
    from weasyprint import HTML

    case = get_visible(selectors.case_pages(), request.user, pk)
    html = render_to_string(
        "petitions/case_pdf.html",
        {
            "case": case,
            "letters": case.letters.order_by("received_on", "id"),
            "events": list(_labelled(case.events.select_related("actor").order_by("at", "id"))),
            "today": timezone.localdate(),
        },
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="vu-viec-{case.pk}.pdf"'
    return response
