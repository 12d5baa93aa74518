from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.models import WorkflowEvent
from danvan.orgs.access import ScopedQuerySet
from danvan.orgs.models import IssuingBody, Unit
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

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (.docx)"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file_format = models.CharField(
        _("file format"), max_length=5, choices=Format.choices, default=Format.PDF
    )
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
    def issued(self):
        """The Issue this export is the file of (its PDF or its Word file), else None."""
        for name in ("issue", "issue_as_word"):
            try:
                return getattr(self, name)
            except ObjectDoesNotExist:
                continue
        return None

    @property
    def title(self) -> str:
        """The kind, and for a Word file the words that say so."""
        if self.file_format == self.Format.DOCX:
            return str(WORD_TITLES.get(self.kind, self.get_kind_display()))
        return self.get_kind_display()

    @property
    def filename(self) -> str:
        suffix = "xlsx" if self.kind == self.Kind.XLSX else self.file_format
        if self.kind == self.Kind.MINUTES_PDF:
            return f"bien-ban-doi-thoai-{self.parameters.get('record', '')}.{suffix}"
        if self.kind == self.Kind.BOOKLET_PDF:
            return f"mo-hinh-tieu-bieu-{self.unit.code}-{self.period}.{suffix}"
        return f"bao-cao-{self.unit.code}-{self.period}.{suffix}"


WORD_TITLES = {
    Export.Kind.ROLLUP_PDF: _("Roll-up report (Word)"),
    Export.Kind.MINUTES_PDF: _("Dialogue conference minutes (Word)"),
    Export.Kind.BOOKLET_PDF: _("Typical models booklet (Word)"),
}


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


class RegisterQuerySet(ScopedQuerySet):
    unit_path_field = "issuing_body__unit__path"


class DocumentRegister(models.Model):
    """The issuing body's register of outgoing documents (sổ văn bản đi) for one year: its
    numbers start at 1 each year, and `last_number` is the last one given. A number is taken
    under this row's lock (danvan.rollup.issuing), so two documents never share one."""

    issuing_body = models.ForeignKey(
        IssuingBody,
        on_delete=models.PROTECT,
        related_name="registers",
        verbose_name=_("issuing body"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number given"), default=0)

    objects = RegisterQuerySet.as_manager()

    class Meta:
        verbose_name = _("register of outgoing documents")
        verbose_name_plural = _("registers of outgoing documents")
        ordering = ["issuing_body", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_body", "year"], name="register_unique_body_year"
            )
        ]

    def __str__(self):
        return f"{self.issuing_body} – {self.year}"


class Issue(models.Model):
    """A roll-up report as issued: its number in the register, date and signer, the figures
    it printed and the file it was (the export's). Never changed once written: a correction
    is a new issue with its own number, pointing at the one it corrects."""

    register = models.ForeignKey(
        DocumentRegister,
        on_delete=models.PROTECT,
        related_name="issues",
        verbose_name=_("register"),
    )
    number = models.PositiveIntegerField(_("number"))
    number_text = models.CharField(_("number as printed"), max_length=60)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    period = models.CharField(_("period"), max_length=8, validators=[validate_period_code])
    issued_on = models.DateField(_("issue date"))
    signing_authority = models.CharField(_("signing authority"), max_length=100, blank=True)
    deputy_for = models.CharField(_("deputy signs for"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer title"), max_length=100)
    signer_name = models.CharField(_("signer name"), max_length=100, blank=True)
    # figures.evaluate's data as counted at issue: the issued file is rendered from these.
    figures = models.JSONField(_("figures as issued"), default=dict)
    export = models.OneToOneField(
        Export, on_delete=models.PROTECT, related_name="issue", verbose_name=_("file")
    )
    word = models.OneToOneField(
        Export,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issue_as_word",
        verbose_name=_("Word file"),
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    reason = models.TextField(_("reason for the correction"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("issued report")
        verbose_name_plural = _("issued reports")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="issue_unique_number"),
            # One correction per issue: the next one corrects the correction.
            models.UniqueConstraint(fields=["corrects"], name="issue_corrected_once"),
        ]

    def __str__(self):
        return self.number_text

    @property
    def number_line(self) -> str:
        """'Số 12-BC/BDVQU'."""
        return _("No. %(code)s") % {"code": self.number_text}

    @property
    def period_label(self) -> str:
        return Period.parse(self.period).label
