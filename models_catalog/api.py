""" "Dân vận khéo" models in the read-only API (danvan.api)."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import CursorPagination, paginate

from danvan.api import registry
from danvan.api.filters import ListFilters, apply
from models_catalog.models import PracticeModel

router = Router(tags=["models_catalog"])


class PracticeModelOut(Schema):
    id: int
    unit: str
    name: str
    registrant: str
    field: str
    level: str
    start_year: int
    end_year: int
    status: str
    award: str
    decision_number: str
    decision_date: date | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.path

    @staticmethod
    def resolve_registrant(obj):
        return obj.registrant.name


def _models():
    return PracticeModel.objects.select_related("unit", "registrant")


@router.get("/models/", response=list[PracticeModelOut])
@paginate(CursorPagination, ordering=("id",))
def model_list(request, filters: Query[ListFilters]):
    """Models in your scope; `period` by registration date."""
    return apply(
        request, _models(), filters, date_field="created_at__date", updated_field="updated_at"
    )


@router.get("/models/{int:model_id}/", response=PracticeModelOut)
def model_detail(request, model_id: int):
    return get_object_or_404(_models().visible_to(request.user), pk=model_id)


registry.register("models_catalog", router)
