"""Small helpers shared by the petitions views."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404

from danvan.picker import current_unit

PAGE_SIZE = 50


def working_unit(request):
    """The unit chosen in the header picker (scoped: only a visible unit can be chosen)."""
    unit = current_unit(request)
    if unit is None:
        raise Http404
    return unit


def page_of(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


@dataclass
class OpenPage:
    """A page of a list too long to count on every request (the letter register: counting
    every match of a search over 500.000 letters costs as much as finding the page). One
    query reads the page and one row more, which tells whether another page follows; the
    total is known on the last page only."""

    object_list: list
    number: int
    size: int
    has_next: bool

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.object_list else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * self.size + len(self.object_list)

    @property
    def total(self) -> int | None:
        """The number of rows, once the last page is reached; None before."""
        return None if self.has_next else self.end_index


def open_page_of(request, queryset, size=PAGE_SIZE) -> OpenPage:
    """Page `?page=` of `queryset` without counting it; a page past the end gives page 1."""
    text = request.GET.get("page", "")
    number = int(text) if text.isdigit() and 0 < int(text) < 100_000 else 1
    rows = list(queryset[(number - 1) * size : number * size + 1])
    if not rows and number > 1:
        number, rows = 1, list(queryset[: size + 1])
    return OpenPage(rows[:size], number, size, has_next=len(rows) > size)


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
