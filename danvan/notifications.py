"""Writes of notifications: in-app always, e-mail too when mail is configured."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from danvan.models import Notification


@transaction.atomic
def notify(*, user, key: str, title: str, body: str = "", url: str = "") -> Notification | None:
    """Create the notification `key` for `user` once; None if it already existed."""
    notification, created = Notification.objects.get_or_create(
        user=user, key=key, defaults={"title": title, "body": body, "url": url}
    )
    if not created:
        return None
    if settings.EMAIL_ENABLED and user.email:
        transaction.on_commit(lambda: _email(notification.pk))
    return notification


def _email(notification_id: int) -> None:
    notification = Notification.objects.select_related("user").get(pk=notification_id)
    send_mail(
        notification.title,
        f"{notification.body}\n\n{notification.url}".strip(),
        settings.DEFAULT_FROM_EMAIL,
        [notification.user.email],
        fail_silently=True,
    )
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())


def mark_read(*, user, notification_ids=None) -> int:
    unread = Notification.objects.for_user(user).unread()
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
