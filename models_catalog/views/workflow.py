"""Moving a model along its lifecycle: one page per action, with its own small form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danvan.concurrency import ConflictError
from danvan.orgs.access import get_editable
from models_catalog import selectors, services
from models_catalog.forms import CommendationForm, EvaluationForm, ReasonForm
from models_catalog.workflow import TRANSITIONS


def _form_for(transition, practice_model, data):
    initial = {"version": practice_model.version}
    if transition.action == "evaluate":
        initial |= {
            "surveyed_on": practice_model.surveyed_on,
            "findings": practice_model.findings,
            "criteria_met": practice_model.criteria_met,
        }
        return EvaluationForm(data, initial=initial)
    if transition.action == "commend":
        return CommendationForm(data, initial=initial)
    return ReasonForm(data, initial=initial, needs_reason=transition.needs_reason)


def _apply(transition, practice_model, actor, data):
    common = {"actor": actor, "practice_model": practice_model, "version": data.pop("version")}
    if transition.action == "evaluate":
        return services.practice_model_evaluate(**common, **data)
    if transition.action == "commend":
        return services.practice_model_commend(**common, **data)
    return services.practice_model_transition(
        **common, action=transition.action, reason=data.get("reason", "")
    )


def model_transition(request, pk, action):
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise Http404
    practice_model = get_editable(
        selectors.practice_model_pages(), request.user, pk, transition.roles
    )
    form = _form_for(transition, practice_model, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _apply(transition, practice_model, request.user, dict(form.cleaned_data))
        except ConflictError:
            messages.error(
                request,
                _("Someone else changed this model meanwhile. Look at it again, then retry."),
            )
            return redirect("models_catalog:detail", pk=practice_model.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": transition.label})
            return redirect("models_catalog:detail", pk=practice_model.pk)
    context = {"item": practice_model, "transition": transition, "form": form}
    return render(request, "models_catalog/transition.html", context)
