"""Programmes, their funded rounds and rules, challenge themes, and the partners paid to run cohorts."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from peernet.accounts.models import District, Hub
from peernet.programmes.permissions import rounds_visible_to


class Programme(models.Model):
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="programmes")
    name = models.CharField(max_length=200)
    slug = models.SlugField()
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["hub", "slug"], name="programme_slug_per_hub")]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A challenge theme (supply chain and logistics, staffing and recruitment, ...): the list is data."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="themes")
    slug = models.SlugField()
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["hub", "slug"], name="theme_slug_per_hub")]

    def __str__(self) -> str:
        return self.name


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user) -> "RoundQuerySet":
        return rounds_visible_to(self, user)


class Round(models.Model):
    """One funded period of a programme, holding its eligibility, completion and subsidy rules as data."""

    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        OPEN = "open", "Open for applications"
        DELIVERING = "delivering", "Delivering"
        CLOSED = "closed", "Closed"

    class SubsidyRegime(models.TextChoices):
        NONE = "none", "No subsidy declaration"
        DE_MINIMIS = "de_minimis", "De minimis and small amounts of assistance declaration"
        MFA = "mfa", "Minimal Financial Assistance"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    slug = models.SlugField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNING)
    funder = models.CharField(max_length=200)
    grant_pence = models.BigIntegerField(default=0)
    starts_on = models.DateField()
    ends_on = models.DateField()
    applications_open_on = models.DateField(null=True, blank=True)
    applications_close_on = models.DateField(null=True, blank=True)
    planned_cohorts = models.PositiveIntegerField(default=0)
    planned_participants = models.PositiveIntegerField(default=0)
    themes = models.ManyToManyField(Theme, blank=True, related_name="rounds")

    # Cohort shape and delivery.
    cohort_min_size = models.PositiveSmallIntegerField(default=8)
    cohort_max_size = models.PositiveSmallIntegerField(default=10)
    scheduled_hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("18"))

    # Eligibility. "More than" values are exclusive, as the programme states them.
    eligible_districts = models.ManyToManyField(District, blank=True, related_name="rounds")
    min_months_trading_over = models.PositiveSmallIntegerField(
        default=12, help_text="Eligible when trading for more than this many months"
    )
    min_employees = models.PositiveIntegerField(default=6, help_text="At least this many employees")
    max_employees = models.PositiveIntegerField(default=249, help_text="At most this many employees")
    min_turnover_over_pence = models.BigIntegerField(
        default=10_000_000, help_text="Eligible when turnover is more than this, in pence"
    )
    excluded_sic_prefixes = models.JSONField(
        default=list,
        blank=True,
        help_text="SIC 2007 codes or their leading digits that are not eligible",
    )
    one_leader_per_business = models.BooleanField(default=True)

    # Completion and outputs.
    completion_min_hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("12"),
        help_text="A participant completes by attending at least this many action-learning hours",
    )
    output_min_support_hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("12"),
        help_text="Support hours a business needs before it counts towards outputs",
    )

    # Subsidy.
    subsidy_regime = models.CharField(max_length=20, choices=SubsidyRegime.choices, default=SubsidyRegime.MFA)
    cost_per_place_pence = models.BigIntegerField(default=0, help_text="Gross value of support per place")
    subsidy_threshold_pence = models.BigIntegerField(default=31_500_000)
    subsidy_wording = models.TextField(blank=True)
    privacy_notice_version = models.CharField(max_length=20, default="1.0")

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="round_slug_per_programme"),
            models.UniqueConstraint(fields=["programme", "number"], name="round_number_per_programme"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="round_ends_after_start"),
            models.CheckConstraint(
                condition=Q(cohort_max_size__gte=F("cohort_min_size")),
                name="round_cohort_sizes_ordered",
            ),
            models.CheckConstraint(
                condition=Q(max_employees__gte=F("min_employees")), name="round_employees_ordered"
            ),
            models.CheckConstraint(condition=Q(grant_pence__gte=0), name="round_grant_not_negative"),
            models.CheckConstraint(condition=Q(scheduled_hours__gte=0), name="round_hours_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.name}"

    @property
    def hub(self) -> Hub:
        return self.programme.hub


class DeliveryPartner(models.Model):
    """An organisation contracted to run cohorts: a chamber, trade body or consultancy (a "network")."""

    class Kind(models.TextChoices):
        CHAMBER = "chamber", "Chamber of commerce"
        TRADE_BODY = "trade_body", "Trade or business organisation"
        CONSULTANCY = "consultancy", "Consultancy"
        UNIVERSITY = "university", "University or college"
        OTHER = "other", "Other"

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="delivery_partners")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["hub", "name"], name="partner_name_per_hub")]

    def __str__(self) -> str:
        return self.name


class Contract(models.Model):
    """A partner's award in a round: how many cohorts, at what price each."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="contracts")
    partner = models.ForeignKey(DeliveryPartner, on_delete=models.PROTECT, related_name="contracts")
    reference = models.CharField(max_length=50, blank=True)
    cohorts_awarded = models.PositiveIntegerField()
    price_per_cohort_pence = models.BigIntegerField()
    signed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["round", "partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "partner"], name="contract_once_per_partner_round"),
            models.CheckConstraint(
                condition=Q(price_per_cohort_pence__gte=0), name="contract_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.round.name}"

    @property
    def value_pence(self) -> int:
        return self.cohorts_awarded * self.price_per_cohort_pence


class Payment(models.Model):
    """A payment milestone of a contract; paid when paid_on is set."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="payments")
    milestone = models.CharField(max_length=200)
    amount_pence = models.BigIntegerField()
    due_on = models.DateField()
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["contract", "due_on"]
        constraints = [models.CheckConstraint(condition=Q(amount_pence__gte=0), name="payment_not_negative")]

    def __str__(self) -> str:
        return f"{self.milestone} ({self.contract})"


class Facilitator(models.Model):
    """A person at a delivery partner who runs cohorts. They sign in through their linked user."""

    partner = models.ForeignKey(DeliveryPartner, on_delete=models.PROTECT, related_name="facilitators")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitator",
    )
    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name
