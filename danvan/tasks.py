from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from danvan import imports


@shared_task(ignore_result=True, time_limit=300, soft_time_limit=240)
def clear_expired_sessions() -> int:
    """Daily housekeeping: expired sessions would otherwise pile up in the database."""
    deleted, _by_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task(ignore_result=True, time_limit=300, soft_time_limit=240)
def delete_expired_imports() -> int:
    """Every quarter of an hour: uploads previewed but never confirmed are deleted (a letter
    register holds denunciators' names and telephone numbers)."""
    return imports.delete_expired_stashes()
