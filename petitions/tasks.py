from celery import shared_task
from django.utils import timezone

from petitions import services


@shared_task(
    ignore_result=True,
    time_limit=600,
    soft_time_limit=540,
    acks_late=True,
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=3,
)
def send_deadline_reminders() -> int:
    """Daily: idempotent, since each reminder has its own key (danvan.notifications)."""
    return services.deadline_reminders(today=timezone.localdate())
