"""Dialogue conferences (hội nghị đối thoại), the opinions raised at them and their answers."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.models import WorkflowEvent
from danvan.orgs.access import ScopedQuerySet
from danvan.predicates import matches

NOTICE_MIN_DAYS = 7  # Luật 72/2025, Art. 43: announced at least 7 days before
PUBLISH_MAX_DAYS = 10  # results published within 10 days


class OpinionField(models.Model):
    """A field an opinion belongs to; configurable, the five seeded codes feed the metrics."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("opinion field")
        verbose_name_plural = _("opinion fields")
        ordering = ["order", "label"]

    def __str__(self):
        return self.label


class ConferenceQuerySet(ScopedQuerySet):
    pass


class Conference(models.Model):
    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        UNSCHEDULED = "unscheduled", _("Unscheduled")
        YEARLY_COMMUNE = "yearly_commune", _("Yearly commune dialogue")
        PARTY_HEAD = "party_head", _("Party head's dialogue")

    class Organiser(models.TextChoices):
        PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
        PARTY_COMMITTEE = "party_committee", _("Party committee")
        FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        PUBLISHED = "published", _("Minutes published")

    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SCHEDULED)
    chair = models.CharField(_("chair"), max_length=200)
    co_chairs = models.CharField(_("co-chairs"), max_length=500, blank=True)
    secretary = models.CharField(_("secretary"), max_length=200, blank=True)
    organiser = models.CharField(
        _("organiser"), max_length=20, choices=Organiser.choices, default=Organiser.PARTY_COMMITTEE
    )
    co_organiser = models.CharField(
        _("co-organiser"), max_length=20, choices=Organiser.choices, blank=True
    )
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    mode = models.CharField(_("form"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    notice_on = models.DateField(_("public notice date"), null=True, blank=True)
    attendees = models.PositiveIntegerField(_("attendees (visits)"), default=0)
    invited_bodies = models.TextField(_("invited bodies"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    results_published_on = models.DateField(_("results publication date"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(default="", editable=False)

    history = HistoricalRecords()
    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogue conference")
        verbose_name_plural = _("dialogue conferences")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["held_on"], name="conference_held_on")]

    def __str__(self):
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def notice_too_late(self) -> bool:
        """The public notice came fewer than 7 days before the conference."""
        return bool(self.notice_on) and (self.held_on - self.notice_on).days < NOTICE_MIN_DAYS

    @property
    def published_too_late(self) -> bool:
        """The results were published more than 10 days after the conference."""
        published = self.results_published_on
        return bool(published) and (published - self.held_on).days > PUBLISH_MAX_DAYS


class OpinionQuerySet(ScopedQuerySet):
    unit_path_field = "conference__unit__path"

    @staticmethod
    def overdue_q(day) -> Q:
        """THE definition of a written answer overdue on `day`: the opinion was taken for a
        written answer, its deadline is before the day and no answer had come by the end of
        it. The awaiting-answers list and the conference's rows, the `dialogues.overdue`
        figure (the period's end as the day) and the editors' reminders all use it."""
        return Q(outcome=Opinion.Outcome.WRITTEN_ANSWER, deadline__lt=day) & (
            Q(answered_on__isnull=True) | Q(answered_on__gt=day)
        )

    def overdue_on(self, day):
        return self.filter(self.overdue_q(day))


class Opinion(models.Model):
    """One opinion raised at a conference, and what became of it.

    The lead adds one optional foreign key to a petitions case after the merge (the one
    allowed cross-app edge); forms and the grid take it as one more optional field.
    """

    class Channel(models.TextChoices):
        DIRECT = "direct", _("Directly at the conference")
        WRITTEN = "written", _("In writing")

    class Outcome(models.TextChoices):
        UNDECIDED = "undecided", _("Not decided yet")
        AT_CONFERENCE = "at_conference", _("Answered at the conference")
        WRITTEN_ANSWER = "written_answer", _("Taken for a written answer")

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="opinions", verbose_name=_("conference")
    )
    number = models.PositiveIntegerField(_("no."))
    raised_by = models.CharField(_("raised by"), max_length=200, blank=True)
    channel = models.CharField(
        _("how raised"), max_length=10, choices=Channel.choices, default=Channel.DIRECT
    )
    field = models.ForeignKey(OpinionField, on_delete=models.PROTECT, verbose_name=_("field"))
    content = models.TextField(_("content"))
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.UNDECIDED
    )
    answered_by = models.CharField(_("answered by"), max_length=200, blank=True)
    answer_summary = models.TextField(_("answer"), blank=True)
    assignee = models.CharField(_("assigned to"), max_length=200, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    answer_number = models.CharField(_("answer document no."), max_length=60, blank=True)
    answered_on = models.DateField(_("answer date"), null=True, blank=True)
    # The one edge between domain apps that the design allows: an opinion about a petition case.
    petition_case = models.ForeignKey(
        "petitions.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dialogue_opinions",
        verbose_name=_("petition case"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(default="", editable=False)

    history = HistoricalRecords()
    objects = OpinionQuerySet.as_manager()

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["conference", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "number"], name="opinion_number_unique_in_conference"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.content[:60]}"

    def is_overdue(self, on: date) -> bool:
        """`OpinionQuerySet.overdue_q`, checked on this loaded opinion."""
        return matches(self, OpinionQuerySet.overdue_q(on))

    @property
    def is_overdue_today(self) -> bool:
        return self.is_overdue(timezone.localdate())


class ConferenceEvent(WorkflowEvent):
    LABELS = {
        "create": _("recorded"),
        "update": _("edited"),
        "hold": _("marked as held"),
        "publish": _("minutes published"),
        "delete_opinion": _("opinion deleted"),
        "import_opinions": _("opinions imported"),
    }

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="events", verbose_name=_("conference")
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("conference event")
        verbose_name_plural = _("conference events")

    @property
    def label(self):
        return self.LABELS.get(self.action, self.action)
