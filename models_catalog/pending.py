""" "Dân vận khéo" models waiting for a reviewer's evaluation (danvan.pending)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from danvan import pending
from models_catalog.models import PracticeModel, Status

WAITING = [Status.REGISTERED, Status.IMPLEMENTING]


@pending.register(order=60)
def models_to_evaluate(user, today):
    models = (
        PracticeModel.objects.reviewable_by(user)
        .filter(status__in=WAITING)
        .select_related("unit")
        .order_by("unit__path", "id")
    )
    shown = list(models[: pending.SHOWN])
    items = [
        pending.Item(
            model.name,
            reverse("models_catalog:detail", args=[model.pk]),
            f"{model.unit.title} · {model.get_status_display()}",
        )
        for model in shown
    ]
    total = models.count() if len(shown) == pending.SHOWN else len(shown)
    return pending.Group(
        _("Models waiting for evaluation"),
        items,
        total,
        reverse("models_catalog:list") + f"?status={Status.REGISTERED}",
        order=60,
        icon="bi-award",
    )
