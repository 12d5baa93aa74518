"""Dialogue conferences and their opinions with outcomes, in the read-only API (danvan.api).
Who raised an opinion is not given (a citizen's name)."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import CursorPagination, paginate

from danvan.api import registry
from danvan.api.filters import ListFilters, apply
from dialogues.models import Conference, Opinion

router = Router(tags=["dialogues"])


class ConferenceOut(Schema):
    id: int
    unit: str
    title: str
    kind: str
    organiser: str
    held_on: date
    mode: str
    attendees: int
    status: str
    results_published_on: date | None

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.path


class OpinionOut(Schema):
    id: int
    conference: int
    number: int
    channel: str
    field: str
    content: str
    outcome: str
    answered_by: str
    answer_summary: str
    deadline: date | None
    answer_number: str
    answered_on: date | None
    petition_case: int | None

    @staticmethod
    def resolve_conference(obj):
        return obj.conference_id

    @staticmethod
    def resolve_field(obj):
        return obj.field.code

    @staticmethod
    def resolve_petition_case(obj):
        return obj.petition_case_id


def _conferences():
    return Conference.objects.select_related("unit")


def _opinions():
    return Opinion.objects.select_related("field")


@router.get("/conferences/", response=list[ConferenceOut])
@paginate(CursorPagination, ordering=("id",))
def conference_list(request, filters: Query[ListFilters]):
    """Conferences in your scope; `period` by the date held."""
    return apply(request, _conferences(), filters, date_field="held_on")


@router.get("/conferences/{int:conference_id}/", response=ConferenceOut)
def conference_detail(request, conference_id: int):
    return get_object_or_404(_conferences().visible_to(request.user), pk=conference_id)


class OpinionFilters(ListFilters):
    conference: int | None = None


@router.get("/opinions/", response=list[OpinionOut])
@paginate(CursorPagination, ordering=("id",))
def opinion_list(request, filters: Query[OpinionFilters]):
    """Opinions with their outcome; `period` by the conference's date."""
    opinions = apply(request, _opinions(), filters, date_field="conference__held_on")
    if filters.conference is not None:
        opinions = opinions.filter(conference_id=filters.conference)
    return opinions


@router.get("/opinions/{int:opinion_id}/", response=OpinionOut)
def opinion_detail(request, opinion_id: int):
    return get_object_or_404(_opinions().visible_to(request.user), pk=opinion_id)


registry.register("dialogues", router)
