"""Background work of the catalogue: thin, by id, idempotent (notify() is keyed by event)."""

from celery import shared_task
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.notifications import notify
from danvan.orgs.access import EDIT_ROLES
from danvan.orgs.models import Membership
from models_catalog.models import PracticeModelEvent
from models_catalog.workflow import action_label, state_label


@shared_task(
    ignore_result=True,
    time_limit=60,
    soft_time_limit=50,
    acks_late=True,
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=5,
)
def notify_unit_of_decision(event_id: int) -> int:
    """Tell the unit's editors and leaders what the reviewer decided about their model."""
    event = (
        PracticeModelEvent.objects.select_related("practice_model__unit", "actor")
        .filter(pk=event_id)
        .first()
    )
    if event is None:  # the model was deleted meanwhile: nothing to say
        return 0
    model = event.practice_model
    members = Membership.objects.filter(unit=model.unit, role__in=EDIT_ROLES).select_related("user")
    title = _("“%(model)s”: %(action)s (%(state)s)") % {
        "model": model.name,
        "action": action_label(event.action),
        "state": state_label(event.to_state),
    }
    url = reverse("models_catalog:detail", kwargs={"pk": model.pk})
    sent = 0
    for user in {m.user for m in members if m.user_id != event.actor_id}:
        if notify(
            user=user,
            key=f"models_catalog.event.{event.pk}",
            title=title,
            body=event.reason,
            url=url,
        ):
            sent += 1
    return sent
