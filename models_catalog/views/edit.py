"""Registering a model and editing its details."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danvan.concurrency import ConflictError
from danvan.orgs.access import EDIT_ROLES, REVIEW_ROLES, get_editable
from models_catalog import selectors, services
from models_catalog.files import FileRefused
from models_catalog.forms import PracticeModelForm


def model_register(request):
    units = list(selectors.units_to_register_for(request.user))
    if not units:
        raise PermissionDenied(_("You have no unit to register models for."))
    form = PracticeModelForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        unit = next(u for u in units if u.path == form.cleaned_data["unit"])
        try:
            with transaction.atomic():
                practice_model = services.practice_model_register(
                    actor=request.user, unit=unit, **form.registrant(), **form.details()
                )
                if form.cleaned_data["photo"]:
                    services.attachment_add(
                        actor=request.user,
                        practice_model=practice_model,
                        upload=form.cleaned_data["photo"],
                    )
        except FileRefused as refused:
            form.add_error("photo", str(refused))
        else:
            messages.success(request, _("The model was registered."))
            return redirect("models_catalog:detail", pk=practice_model.pk)
    return render(request, "models_catalog/form.html", {"form": form, "item": None})


def _changes(form, current) -> list[str]:
    """Fields whose saved value now differs from what the user typed."""
    changed = []
    for name in form.Meta.fields:
        if name in form.cleaned_data and form.cleaned_data[name] != getattr(current, name):
            changed.append(str(form.fields[name].label))
    if form.cleaned_data.get("registrant_name", "").strip() != current.registrant.name:
        changed.append(str(form.fields["registrant_name"].label))
    return changed


def model_edit(request, pk):
    practice_model = get_editable(
        selectors.practice_model_pages(), request.user, pk, EDIT_ROLES, REVIEW_ROLES
    )
    registrant = practice_model.registrant
    initial = {
        "registrant_kind": registrant.kind,
        "registrant_name": registrant.name,
        "registrant_position": registrant.position,
        "version": practice_model.version,
    }
    form = PracticeModelForm(
        request.POST or None, instance=practice_model, initial=initial, editing=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_model_update(
                actor=request.user,
                practice_model=practice_model,
                version=form.cleaned_data["version"] or 0,
                **form.registrant(),
                **form.details(),
            )
        except ConflictError as conflict:
            messages.error(
                request,
                _(
                    "Someone else saved this model while you were editing it. Your input is "
                    "kept below; the saved record now differs in: %(fields)s. Check and save again."
                )
                % {"fields": ", ".join(_changes(form, conflict.current)) or "–"},
            )
            form = _refreshed(request, practice_model, conflict.current)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("models_catalog:detail", pk=practice_model.pk)
    return render(request, "models_catalog/form.html", {"form": form, "item": practice_model})


def _refreshed(request, practice_model, current):
    """The user's input again, now based on the latest version so a second save can pass."""
    data = request.POST.copy()
    data["version"] = current.version
    form = PracticeModelForm(data, instance=practice_model, editing=True)
    form.is_valid()
    return form
