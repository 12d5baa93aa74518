"""What every list of the API shares: the user's scope, and the filters by unit subtree,
period and `updated_since` (through the simple-history rows, so no model needs a new column)."""

from datetime import datetime
from typing import Annotated

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError

from danvan.orgs.models import PATH_SEPARATOR, Unit
from danvan.periods import Period, PeriodError

# Parameters are checked by their pattern before any query (a NUL byte never reaches the
# database): a unit's code path ("ha-noi/dong-da": its whole subtree) and a period code
# (2019, 2019Q1, 2019S1, 2019N9, 2019M03).
UnitPath = Annotated[str, Field(max_length=255, pattern=r"^[a-z0-9][a-z0-9/-]*$")]
PeriodCode = Annotated[
    str, Field(max_length=7, pattern=r"^(19|2[0-9])[0-9]{2}([MQSNmqsn][0-9]{1,2})?$")
]


class ListFilters(Schema):
    unit: UnitPath | None = None
    period: PeriodCode | None = None
    updated_since: datetime | None = None  # changed at or after this instant


def visible_unit(user, path: str) -> Unit:
    """The unit at `path` if the user may see it; 404 otherwise (as the dashboard)."""
    unit = Unit.objects.visible_to(user).filter(path=path.strip().strip("/")).first()
    if unit is None:
        raise HttpError(404, _("No unit with this code in your scope."))
    return unit


def parse_period(code: str) -> Period:
    try:
        return Period.parse(code.strip())
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from None


def apply(
    request, queryset, filters: ListFilters, *, date_field: str | None = None, updated_field=""
):
    """`queryset` seen by the token's user, narrowed by the filters given; `updated_field` is
    the change time of a model without history rows."""
    queryset = queryset.visible_to(request.user)
    if filters.unit:
        unit = visible_unit(request.user, filters.unit)
        field = queryset.unit_path_field
        if field == "path":
            queryset = queryset.filter(
                Q(path=unit.path) | Q(path__startswith=unit.path + PATH_SEPARATOR)
            )
        else:
            unit_field = field.removesuffix("__path")
            subtree = Unit.objects.subtree(unit).values("pk")
            queryset = queryset.filter(**{f"{unit_field}__in": subtree})
    if filters.period and date_field:
        dates = parse_period(filters.period).date_range
        queryset = queryset.filter(**{f"{date_field}__range": dates})
    if filters.updated_since:
        since = filters.updated_since
        if timezone.is_naive(since):
            since = timezone.make_aware(since)
        if updated_field:
            queryset = queryset.filter(**{f"{updated_field}__gte": since})
        else:
            history = queryset.model.history.model
            changed = history.objects.filter(history_date__gte=since).values("id")
            queryset = queryset.filter(pk__in=changed)
    return queryset
