"""Small helpers shared by the petitions views."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404

from danvan.orgs.access import EDIT_ROLES, has_role
from danvan.picker import current_unit

PAGE_SIZE = 50


def working_unit(request):
    """The unit chosen in the header picker (scoped: only a visible unit can be chosen)."""
    unit = current_unit(request)
    if unit is None:
        raise Http404
    return unit


def require_editor(user, unit) -> None:
    """Inside the scope but without a writing role: 403, not 404."""
    if not has_role(user, unit, EDIT_ROLES):
        raise PermissionDenied


def page_of(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def sorted_by(request, queryset, allowed: dict, default: str):
    """Sort by `?sort=` when it is one of the allowed keys (a leading '-' reverses)."""
    key = request.GET.get("sort", default)
    field = allowed.get(key.lstrip("-"))
    if field is None:
        key, field = default, allowed[default.lstrip("-")]
    prefix = "-" if key.startswith("-") else ""
    return queryset.order_by(f"{prefix}{field}", f"{prefix}id"), key


def query_without(request, *names) -> str:
    """The current query string minus `names`, for links that change one parameter."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def errors_into(form, error: ValidationError) -> None:
    """A service's ValidationError shown beside the fields it names, input kept."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
