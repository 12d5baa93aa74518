"""A model's page and its printable sheet."""

from django.shortcuts import render

from danvan.orgs.access import EDIT_ROLES, REVIEW_ROLES, get_visible, has_role
from models_catalog import selectors
from models_catalog.forms import AttachmentForm
from models_catalog.models import Criterion
from models_catalog.workflow import TRANSITIONS, action_label, state_label


def _context(request, practice_model):
    allowed = [
        transition
        for transition in TRANSITIONS.values()
        if practice_model.status in transition.sources
        and has_role(request.user, practice_model.unit, transition.roles)
    ]
    criteria = [(label, value in practice_model.criteria_met) for value, label in Criterion.choices]
    history = [
        {
            "event": event,
            "action": action_label(event.action),
            "moved": event.from_state != event.to_state,
            "from": state_label(event.from_state),
            "to": state_label(event.to_state),
        }
        for event in practice_model.events.all()
    ]
    return {
        "item": practice_model,
        "transitions": allowed,
        "criteria": criteria,
        "history": history,
    }


def model_detail(request, pk):
    practice_model = get_visible(selectors.practice_model_pages(), request.user, pk)
    context = _context(request, practice_model)
    context["can_edit"] = has_role(request.user, practice_model.unit, EDIT_ROLES | REVIEW_ROLES)
    context["attachment_form"] = AttachmentForm()
    return render(request, "models_catalog/detail.html", context)


def model_print(request, pk):
    practice_model = get_visible(selectors.practice_model_pages(), request.user, pk)
    return render(request, "models_catalog/print.html", _context(request, practice_model))
