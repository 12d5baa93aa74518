"""Cases and letters in the read-only API (danvan.api). No sender is ever given: not a
denunciator's identity (kept apart in SenderIdentity), nor any other sender's name or contact."""

from datetime import date
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import CursorPagination, paginate

from danvan.api import registry
from danvan.api.filters import ListFilters, apply
from petitions.models import Case, Letter

router = Router(tags=["petitions"])


class CaseFilters(ListFilters):
    national_reference: (
        Annotated[str, Field(max_length=60, pattern=r"^[A-Za-z0-9./-]+$")] | None
    ) = None


class CaseOut(Schema):
    id: int
    unit: str
    receiving_body: str
    kind: str
    summary: str
    state: str
    received_on: date
    accepted_on: date | None
    acceptance_due: date | None
    resolution_due: date | None
    outcome: str
    decision_number: str
    decision_date: date | None
    resolved_on: date | None
    closed_on: date | None
    second_complaint: bool
    is_complex: bool
    is_long_standing: bool
    extensions: int
    national_reference: str

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.path


class LetterOut(Schema):
    id: int
    unit: str
    case: int
    receiving_body: str
    receipt: str
    received_on: date
    channel: str
    kind: str
    subject_area: str | None
    summary: str
    signers: str
    signer_count: int
    is_eligible: bool
    competence: str
    is_repeated: bool

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.path

    @staticmethod
    def resolve_case(obj):
        return obj.case_id

    @staticmethod
    def resolve_subject_area(obj):
        return obj.subject_area.code if obj.subject_area_id else None


def _cases():
    return Case.objects.select_related("unit")


def _letters():
    return Letter.objects.select_related("unit", "subject_area")


@router.get("/cases/", response=list[CaseOut])
@paginate(CursorPagination, ordering=("id",))
def case_list(request, filters: Query[CaseFilters]):
    """Cases in your scope; `period` by the date received."""
    cases = apply(request, _cases(), filters, date_field="received_on")
    if filters.national_reference:
        cases = cases.filter(national_reference=filters.national_reference.strip().upper())
    return cases


@router.get("/cases/{int:case_id}/", response=CaseOut)
def case_detail(request, case_id: int):
    return get_object_or_404(_cases().visible_to(request.user), pk=case_id)


@router.get("/letters/", response=list[LetterOut])
@paginate(CursorPagination, ordering=("id",))
def letter_list(request, filters: Query[ListFilters]):
    """Letters in your scope; `period` by the date received. No sender."""
    return apply(request, _letters(), filters, date_field="received_on")


@router.get("/letters/{int:letter_id}/", response=LetterOut)
def letter_detail(request, letter_id: int):
    return get_object_or_404(_letters().visible_to(request.user), pk=letter_id)


registry.register("petitions", router)
