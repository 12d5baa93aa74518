from django.http import Http404

from models_catalog import selectors
from models_catalog.models import PracticeModel


def visible_model(request, pk) -> PracticeModel:
    """The model if the user may see it; 404 otherwise (never someone else's data)."""
    try:
        return selectors.practice_model_detail(request.user, pk)
    except PracticeModel.DoesNotExist:
        raise Http404 from None
