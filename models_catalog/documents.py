"""The "Dân vận khéo" typical-models booklet as a printed document, registered in
danvan.documents so the export pipeline renders it without reading this app's models."""

from danvan import documents
from danvan.orgs.models import Unit
from danvan.periods import Period
from models_catalog import selectors

KIND = "booklet_pdf"


def subject(user, data):
    """The unit (Unit.DoesNotExist outside the user's scope) and period of the booklet."""
    unit = Unit.objects.visible_to(user).get(path=(data.get("unit") or "").strip("/"))
    period = Period.parse(data.get("period") or "")
    return unit, period, {"unit": unit.path, "period": period.code}


def build(parameters):
    context = selectors.booklet_context(parameters["unit"], parameters["period"])
    return "models_catalog/booklet_pdf.html", context


def register():
    documents.register(KIND, subject=subject, build=build)
