"""Periodic reports: indicator catalogue, targets, versioned forms, rounds, reports.

A round lists the units that must file by creating one `Report` per unit in the state
"not started"; so "expected", the completeness board and the late markers are all plain
queries on `Report`, and units outside a round simply have no report in it.
"""

from datetime import date

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.models import WorkflowEvent
from danvan.orgs.access import ScopedQuerySet
from danvan.orgs.models import Unit
from danvan.periods import Period, PeriodKind, validate_period_code

# The four narrative sections of every report (DOMAIN.md §2), in order: I, II, III, IV.
SECTIONS = (
    ("results", _("I. Results")),
    ("shortcomings", _("II. Shortcomings and causes")),
    ("directions", _("III. Directions and key tasks for the next period")),
    ("proposals", _("IV. Proposals and recommendations")),
)
SECTION_KEYS = tuple(key for key, _label in SECTIONS)
AMOUNT = {"max_digits": 18, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class Indicator(models.Model):
    """A figure the district asks for: "Households registered as cultural families"."""

    class Kind(models.TextChoices):
        NUMBER = "number", _("Number")
        MONEY = "money", _("Amount of money")
        RATIO = "ratio", _("Ratio actual/target")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("label"), max_length=300)
    measure = models.CharField(_("unit of measure"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NUMBER)
    has_target = models.BooleanField(
        _("has a target"), default=False, help_text=_("Filed as actual/target, achieved in %.")
    )
    allows_decimals = models.BooleanField(
        _("figures may have decimals"),
        default=False,
        help_text=_("Hectares, tonnes…; counts and amounts of money are whole numbers."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)
    owner = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner unit"),
        help_text=_(
            "Only the administrators of this unit may change the indicator; empty: the "
            "national catalogue, kept by the superuser."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]

    def __str__(self):
        return self.label

    @property
    def wants_target(self) -> bool:
        return self.has_target or self.kind == self.Kind.RATIO


class Target(models.Model):
    """The target the district set for a unit and period ("chỉ tiêu quận giao")."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit")
    )
    period = models.CharField(_("period"), max_length=8, validators=[validate_period_code])
    value = models.DecimalField(_("target"), **AMOUNT)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period"], name="reports_target_unique"
            )
        ]

    def __str__(self):
        return f"{self.indicator} – {self.unit} – {self.period}"


class ReportTemplate(models.Model):
    """A versioned report template for a period kind: which sections and indicators it asks for.

    A template in use is never edited: a change is a new version, and each report keeps the
    version it was filed on.
    """

    name = models.CharField(_("name"), max_length=200)
    period_kind = models.CharField(_("period kind"), max_length=1, choices=PeriodKind.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    sections = models.JSONField(_("sections"), default=list)  # subset of SECTION_KEYS
    required_sections = models.JSONField(_("required sections"), default=list)
    indicators = models.ManyToManyField(Indicator, blank=True, verbose_name=_("indicators"))

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["period_kind", "name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "period_kind", "version"], name="reports_template_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    def section_list(self):
        labels = dict(SECTIONS)
        return [(key, labels[key], key in self.required_sections) for key in self.sections]


class RoundQuerySet(ScopedQuerySet):
    unit_path_field = "owner__path"


class ReportingRound(models.Model):
    """A call to file: period, template, due date; the units are those with a report in it."""

    class Kind(models.TextChoices):
        UNITS = "units", _("Units file their own report")
        CONSOLIDATED = "consolidated", _("Consolidated report of a higher unit")

    owner = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by unit")
    )
    period = models.CharField(_("period"), max_length=8, validators=[validate_period_code])
    template = models.ForeignKey(
        ReportTemplate, on_delete=models.PROTECT, verbose_name=_("report template")
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.UNITS)
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    leader_approval = models.BooleanField(
        _("the unit leader approves before submission"),
        default=False,
        help_text=_("An editor's submission goes to the unit leader first."),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-due_date", "-id"]

    def __str__(self):
        return self.title

    @property
    def period_obj(self) -> Period:
        return Period.parse(self.period)


class ReportQuerySet(ScopedQuerySet):
    @staticmethod
    def late_q(day) -> Q:
        """THE definition of a late report on `day`: first submitted after its round's due
        date, or not submitted yet and the due date is before the day. The `reports.late`
        figure, the completeness board and the reminders of a missed due date use it."""
        return Q(submitted_at__date__gt=F("round__due_date")) | Q(
            submitted_at__isnull=True, round__due_date__lt=day
        )


class Report(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        DRAFT = "draft", _("Draft")
        LEADER_REVIEW = "leader_review", _("Awaiting the unit leader")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="reports", verbose_name=_("round")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    results = models.TextField(_("I. Results"), blank=True)
    shortcomings = models.TextField(_("II. Shortcomings and causes"), blank=True)
    directions = models.TextField(
        _("III. Directions and key tasks for the next period"), blank=True
    )
    proposals = models.TextField(_("IV. Proposals and recommendations"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["round", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="reports_one_per_unit_and_round")
        ]

    def __str__(self):
        return f"{self.round} – {self.unit}"

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.NOT_STARTED, self.Status.DRAFT, self.Status.RETURNED}


class ReportValue(models.Model):
    """One indicator's figures in one report."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="values", verbose_name=_("report")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    actual = models.DecimalField(_("actual"), null=True, blank=True, **AMOUNT)
    target = models.DecimalField(_("target"), null=True, blank=True, **AMOUNT)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"], name="reports_value_unique_indicator"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id}: {self.actual}/{self.target}"


ACTION_LABELS = {
    "start": _("started the draft"),
    "submit": _("submitted"),
    "resubmit": _("resubmitted"),
    "return": _("returned"),
    "approve": _("approved"),
    "reopen": _("reopened"),
    "import": _("imported figures"),
    "to_leader": _("sent to the unit leader"),
    "leader_approve": _("approved by the unit leader and submitted"),
    "leader_return": _("sent back by the unit leader"),
}


class ReportEvent(WorkflowEvent):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="events", verbose_name=_("report")
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("report event")
        verbose_name_plural = _("report events")

    @property
    def action_label(self):
        return ACTION_LABELS.get(self.action, self.action)


class RoundEvent(WorkflowEvent):
    """A change to a round after it opened: its due date moved, from what to what, and why
    (the old and new dates are in `data`)."""

    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("reporting round"),
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("round event")
        verbose_name_plural = _("round events")

    # A due-date change keeps the dates (ISO) as its from and to states.
    @property
    def old_date(self):
        return date.fromisoformat(self.from_state) if self.from_state else None

    @property
    def new_date(self):
        return date.fromisoformat(self.to_state) if self.to_state else None
