from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from dialogues import services


@shared_task(
    ignore_result=True,
    time_limit=300,
    soft_time_limit=240,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def remind_overdue_answers() -> int:
    """Daily: editors hear about written answers past their deadline (idempotent per day)."""
    return services.overdue_reminders_send(today=timezone.localdate())
