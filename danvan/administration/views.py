"""The unit administrator's pages (quản trị đơn vị): units, lineage, issuing bodies, people.

Thin views: every object comes through the scoped helpers (404 outside the administered
subtree, 403 inside it without the administrator role), every write through
`danvan.orgs.services`.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan import imports
from danvan.administration import forms
from danvan.orgs import lineage, resources, selectors, services
from danvan.orgs.access import Role, get_editable, scope_paths, scope_q
from danvan.orgs.models import IssuingBody, Membership, Unit

ADMIN = (Role.ADMIN,)


def _unit(request, pk) -> Unit:
    return get_editable(Unit, request.user, pk, *ADMIN)


def _refuse(form, error: Exception) -> None:
    for message in getattr(error, "messages", None) or [str(error)]:
        form.add_error(None, message)


def index(request):
    if request.user.is_superuser:
        units = list(Unit.objects.filter(parent__isnull=True))
    else:
        units = list(Unit.objects.filter(path__in=scope_paths(request.user, {Role.ADMIN})))
    if not units:
        raise PermissionDenied
    return render(request, "administration/index.html", {"units": units})


def unit_page(request, pk):
    unit = _unit(request, pk)
    members = (
        Membership.objects.filter(unit__in=Unit.objects.subtree(unit))
        .select_related("user", "unit")
        .order_by("unit__path", "role", "user__username")
    )
    history = Membership.history.filter(
        Q(unit_id__in=Unit.objects.subtree(unit).values("pk"))
    ).select_related("history_user", "user", "unit")[:30]
    context = {
        "unit": unit,
        "ancestors": selectors.ancestors_of(unit),
        "children": selectors.children_of(unit),
        "taken": lineage.predecessors_taken(unit),
        "bodies": unit.issuing_bodies.all(),
        "members": members,
        "history": history,
        "lacks": selectors.unit_lacks(unit),
    }
    return render(request, "administration/unit.html", context)


def unit_add(request, pk):
    parent = _unit(request, pk)
    form = forms.UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.unit_create(actor=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The unit was created."))
            return redirect("administration:unit", child.pk)
    return render(
        request,
        "administration/form.html",
        {"form": form, "unit": parent, "title": _("New unit under %s") % parent.title},
    )


def unit_edit(request, pk):
    unit = _unit(request, pk)
    initial = {
        "name": unit.name,
        "kind": unit.kind,
        "code": unit.code,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "is_remote": unit.is_remote,
        "parent": unit.parent_id,
    }
    form = forms.UnitEditForm(request.POST or None, initial=initial, user=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        parent = data.pop("parent", unit.parent)
        code = data.pop("code") or unit.code
        try:
            if parent != unit.parent or code != unit.code:
                unit = services.unit_move(actor=request.user, unit=unit, parent=parent, code=code)
            services.unit_rename(actor=request.user, unit=unit, **data)
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The unit was saved."))
            return redirect("administration:unit", unit.pk)
    return render(
        request, "administration/form.html", {"form": form, "unit": unit, "title": unit.title}
    )


def lineage_add(request, pk):
    unit = _unit(request, pk)
    form = forms.LineageForm(request.POST or None, user=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.lineage_record(actor=request.user, successor=unit, **form.cleaned_data)
        except (ValidationError, ValueError) as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The lineage was recorded."))
            return redirect("administration:unit", unit.pk)
    title = _("%s took over an old unit") % unit.title
    return render(request, "administration/form.html", {"form": form, "unit": unit, "title": title})


def units_import(request, pk):
    """Units with their lineage from one sheet: preview, then all rows or none."""
    unit = _unit(request, pk)
    resource = resources.units_resource(unit, request.user)
    return imports.upload_or_confirm(request, resource, resources.units_import)


def units_template(request, pk):
    return imports.template_download(resources.units_resource(_unit(request, pk), request.user))


def people_import(request, pk):
    """People and their roles from one sheet: preview, then all rows or none."""
    unit = _unit(request, pk)
    resource = resources.people_resource(unit, request.user)
    return imports.upload_or_confirm(request, resource, resources.people_import)


def people_template(request, pk):
    return imports.template_download(resources.people_resource(_unit(request, pk), request.user))


def body_edit(request, pk, body_pk=None):
    unit = _unit(request, pk)
    body = get_object_or_404(IssuingBody, unit=unit, pk=body_pk) if body_pk else None
    form = forms.IssuingBodyForm(request.POST or None, instance=body)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        name = fields.pop("name")
        try:
            services.issuing_body_save(
                actor=request.user, unit=unit, name=name, body=body, **fields
            )
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The issuing body was saved."))
            return redirect("administration:unit", unit.pk)
    return render(
        request,
        "administration/form.html",
        {"form": form, "unit": unit, "title": _("Issuing body of %s") % unit.title},
    )


def person_add(request, pk):
    unit = _unit(request, pk)
    form = forms.PersonForm(request.POST or None, user=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("%s can now sign in.") % person.username)
            return redirect("administration:unit", unit.pk)
    title = _("New person in %s") % unit.title
    return render(request, "administration/form.html", {"form": form, "unit": unit, "title": title})


def grant(request, pk):
    unit = _unit(request, pk)
    form = forms.GrantForm(request.POST or None, user=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.membership_grant(
            actor=request.user, user=data["username"], unit=data["unit"], role=data["role"]
        )
        messages.success(request, _("The role was given."))
        return redirect("administration:unit", unit.pk)
    title = _("Give a role in %s") % unit.title
    return render(request, "administration/form.html", {"form": form, "unit": unit, "title": title})


@require_POST
def revoke(request, pk):
    membership = get_editable(Membership, request.user, pk, *ADMIN)
    services.membership_revoke(actor=request.user, membership=membership)
    messages.success(request, _("The role was taken back."))
    return redirect("administration:unit", membership.unit_id)


def _person(request, pk):
    """Someone holding a role in the administered subtrees (404 otherwise); the services
    refuse (403) a person who also holds a role above or beside them."""
    people = get_user_model().objects.filter(
        memberships__in=Membership.objects.filter(scope_q(request.user, "unit__path", {Role.ADMIN}))
    )
    return get_object_or_404(people.distinct(), pk=pk)


def temporary_password(request, pk):
    person = _person(request, pk)
    unit = (  # the page goes back to where the person works
        Membership.objects.filter(scope_q(request.user, "unit__path", {Role.ADMIN}), user=person)
        .select_related("unit")
        .order_by("unit__depth")
        .first()
        .unit
    )
    form = forms.TemporaryPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_temporary_password(
                actor=request.user, user=person, password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            form.add_error("password", error)
        else:
            messages.success(
                request,
                _("%s must choose a new password at the next sign-in.") % person.username,
            )
            return redirect("administration:unit", unit.pk)
    title = _("Temporary password for %s") % (person.get_full_name() or person.username)
    return render(request, "administration/form.html", {"form": form, "unit": unit, "title": title})


@require_POST
def deactivate(request, pk):
    person = _person(request, pk)
    services.user_deactivate(actor=request.user, user=person)  # 403 above one's scope
    messages.success(request, _("%s can no longer sign in.") % person.username)
    return redirect("administration:index")
