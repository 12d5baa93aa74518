"""The opinion grid's row endpoints (htmx) and the full opinion page (the written answer)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.concurrency import ConflictError
from danvan.orgs.access import get_editable
from dialogues import selectors, services
from dialogues.forms import GridOpinionForm, OpinionForm
from dialogues.models import Opinion
from dialogues.views.conferences import attach_errors, conflict_message


def _fields(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


def _save(request, form, *, conference, opinion=None) -> Opinion | None:
    """Run the service; on refusal put the reason on the form (input kept) and return None."""
    try:
        if opinion is None:
            return services.opinion_create(
                actor=request.user, conference=conference, **_fields(form)
            )
        return services.opinion_update(
            actor=request.user,
            opinion=opinion,
            version=form.cleaned_data["version"] or 0,
            **_fields(form),
        )
    except ConflictError as conflict:
        form.add_error(None, conflict_message(conflict))
        form.data = form.data.copy()
        form.data[form.add_prefix("version")] = conflict.current.version
    except services.LockedError as error:
        form.add_error(None, str(error))
    except ValidationError as error:
        attach_errors(form, error)
    return None


def _row(request, conference, form, opinion=None):
    return render(
        request,
        "dialogues/opinion_row.html",
        {"conference": conference, "form": form, "opinion": opinion, "may_edit": True},
    )


@require_POST
def opinion_row_create(request, pk):
    """A new grid row: saved, it comes back as the opinion's row with its own save URL."""
    conference = get_editable(selectors.conference_pages(), request.user, pk)
    form = GridOpinionForm(request.POST, prefix="new")
    if form.is_valid() and (opinion := _save(request, form, conference=conference)):
        return _row(request, conference, None, opinion)
    return _row(request, conference, form)


@require_http_methods(["GET", "POST"])
def opinion_row_update(request, pk, opinion_pk):
    """GET: the saved row as inputs; POST: save it."""
    opinion = get_editable(selectors.opinion_pages(), request.user, opinion_pk, conference_id=pk)
    if request.method == "GET":
        return _row(request, opinion.conference, saved_row_form(opinion), opinion)
    form = GridOpinionForm(request.POST, prefix=f"o{opinion.pk}")
    saved = form.is_valid() and _save(request, form, conference=opinion.conference, opinion=opinion)
    if saved:
        return _row(request, saved.conference, None, saved)
    return _row(request, opinion.conference, form, opinion)


def saved_row_form(opinion: Opinion) -> GridOpinionForm:
    return GridOpinionForm(
        instance=opinion, prefix=f"o{opinion.pk}", initial={"version": opinion.version}
    )


@require_POST
def opinion_row_delete(request, pk, opinion_pk):
    opinion = get_editable(selectors.opinion_pages(), request.user, opinion_pk, conference_id=pk)
    try:
        services.opinion_delete(actor=request.user, opinion=opinion)
    except services.LockedError as error:
        return HttpResponse(str(error), status=409)
    return HttpResponse("")


def opinion_edit(request, pk, opinion_pk):
    """The whole opinion, including the written answer (document number and date)."""
    opinion = get_editable(selectors.opinion_pages(), request.user, opinion_pk, conference_id=pk)
    if opinion.conference.is_locked:
        messages.error(request, str(services.LockedError()))
        return redirect("dialogues:conference_detail", pk=pk)
    form = OpinionForm(
        request.POST or None,
        instance=opinion,
        initial={"version": opinion.version},
        cases=selectors.linkable_cases(request.user, opinion.conference.unit),
    )
    if request.method == "POST" and form.is_valid():
        fresh = get_editable(selectors.opinion_pages(), request.user, opinion_pk, conference_id=pk)
        if _save(request, form, conference=fresh.conference, opinion=fresh):
            messages.success(request, _("The opinion was saved."))
            return redirect("dialogues:conference_detail", pk=pk)
    context = {"form": form, "opinion": opinion, "conference": opinion.conference}
    return render(request, "dialogues/opinion_form.html", context)
