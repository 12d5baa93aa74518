"""Letters (đơn), cases (vụ việc), citizen reception and the secret identity of denunciators.

Three things are counted apart (DOMAIN.md §4): letters, cases (several letters can be one
case) and visits (lượt tiếp công dân). A denunciator's identity never sits on the letter: it
lives in `SenderIdentity`, which only `services.identity_reveal` reads, and every reading
leaves an `IdentityViewing` row.
"""

import unicodedata

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.models import WorkflowEvent
from danvan.orgs.access import ScopedQuerySet
from danvan.orgs.models import Unit
from danvan.predicates import matches


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    PETITION = "petition", _("Petition or feedback")
    MIXED = "mixed", _("Mixed")


# Kinds whose sender is protected as a denunciator (a mixed letter may contain a denunciation).
SECRET_KINDS = frozenset({Kind.DENUNCIATION, Kind.MIXED})


class Body(models.TextChoices):
    PARTY = "party", _("Party committee")
    PEOPLE_COMMITTEE = "people_committee", _("People's Committee")
    FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")


# The national database's own file-code format is not published, so a conservative one is
# defined (docs/petitions.md): 6-40 uppercase letters, digits, "-", "/", "."; starting and
# ending with a letter or digit. `normalize_reference` trims, NFC-normalises and uppercases.
NATIONAL_REFERENCE_RE = r"^[A-Z0-9][A-Z0-9./-]{4,38}[A-Z0-9]$"
national_reference_validator = RegexValidator(
    NATIONAL_REFERENCE_RE,
    _(
        "A national reference has 6 to 40 characters: letters A-Z, digits, '-', '/' and '.', "
        "starting and ending with a letter or digit."
    ),
    code="national_reference",
)


DUPLICATE_REFERENCE = _("Another case already has this national reference.")


def normalize_reference(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip().upper()


class SubjectArea(models.Model):
    """Land and site clearance, social policy, religion… (editable in the admin)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("subject area")
        verbose_name_plural = _("subject areas")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class CaseQuerySet(ScopedQuerySet):
    @staticmethod
    def open_q(day) -> Q:
        """Received by `day` and not closed by the end of it."""
        return Q(received_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))

    @staticmethod
    def running_deadline_q(day, lookup: str, value) -> Q:
        """Cases still open at the end of `day` whose deadline running on `day` (acceptance
        until the case is accepted, then resolution) satisfies `lookup` against `value`.

        From the dates, not the state, so that it holds for any past day (a period's end)."""
        open_at_end = CaseQuerySet.open_q(day)
        accepting = Q(accepted_on__isnull=True) | Q(accepted_on__gt=day)
        return open_at_end & (
            (accepting & Q(**{f"acceptance_due__{lookup}": value}))
            | (Q(accepted_on__lte=day) & Q(**{f"resolution_due__{lookup}": value}))
        )

    @classmethod
    def overdue_q(cls, day) -> Q:
        """THE definition of an overdue case on `day`: still open at the end of the day, its
        running deadline before the day (due that day is not yet overdue; an extension moves
        the resolution deadline). The overdue list, the `petitions.cases_overdue` figure (the
        period's end as the day), the deadline reminders and the case page all use it."""
        return cls.running_deadline_q(day, "lt", day)

    def overdue_on(self, day):
        return self.filter(self.overdue_q(day))


class Case(models.Model):
    """A matter (vụ việc): one or more letters and visits about the same thing."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        VERIFYING = "verifying", _("Verifying")
        DIALOGUE = "dialogue", _("Dialogue held")
        EXTENDED = "extended", _("Extended")
        CONCLUDED = "concluded", _("Concluded")
        TRANSFERRED = "transferred", _("Transferred")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Upheld")
        PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
        REJECTED = "rejected", _("Rejected")

    OPEN_STATES = (
        State.RECEIVED,
        State.ACCEPTED,
        State.VERIFYING,
        State.DIALOGUE,
        State.EXTENDED,
    )
    CLOSED_STATES = (State.CONCLUDED, State.TRANSFERRED, State.WITHDRAWN)

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    receiving_body = models.CharField(_("receiving body"), max_length=20, choices=Body.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.CharField(_("summary"), max_length=300)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handling officer"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    received_on = models.DateField(_("received on"))
    second_complaint = models.BooleanField(_("second complaint"), default=False)
    is_complex = models.BooleanField(_("complex"), default=False)
    is_especially_complex = models.BooleanField(_("especially complex"), default=False)
    checks_several_places = models.BooleanField(_("checks span several places"), default=False)
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)
    acceptance_due = models.DateField(_("acceptance due"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    resolution_due = models.DateField(_("resolution due"), null=True, blank=True)
    notification_due = models.DateField(_("notification due"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    is_long_standing = models.BooleanField(_("long-standing"), default=False)
    national_reference = models.CharField(
        _("national database reference"),
        max_length=60,
        blank=True,
        validators=[national_reference_validator],
    )
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "received_on"], name="case_unit_received"),
            models.Index(fields=["state", "resolution_due"], name="case_state_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["national_reference"],
                condition=~Q(national_reference=""),
                name="case_national_reference_unique",
                violation_error_message=_("Another case already has this national reference."),
            ),
        ]

    def __str__(self):
        return _("Case #%(id)s: %(summary)s") % {"id": self.pk, "summary": self.summary}

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def due(self):
        """The deadline that runs now: acceptance before acceptance, then resolution."""
        if not self.is_open:
            return None
        return self.acceptance_due if self.state == self.State.RECEIVED else self.resolution_due

    def is_overdue_on(self, day) -> bool:
        """`CaseQuerySet.overdue_q`, checked on this loaded case."""
        return matches(self, CaseQuerySet.overdue_q(day))


class LetterQuerySet(ScopedQuerySet):
    pass


class Letter(models.Model):
    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        POST = "post", _("Post")
        TRANSFERRED = "transferred", _("Transferred from another body")
        MAILBOX = "mailbox", _("Mailbox")
        ONLINE = "online", _("Online")

    class Signers(models.TextChoices):
        ONE = "one", _("One person")
        SEVERAL = "several", _("Several people")
        CROWD = "crowd", _("A crowd")

    class Competence(models.TextChoices):
        WITHIN = "within", _("Within competence")
        GUIDED = "guided", _("Not within competence: sender guided")
        TRANSFERRED = "transferred", _("Not within competence: transferred")
        FILED = "filed", _("Filed away (not handled)")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="letters", verbose_name=_("case")
    )
    receiving_body = models.CharField(_("receiving body"), max_length=20, choices=Body.choices)
    receipt_year = models.PositiveSmallIntegerField(_("receipt year"))
    receipt_number = models.PositiveIntegerField(_("receipt number"))
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subject_area = models.ForeignKey(
        SubjectArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject area"),
    )
    summary = models.CharField(_("summary"), max_length=300)
    # Empty for denunciations: their sender is in SenderIdentity.
    sender_name = models.CharField(_("sender"), max_length=200, blank=True)
    sender_contact = models.CharField(_("sender's address and phone"), max_length=300, blank=True)
    signers = models.CharField(
        _("signers"), max_length=10, choices=Signers.choices, default=Signers.ONE
    )
    signer_count = models.PositiveIntegerField(_("number of signers"), default=1)
    is_eligible = models.BooleanField(_("eligible to handle"), default=True)
    ineligible_reason = models.CharField(_("why not eligible"), max_length=300, blank=True)
    competence = models.CharField(
        _("competence"), max_length=20, choices=Competence.choices, default=Competence.WITHIN
    )
    transferred_to = models.CharField(_("guided or transferred to"), max_length=200, blank=True)
    transfer_document = models.CharField(
        _("transfer or guidance document no."), max_length=60, blank=True
    )
    handling_due = models.DateField(_("handling due"), null=True, blank=True)
    is_repeated = models.BooleanField(_("repeated letter"), default=False)
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-received_on", "-id"]
        permissions = [
            ("view_denunciator_identity", _("Can view the identity of denunciators")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "receiving_body", "receipt_year", "receipt_number"],
                name="letter_receipt_number_unique",
            )
        ]
        indexes = [
            models.Index(fields=["unit", "received_on"], name="letter_unit_received"),
            models.Index(fields=["kind", "received_on"], name="letter_kind_received"),
            models.Index(fields=["receiving_body", "received_on"], name="letter_body_received"),
            models.Index(fields=["received_on", "id"], name="letter_received_id"),
        ]

    def __str__(self):
        return _("Letter %(number)s/%(year)s") % {
            "number": self.receipt_number,
            "year": self.receipt_year,
        }

    @property
    def is_secret(self) -> bool:
        return self.kind in SECRET_KINDS

    @property
    def receipt(self) -> str:
        return f"{self.receipt_number}/{self.receipt_year}"


class SenderIdentity(models.Model):
    """The denunciator's identity, kept apart (Luật Tố cáo Art. 9 and 56).

    Deliberately without history, admin page, search column or export: the only way in is
    `services.identity_reveal`, which checks the explicit permission and logs the viewing.
    """

    letter = models.OneToOneField(Letter, on_delete=models.CASCADE, related_name="identity")
    name = models.CharField(_("full name"), max_length=200)
    contact = models.CharField(_("address and phone"), max_length=300, blank=True)
    id_number = models.CharField(_("identity card number"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("denunciator identity")
        verbose_name_plural = _("denunciator identities")
        default_permissions = ()

    def __str__(self):
        return _("Identity of %(letter)s") % {"letter": self.letter}


class IdentityViewingQuerySet(ScopedQuerySet):
    unit_path_field = "letter__unit__path"


class IdentityViewing(models.Model):
    """Who saw a denunciator's identity, and when."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="identity_viewings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = IdentityViewingQuerySet.as_manager()

    class Meta:
        verbose_name = _("identity viewing")
        verbose_name_plural = _("identity viewings")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} – {self.letter} – {self.at:%d/%m/%Y %H:%M}"


class CaseEvent(WorkflowEvent):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("case event")
        verbose_name_plural = _("case events")


class SessionQuerySet(ScopedQuerySet):
    pass


class ReceptionSession(models.Model):
    """A citizen reception session (buổi tiếp công dân)."""

    class Receiver(models.TextChoices):
        LEADER = "leader", _("Leader")
        OFFICER = "officer", _("Officer")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    receiving_body = models.CharField(
        _("receiving body"), max_length=20, choices=Body.choices, default=Body.PEOPLE_COMMITTEE
    )
    held_on = models.DateField(_("date"))
    receiver_kind = models.CharField(_("received by"), max_length=10, choices=Receiver.choices)
    receiver_name = models.CharField(_("receiver's name"), max_length=200)
    is_scheduled = models.BooleanField(_("scheduled"), default=True)
    place = models.CharField(_("place"), max_length=200, blank=True)

    history = HistoricalRecords()
    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "held_on"], name="session_unit_held")]

    def __str__(self):
        return _("Reception of %(date)s") % {"date": self.held_on.strftime("%d/%m/%Y")}


class VisitQuerySet(ScopedQuerySet):
    unit_path_field = "session__unit__path"


class Visit(models.Model):
    """One visit (lượt): a citizen or a group received at a session, about one or more cases."""

    session = models.ForeignKey(
        ReceptionSession, on_delete=models.CASCADE, related_name="visits", verbose_name=_("session")
    )
    people = models.PositiveIntegerField(_("number of people"), default=1)
    is_crowd = models.BooleanField(_("crowd (đoàn đông người)"), default=False)
    summary = models.CharField(_("content"), max_length=300)
    cases = models.ManyToManyField(Case, related_name="visits", blank=True, verbose_name=_("cases"))

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["id"]

    def __str__(self):
        return self.summary
