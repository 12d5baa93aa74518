from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task(ignore_result=True, time_limit=300, soft_time_limit=240)
def clear_expired_sessions() -> int:
    """Daily housekeeping: expired sessions would otherwise pile up in the database."""
    deleted, _by_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
