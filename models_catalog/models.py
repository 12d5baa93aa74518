"""“Dân vận khéo” good-practice models (DOMAIN.md §5).

A `PracticeModel` (never "Model": that word is Django's) is registered by a `Registrant` — a
collective or an individual — of one unit, for a year or a phase ("giai đoạn 2019–2020").
Models and registrants are counted separately: one registrant may register several models.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.models import WorkflowEvent
from danvan.orgs.access import ScopedQuerySet
from danvan.orgs.models import Unit


class Field(models.TextChoices):
    ECONOMY = "economy", _("Economy")
    CULTURE_SOCIETY = "culture_society", _("Culture and society")
    DEFENCE_SECURITY = "defence_security", _("Defence and security")
    POLITICAL_SYSTEM = "political_system", _("Building the political system")


class Level(models.TextChoices):
    WARD = "ward", _("Ward or commune level")
    DISTRICT = "district", _("District level")
    PROVINCE_PILOT = "province_pilot", _("Provincial pilot model")


class Status(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    IMPLEMENTING = "implementing", _("Implementing")
    EVALUATED = "evaluated", _("Evaluated")
    RECOGNISED = "recognised", _("Recognised")
    TYPICAL = "typical", _("Typical")
    PROPOSED = "proposed", _("Proposed for commendation")
    COMMENDED = "commended", _("Commended")
    NOT_RECOGNISED = "not_recognised", _("Not recognised")
    DISCONTINUED = "discontinued", _("Discontinued")


# A model that reached a stage keeps counting for it when it moves further along.
RECOGNISED_STATES = (Status.RECOGNISED, Status.TYPICAL, Status.PROPOSED, Status.COMMENDED)
TYPICAL_STATES = (Status.TYPICAL, Status.PROPOSED, Status.COMMENDED)


class Award(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate of merit (Giấy khen)")
    DIPLOMA = "diploma", _("Diploma of merit (Bằng khen)")


class Criterion(models.TextChoices):
    """The checklist of local guidance; the score is how many are met."""

    CONCRETE = "concrete", _("Concrete name and address")
    ONE_FIELD = "one_field", _("Fits one field")
    REGISTERED = "registered", _("Registered with the body that launched the movement")
    MANY_FORCES = "many_forces", _("Mobilises many forces")
    RESULTS = "results", _("Practical results")
    SUPPORTED = "supported", _("Supported by the people")
    SUSTAINABLE = "sustainable", _("Sustainable and replicable")


class Registrant(models.Model):
    """A collective or an individual of ONE unit, so distinct registrants add up by unit."""

    class Kind(models.TextChoices):
        COLLECTIVE = "collective", _("Collective")
        INDIVIDUAL = "individual", _("Individual")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="registrants", verbose_name=_("unit")
    )
    kind = models.CharField(_("registrant type"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("registrant name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    folded_name = models.CharField(max_length=200, editable=False)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("registrant")
        verbose_name_plural = _("registrants")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "folded_name"], name="registrant_unique_in_unit"
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.position}" if self.position else self.name


class PracticeModelQuerySet(ScopedQuerySet):
    def in_years(self, first: int, last: int):
        """Models whose registration year or phase overlaps the years first..last."""
        return self.filter(start_year__lte=last, end_year__gte=first)


class PracticeModel(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="practice_models", verbose_name=_("unit")
    )
    registrant = models.ForeignKey(
        Registrant,
        on_delete=models.PROTECT,
        related_name="practice_models",
        verbose_name=_("registrant"),
    )
    name = models.CharField(_("name of the model"), max_length=300)
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"))
    content = models.TextField(_("content and goals"), blank=True)
    mobilisation = models.TextField(_("how it mobilises people"), blank=True)
    started_on = models.DateField(_("start date"), null=True, blank=True)
    responsible_person = models.CharField(_("responsible person"), max_length=200, blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    surveyed_on = models.DateField(_("survey date"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    criteria_met = models.JSONField(_("criteria met"), default=list, blank=True)
    award = models.CharField(_("award"), max_length=12, choices=Award.choices, blank=True)
    awarded_by = models.CharField(_("awarded by"), max_length=200, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)

    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = PracticeModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("skilful mobilisation model")
        verbose_name_plural = _("skilful mobilisation models")
        ordering = ["-start_year", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="practice_model_phase_in_order",
            )
        ]
        indexes = [
            models.Index(fields=["start_year", "end_year"], name="practice_model_years"),
            models.Index(fields=["status"], name="practice_model_status"),
            # The list's default order (newest year first): a page needs no sort of every row.
            models.Index(fields=["-start_year", "name", "id"], name="practice_model_list_order"),
        ]

    def __str__(self):
        return self.name

    @property
    def years_label(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"

    @property
    def score(self) -> int:
        return len(self.criteria_met)

    @property
    def criteria_total(self) -> int:
        return len(Criterion.choices)


class PracticeModelEvent(WorkflowEvent):
    practice_model = models.ForeignKey(
        PracticeModel, on_delete=models.CASCADE, related_name="events"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("model event")
        verbose_name_plural = _("model events")


class AttachmentQuerySet(ScopedQuerySet):
    unit_path_field = "practice_model__unit__path"


class Attachment(models.Model):
    """Evidence (photo or document). Stored under a generated name; served by a scoped view."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        DOCUMENT = "document", _("Document")

    practice_model = models.ForeignKey(
        PracticeModel, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="models_catalog/", max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name
