from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.orgs.access import Role, ScopedQuerySet

PATH_SEPARATOR = "/"


class User(AbstractUser):
    """A portal user. Vietnamese names put the family name first: "Trần Thị Hà"."""

    # Set with a temporary password an administrator gives out; the portal sends the person
    # to the change-password page until they choose their own (PasswordChangeRequired).
    must_change_password = models.BooleanField(_("must change the password"), default=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def get_full_name(self):
        return f"{self.last_name} {self.first_name}".strip()


class UnitQuerySet(ScopedQuerySet):
    unit_path_field = "path"

    def subtree(self, unit: "Unit"):
        """The unit and all its descendants, at any depth, in one query."""
        return self.filter(Q(path=unit.path) | Q(path__startswith=unit.path + PATH_SEPARATOR))


class Unit(models.Model):
    """A unit of the Party / government tree: city, district, ward, residential group…

    `path` is the chain of codes from the root ("ha-noi/long-bien/ngoc-thuy"). It is the
    external identifier (URLs, commands, imports) and, kept on every row, it makes a whole
    subtree one indexed prefix query. Units are dated: the 2025 reform closes old units
    (`valid_to`) and opens new ones that record their predecessors in `UnitLineage`.
    """

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        PROVINCE = "province", _("Province")
        URBAN_DISTRICT = "urban_district", _("Urban district")
        RURAL_DISTRICT = "rural_district", _("Rural district")
        TOWN = "town", _("Town")
        WARD = "ward", _("Ward")
        COMMUNE = "commune", _("Commune")
        TOWNSHIP = "township", _("Township")
        RESIDENTIAL_GROUP = "residential_group", _("Residential group")
        AGENCY = "agency", _("Agency or organisation")

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=60, allow_unicode=False)
    path = models.CharField(_("code path"), max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_remote = models.BooleanField(
        _("remote area"),
        default=False,
        help_text=_("Remote or difficult areas get longer legal deadlines for complaints."),
    )

    history = HistoricalRecords()
    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "code"], name="unit_code_unique_among_siblings"
            ),
            models.UniqueConstraint(
                fields=["code"], condition=Q(parent__isnull=True), name="unit_root_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_valid_from",
            ),
        ]
        indexes = [
            # LIKE 'prefix/%' on PostgreSQL needs the pattern operator class when the
            # database collation is not C; other databases ignore opclasses.
            models.Index(
                fields=["path"], name="unit_path_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        """'Phường Ngọc Thụy', 'Quận Long Biên'; names that already carry their kind stay as is."""
        prefix = KIND_PREFIX.get(self.kind, "")
        if not prefix or self.name.lower().startswith(prefix.lower()):
            return self.name
        return f"{prefix} {self.name}"

    def contains(self, other: "Unit") -> bool:
        return other.path == self.path or other.path.startswith(self.path + PATH_SEPARATOR)


def open_on_q(day: date, prefix: str = "") -> Q:
    """Units open on `day` by their own dates (`prefix`: "unit__"…): reminders go to those only."""
    started = Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})
    running = Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    return started & running


# The word that precedes a unit's name in Vietnamese documents ("Phường Ngọc Thụy").
KIND_PREFIX = {
    Unit.Kind.CITY: "Thành phố",
    Unit.Kind.PROVINCE: "Tỉnh",
    Unit.Kind.URBAN_DISTRICT: "Quận",
    Unit.Kind.RURAL_DISTRICT: "Huyện",
    Unit.Kind.TOWN: "Thị xã",
    Unit.Kind.WARD: "Phường",
    Unit.Kind.COMMUNE: "Xã",
    Unit.Kind.TOWNSHIP: "Thị trấn",
    Unit.Kind.RESIDENTIAL_GROUP: "Tổ dân phố",
}


class UnitLineage(models.Model):
    """A new unit took over all, most or part of an old one (e.g. NQ 1656/NQ-UBTVQH15)."""

    class Share(models.TextChoices):
        WHOLE = "whole", _("whole")
        MOST = "most", _("most")
        PART = "part", _("part")

    class Basis(models.TextChoices):
        POPULATION = "population", _("population")
        AREA = "area", _("area")

    successor = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="predecessor_links", verbose_name=_("new unit")
    )
    predecessor = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="successor_links", verbose_name=_("old unit")
    )
    share = models.CharField(_("share taken over"), max_length=10, choices=Share.choices)
    effective_date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    # How much of the old unit's figures the new unit takes over before the reform
    # (danvan.orgs.lineage): the figure the resolution gives (population or area of the part
    # taken over, of the old unit's), else a weight, else a default for "most" or "part".
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Share of the old unit taken over, from 0 to 1 (e.g. 0.6)."),
    )
    basis = models.CharField(_("figure given"), max_length=12, choices=Basis.choices, blank=True)
    part_figure = models.DecimalField(
        _("figure of the part taken over"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    whole_figure = models.DecimalField(
        _("figure of the whole old unit"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit lineage")
        verbose_name_plural = _("unit lineage")
        constraints = [
            models.UniqueConstraint(
                fields=["successor", "predecessor"], name="lineage_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("predecessor")), name="lineage_not_self"
            ),
            models.CheckConstraint(
                condition=Q(basis="")
                | Q(
                    part_figure__gte=0,
                    whole_figure__gt=0,
                    part_figure__lte=models.F("whole_figure"),
                ),
                name="lineage_figures_with_basis",
            ),
        ]

    def __str__(self):
        return f"{self.successor} ← {self.predecessor} ({self.get_share_display()})"


class IssuingBody(models.Model):
    """Who signs a printed document: 'QUẬN ỦY LONG BIÊN / BAN DÂN VẬN', number symbol, signer."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="issuing_bodies", verbose_name=_("unit")
    )
    superior_name = models.CharField(_("superior body"), max_length=200)
    name = models.CharField(_("issuing body"), max_length=200)
    symbol = models.CharField(
        _("number symbol"),
        max_length=30,
        help_text=_('As in "Số 481-BC/QU": the part after "BC/".'),
    )
    place_name = models.CharField(
        _("place name"), max_length=100, help_text=_('As in "Long Biên, ngày 05 tháng 4 năm 2019".')
    )
    signing_authority = models.CharField(
        _("signing authority"),
        max_length=100,
        blank=True,
        help_text=_("T/M BAN THƯỜNG VỤ, K/T, T/L…"),
    )
    deputy_for = models.CharField(
        _("deputy signs for"),
        max_length=100,
        blank=True,
        help_text=_('When a deputy signs: the head\'s title, printed as "K/T TRƯỞNG BAN".'),
    )
    signer_title = models.CharField(_("signer title"), max_length=100)
    signer_name = models.CharField(_("signer name"), max_length=100, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    is_default = models.BooleanField(_("default for the unit"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")
        ordering = ["unit__path", "-is_default", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="issuing_body_valid_to_after_valid_from",
            ),
        ]

    def __str__(self):
        return f"{self.superior_name} – {self.name}"

    @property
    def authority_lines(self) -> list[str]:
        """The lines above the signer's title: 'T/M BAN THƯỜNG VỤ', 'K/T TRƯỞNG BAN'."""
        lines = [self.signing_authority] if self.signing_authority else []
        if self.deputy_for:
            lines.append(f"K/T {self.deputy_for}")
        return lines

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class MembershipQuerySet(ScopedQuerySet):
    pass


class Membership(models.Model):
    """A user holds a role on a unit and on its whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["unit__path", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit}"
