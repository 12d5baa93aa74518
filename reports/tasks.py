from celery import shared_task


@shared_task(ignore_result=True, acks_late=True, time_limit=600, soft_time_limit=540, max_retries=3)
def send_round_reminders() -> int:
    """Daily (beat): deadline reminders; idempotent, so a second run sends nothing new."""
    from reports.reminders import send_round_reminders as send

    return send()
