from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class WorkflowEvent(models.Model):
    """Base of every app's event log: who moved what from which state to which, when and why.

    Subclasses add the foreign key to their subject (report, case, model registration…).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from state"), max_length=30, blank=True)
    to_state = models.CharField(_("to state"), max_length=30, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user) if user.is_authenticated else self.none()

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app reminder or message for one user (deadlines, returned reports…).

    `key` makes creating a reminder idempotent: a daily job may run twice without sending
    the same reminder twice.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    key = models.CharField(_("key"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("content"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_unique_key")
        ]

    def __str__(self):
        return self.title


class FiguresVersion(models.Model):
    """How many committed changes touched a unit's figures from a month on (danvan.freshness).

    A change to data dated `day` in a unit adds 1 to the row (unit, month of `day`) of the unit,
    of each of its ancestors and of the units that took over one of them (lineage); a row
    without a unit counts for every unit. The figures of a unit for a period read data up to
    the period's end, so their version is the sum of the unit's rows (and of the rows without
    a unit) up to that month: it moves when, and only when, such a change commits. Rows are
    never deleted (the sums must only grow).
    """

    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    month = models.DateField(_("month"))  # its first day
    number = models.PositiveBigIntegerField(_("number of changes"), default=0)

    class Meta:
        verbose_name = _("figures version")
        verbose_name_plural = _("figures versions")
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="figures_version_unit_month")
        ]

    def __str__(self):
        return f"{self.unit_id} {self.month:%Y-%m}: {self.number}"


class CalendarDay(models.Model):
    """A day that breaks the weekly pattern of state offices (danvan.workdays).

    Off (`is_working=False`): a public holiday of Bộ luật Lao động 2019 Art. 112 (1/1, five
    days of Tết, Giỗ Tổ 10/3 lunar, 30/4, 1/5, 2/9 and the adjacent 1/9 or 3/9), a
    compensatory day, or a day given off by the government's yearly swap. Working
    (`is_working=True`): a Saturday or Sunday worked in exchange. 2015–2035 are pre-filled
    (migration 0004); administrators add the yearly swaps and the choice for 2/9.
    """

    day = models.DateField(_("day"), unique=True)
    is_working = models.BooleanField(_("working day"), default=False)
    name = models.CharField(_("name"), max_length=120)
    source = models.CharField(_("source"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} {self.name}"
