from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.models import WorkflowEvent
from danvan.orgs.access import ScopedQuerySet
from danvan.orgs.models import Unit
from danvan.periods import Period, validate_period_code


class Export(models.Model):
    """A rendered file (PDF or Excel) for a unit and period, and the job that renders it.

    The row is the truth the status page shows (status, progress, step, error), not the
    broker. `fingerprint` digests every input of the document (figures, narrative, issuing
    body, parameters, date), so an unchanged request is served the stored file again.
    """

    class Kind(models.TextChoices):
        ROLLUP_PDF = "rollup_pdf", _("Roll-up report (PDF)")
        MINUTES_PDF = "minutes_pdf", _("Dialogue conference minutes (PDF)")
        BOOKLET_PDF = "booklet_pdf", _("Typical models booklet (PDF)")
        XLSX = "xlsx", _("Figures (Excel)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="exports", verbose_name=_("unit")
    )
    period = models.CharField(_("period"), max_length=8, validators=[validate_period_code])
    # The period's dates, so lists sort by time ("2019-03" before "2019Q2"), not by code text.
    period_start = models.DateField(_("period start"), null=True, editable=False)
    period_end = models.DateField(_("period end"), null=True, editable=False)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    step = models.CharField(_("current step"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)
    send_error = models.CharField(_("sending error"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Folded unit name, period and kind (danvan.search), written by the service.
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "started_at"], name="export_status_started")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.unit} – {self.period}"

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def period_label(self) -> str:
        return Period.parse(self.period).label

    @property
    def filename(self) -> str:
        suffix = "xlsx" if self.kind == self.Kind.XLSX else "pdf"
        if self.kind == self.Kind.MINUTES_PDF:
            return f"bien-ban-doi-thoai-{self.parameters.get('record', '')}.{suffix}"
        if self.kind == self.Kind.BOOKLET_PDF:
            return f"mo-hinh-tieu-bieu-{self.unit.code}-{self.period}.{suffix}"
        return f"bao-cao-{self.unit.code}-{self.period}.{suffix}"


class ExportEvent(WorkflowEvent):
    export = models.ForeignKey(
        Export, on_delete=models.CASCADE, related_name="events", verbose_name=_("export")
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("export event")
        verbose_name_plural = _("export events")


class Snapshot(models.Model):
    """The roll-up's figures for a unit and period, stored so pages need not recount them.

    `data` is what danvan.rollup.figures.evaluate returns; `data_version` the version of the
    unit's figures for the period it was computed at (danvan.freshness.version): a different
    number now means the figures may be out of date, and the page says when they were
    computed while the worker recomputes them (danvan.rollup.snapshots).
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    period = models.CharField(_("period"), max_length=8, validators=[validate_period_code])
    data = models.JSONField(_("figures"), default=dict)
    # Digest of the registered metric codes and the data's format: other code, other figures.
    signature = models.CharField(_("signature"), max_length=64)
    data_version = models.PositiveBigIntegerField(_("data version"), default=0)
    computed_at = models.DateTimeField(_("computed at"))
    compute_ms = models.PositiveIntegerField(_("computing time (ms)"), default=0)
    refresh_requested_at = models.DateTimeField(_("refresh requested at"), null=True, blank=True)

    class Meta:
        verbose_name = _("figures snapshot")
        verbose_name_plural = _("figures snapshots")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="snapshot_unique_unit_period")
        ]

    def __str__(self):
        return f"{self.unit} – {self.period}"
