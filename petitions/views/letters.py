"""Letter list, registration (with suggested cases), detail and the identity of denunciators."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from danvan.orgs.access import EDIT_ROLES, get_visible, has_role, require_role
from petitions import selectors, services
from petitions.forms import LetterForm
from petitions.models import Body, Case, Kind, Letter, SubjectArea
from petitions.views.common import (
    errors_into,
    open_page_of,
    query_without,
    sorted_by,
    working_unit,
)

LETTER_PAGE_SIZE = 50
LETTER_SORTS = {"received_on": "received_on", "receipt": "receipt_number", "kind": "kind"}


def _filters(request) -> dict:
    year = request.GET.get("year", "")
    return {
        "query": request.GET.get("q", "").strip(),
        "kind": request.GET.get("kind", "") if request.GET.get("kind") in Kind.values else "",
        "body": request.GET.get("body", "") if request.GET.get("body") in Body.values else "",
        "state": request.GET.get("state", "")
        if request.GET.get("state") in Case.State.values
        else "",
        "year": int(year) if year.isdigit() and 1900 < int(year) < 3000 else None,
        "area": request.GET.get("area", "")[:40],
    }


def filtered_letters(request):
    unit = working_unit(request)
    filters = _filters(request)
    letters = selectors.letters_for(request.user, unit=unit, **filters)
    return unit, filters, letters


def letter_list(request):
    unit, filters, letters = filtered_letters(request)
    letters, sort = sorted_by(request, letters, LETTER_SORTS, "-received_on")
    context = {
        "unit": unit,
        "filters": filters,
        "page": open_page_of(request, letters, LETTER_PAGE_SIZE),
        "sort": sort,
        "kinds": Kind.choices,
        "bodies": Body.choices,
        "states": Case.State.choices,
        "areas": SubjectArea.objects.all(),
        "query_string": query_without(request, "page"),
        "sort_query": query_without(request, "page", "sort"),
        "can_edit": has_role(request.user, unit, EDIT_ROLES),
    }
    return render(request, "petitions/letter_list.html", context)


def _editable_cases(request, unit):
    return Case.objects.editable_by(request.user).filter(unit=unit)


def letter_register(request):
    unit = working_unit(request)
    require_role(request.user, unit, EDIT_ROLES)
    cases = _editable_cases(request, unit)
    form = LetterForm(
        request.POST or None, cases=cases, matches_url=reverse("petitions:letter_matches")
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        sender = services.Sender(data.pop("sender_name"), data.pop("sender_contact"))
        try:
            letter = services.letter_register(actor=request.user, unit=unit, sender=sender, **data)
        except ValidationError as error:
            errors_into(form, error)
        else:
            messages.success(
                request,
                _("Letter %(receipt)s registered in case #%(case)s.")
                % {"receipt": letter.receipt, "case": letter.case_id},
            )
            return redirect("petitions:case_detail", pk=letter.case_id)
    chosen = form.data.get("case", "")
    matches = _matches(request, unit, form.data) if form.is_bound else []
    context = {"unit": unit, "form": form, "matches": matches, "chosen": chosen}
    return render(request, "petitions/letter_register.html", context)


def _matches(request, unit, data):
    return selectors.likely_cases(
        request.user,
        unit,
        sender_name=data.get("sender_name", ""),
        summary=data.get("summary", ""),
    )


def letter_matches(request):
    """The suggestions box (htmx): existing cases a new letter may belong to."""
    unit = working_unit(request)
    require_role(request.user, unit, EDIT_ROLES)
    context = {"matches": _matches(request, unit, request.GET), "chosen": request.GET.get("case")}
    return render(request, "petitions/_case_matches.html", context)


HISTORY_TYPES = {
    "+": pgettext_lazy("letter history", "Registered"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}


def _history(letter):
    records = list(letter.history.select_related("history_user").order_by("-history_date")[:20])
    for record in records:
        record.change_label = HISTORY_TYPES.get(record.history_type, record.history_type)
    return records


def _letter_context(request, letter, identity=None):
    return {
        "letter": letter,
        "case": letter.case,
        "identity": identity,
        "may_reveal": selectors.can_view_identity(request.user, letter),
        "history": _history(letter),
    }


def letter_detail(request, pk):
    letters = Letter.objects.select_related("unit", "case", "subject_area")
    letter = get_visible(letters, request.user, pk)
    return render(request, "petitions/letter_detail.html", _letter_context(request, letter))


@require_POST
def identity_reveal(request, pk):
    """Shown once, in this response only; every viewing is logged by the service."""
    letter = get_visible(Letter, request.user, pk)
    identity = services.identity_reveal(actor=request.user, letter=letter)  # 403 if not allowed
    context = _letter_context(request, letter, identity)
    response = render(request, "petitions/letter_detail.html", context)
    response["Cache-Control"] = "no-store"
    return response
