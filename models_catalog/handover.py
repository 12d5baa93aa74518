""" "Dân vận khéo" models in progress, handed over when a unit closes (danvan.handover)."""

from django.utils.translation import gettext_lazy as _

from danvan import handover
from models_catalog import services
from models_catalog.models import PracticeModel

handover.register(
    handover.Kind(
        "models_catalog.in_progress",
        _("Models in progress"),
        # Still running in the year of the hand-over; an older one stays its unit's history.
        lambda ids, day: (
            PracticeModel.objects.filter(
                unit_id__in=ids, status__in=services.IN_PROGRESS_STATES, end_year__gte=day.year
            )
            .select_related("unit")
            .order_by("unit__path", "name", "pk")
        ),
        services.practice_model_hand_over,
        lambda model: model.name,
        order=30,
    )
)
