"""Screens of conferences: list, record, edit, detail, hold and publish."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.concurrency import ConflictError
from danvan.orgs.access import get_editable, get_visible
from danvan.periods import Period, PeriodError
from danvan.picker import current_unit
from dialogues import selectors, services
from dialogues.forms import ConferenceForm, GridOpinionForm, MarkHeldForm, PublishForm
from dialogues.models import Conference

PAGE_SIZE = 25


def _period_from(request) -> Period | None:
    try:
        return Period.parse(request.GET["period"]) if request.GET.get("period") else None
    except PeriodError as error:
        messages.error(request, str(error))
        return None


def conference_list(request):
    unit = current_unit(request)
    sort = request.GET.get("sort", "-date")
    conferences = selectors.conference_list(
        request.user,
        unit=unit,
        period=_period_from(request),
        status=request.GET.get("status", ""),
        kind=request.GET.get("kind", ""),
        query=request.GET.get("q", ""),
        sort=sort,
    )
    page = Paginator(conferences, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dialogues/conference_list.html",
        {
            "unit": unit,
            "page": page,
            "sort": sort,
            "query_string": query.urlencode(),
            "statuses": Conference.Status.choices,
            "kinds": Conference.Kind.choices,
            "may_create": selectors.editable_units(request.user, unit).exists(),
        },
    )


def conference_create(request):
    units = selectors.editable_units(request.user, current_unit(request))
    if not units.exists():
        raise PermissionDenied
    form = ConferenceForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            conference = services.conference_create(actor=request.user, **fields)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The conference was recorded."))
            return redirect("dialogues:conference_detail", pk=conference.pk)
    return render(request, "dialogues/conference_form.html", {"form": form, "conference": None})


def conference_edit(request, pk):
    conference = get_editable(selectors.conference_pages(), request.user, pk)
    if conference.is_locked:
        messages.error(request, str(services.LockedError()))
        return redirect("dialogues:conference_detail", pk=pk)
    units = selectors.editable_units(request.user, current_unit(request), keep=conference.unit)
    form = ConferenceForm(
        request.POST or None,
        instance=conference,
        units=units,
        initial={"version": conference.version},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.conference_update(
                actor=request.user,
                conference=get_visible(selectors.conference_pages(), request.user, pk),
                version=form.cleaned_data["version"] or 0,
                **data,
            )
        except ConflictError as conflict:
            form.add_error(None, conflict_message(conflict))
            form.data = form.data.copy()
            form.data["version"] = conflict.current.version
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The conference was saved."))
            return redirect("dialogues:conference_detail", pk=pk)
    context = {"form": form, "conference": conference}
    return render(request, "dialogues/conference_form.html", context)


def attach_errors(form, error: ValidationError) -> None:
    """A service's refusal beside the field it concerns when the form shows it, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def conflict_message(conflict: ConflictError) -> str:
    return _(
        "%(error)s Your input is kept below; check it against the saved record "
        "(version %(version)s) and save again to replace it."
    ) % {"error": conflict, "version": conflict.current.version}


def conference_detail(request, pk):
    conference = get_visible(selectors.conference_pages(), request.user, pk)
    may_edit = selectors.may_edit(request.user, conference) and not conference.is_locked
    context = {
        "conference": conference,
        "opinions": selectors.opinions_of(conference),
        "may_edit": may_edit,
        "blank_form": GridOpinionForm(prefix="new") if may_edit else None,
        "held_form": MarkHeldForm(initial={"attendees": conference.attendees}),
        "publish_form": PublishForm(),
        "events": conference.events.select_related("actor").order_by("-at")[:20],
        "today": timezone.localdate(),  # the rows' cache key: "overdue" changes with the day
    }
    return render(request, "dialogues/conference_detail.html", context)


@require_POST
def conference_mark_held(request, pk):
    conference = get_editable(selectors.conference_pages(), request.user, pk)
    form = MarkHeldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of attendees."))
        return redirect("dialogues:conference_detail", pk=pk)
    try:
        services.conference_mark_held(
            actor=request.user,
            conference=conference,
            version=conference.version,
            attendees=form.cleaned_data["attendees"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The conference is recorded as held."))
    return redirect("dialogues:conference_detail", pk=pk)


@require_POST
def conference_publish(request, pk):
    conference = get_editable(selectors.conference_pages(), request.user, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the results were published."))
        return redirect("dialogues:conference_detail", pk=pk)
    try:
        services.conference_publish(
            actor=request.user,
            conference=conference,
            version=conference.version,
            published_on=form.cleaned_data["published_on"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The minutes are published; the record is now locked."))
    return redirect("dialogues:conference_detail", pk=pk)


def conference_minutes(request, pk):
    conference = get_visible(selectors.conference_pages(), request.user, pk)
    context = {"conference": conference, "opinions": selectors.opinions_of(conference)}
    return render(request, "dialogues/minutes.html", context)
