"""Businesses, their leaders, and leaders' applications to a round with each eligibility decision."""

import datetime as dt
import secrets
from enum import nonmember

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from peernet.accounts.models import District, Hub
from peernet.programmes.models import DeliveryPartner, Round, Theme

# No 0/O or 1/I: references are read out over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_reference() -> str:
    return "PN-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class Business(models.Model):
    """An enterprise, counted once per hub however often supported; keyed by company number if any."""

    class LegalForm(models.TextChoices):
        LIMITED_COMPANY = "limited_company", "Limited company"
        LLP = "llp", "Limited liability partnership"
        PARTNERSHIP = "partnership", "Partnership"
        SOLE_TRADER = "sole_trader", "Sole trader"
        CHARITY = "charity", "Charity or social enterprise"
        OTHER = "other", "Other"

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="businesses")
    name = models.CharField(max_length=200)
    company_number = models.CharField(max_length=8, null=True, blank=True)
    legal_form = models.CharField(max_length=20, choices=LegalForm.choices, default=LegalForm.LIMITED_COMPANY)
    trading_since = models.DateField()
    employees = models.PositiveIntegerField()
    turnover_pence = models.BigIntegerField()
    sic = models.CharField("SIC 2007 code", max_length=5, blank=True)
    sector = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="businesses"
    )
    ownership = models.JSONField(default=list, blank=True, help_text="Ownership profile tags, e.g. women-led")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "businesses"
        constraints = [
            models.UniqueConstraint(
                fields=["hub", "company_number"],
                condition=Q(company_number__isnull=False),
                name="business_once_per_hub_by_company_number",
            ),
            models.CheckConstraint(condition=Q(turnover_pence__gte=0), name="business_turnover_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class LeaderQuerySet(models.QuerySet):
    def visible_to(self, user) -> "LeaderQuerySet":
        from peernet.applications.permissions import leaders_visible_to

        return leaders_visible_to(self, user)


class Leader(models.Model):
    """The owner or manager who takes part. Holds personal data: start every query from visible_to(user)."""

    class PreferNot(models.TextChoices):
        PREFER_NOT = "prefer_not", "Prefer not to say"

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="leaders")
    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="leaders")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leader",
    )
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=100, blank=True)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    # Optional equality monitoring; empty means not asked or not answered.
    gender = models.CharField(max_length=40, blank=True)
    age_band = models.CharField(max_length=20, blank=True)
    ethnicity = models.CharField(max_length=60, blank=True)
    disability = models.CharField(max_length=40, blank=True)

    objects = LeaderQuerySet.as_manager()

    class Meta:
        ordering = ["full_name"]
        constraints = [models.UniqueConstraint(fields=["hub", "email"], name="leader_email_per_hub")]

    def __str__(self) -> str:
        return self.full_name


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ApplicationQuerySet":
        from peernet.applications.permissions import applications_visible_to

        return applications_visible_to(self, user)


class Application(models.Model):
    """A leader's request to join a round.

    Status moves applied → waiting (eligible) or ineligible → placed → active → completed, or to withdrawn.
    Each move is one function of peernet.applications.workflow (the eligibility check's is
    peernet.applications.eligibility.decide): it checks, saves, writes the audit entry and sends the signals
    of peernet.applications.signals, by which a cohort drops a leader who left the waiting pool or withdrew.
    No page moves a placed application on to active or completed yet; only the demo's records hold them.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", "Applied"
        ELIGIBLE = "eligible", "Eligible"
        INELIGIBLE = "ineligible", "Not eligible"
        WAITING = "waiting", "Waiting for a cohort"
        PLACED = "placed", "Placed in a cohort"
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Mode(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in-person", "In person"
        EITHER = "either", "Either"

    class Source(models.TextChoices):
        FORM = "form", "Online form"
        IMPORT = "import", "Imported"
        PARTNER = "partner", "Recruited by a delivery partner"

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    leader = models.ForeignKey(Leader, on_delete=models.PROTECT, related_name="applications")
    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="applications")
    reference = models.CharField(max_length=9, unique=True, default=new_reference, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.APPLIED, db_index=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.FORM)
    recruited_by = models.ForeignKey(
        DeliveryPartner,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recruited_applications",
    )
    submitted_at = models.DateTimeField()

    # The facts as the applicant gave them. Eligibility, the review queue, exports and the cohort engine read
    # these; the shared business and leader records take them only when hub staff accept them
    # (workflow.accept_details), so a stranger's form cannot rewrite someone else's record.
    business_name = models.CharField(max_length=200)
    company_number = models.CharField(max_length=8, blank=True)
    legal_form = models.CharField(
        max_length=20, choices=Business.LegalForm.choices, default=Business.LegalForm.LIMITED_COMPANY
    )
    trading_since = models.DateField()
    employees = models.PositiveIntegerField()
    turnover_pence = models.BigIntegerField()
    sic = models.CharField("SIC 2007 code", max_length=5, blank=True)
    sector = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.PROTECT, related_name="applications"
    )
    ownership = models.JSONField(default=list, blank=True, help_text="Ownership profile tags, e.g. women-led")
    leader_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    # Optional equality monitoring, as answered on this application; empty means not answered.
    gender = models.CharField(max_length=40, blank=True)
    age_band = models.CharField(max_length=20, blank=True)
    ethnicity = models.CharField(max_length=60, blank=True)
    disability = models.CharField(max_length=40, blank=True)

    themes = models.ManyToManyField(Theme, blank=True, related_name="applications")
    challenge = models.TextField(blank=True, help_text="Confidential to the leader and their facilitator")
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.EITHER)
    slots = models.JSONField(default=list, help_text="When they can meet, e.g. ['tue-am', 'thu-pm']")
    organisation = models.CharField(max_length=100, blank=True, help_text="Business organisation, e.g. FSB")
    not_with = models.ManyToManyField("self", symmetrical=True, blank=True)

    subsidy_declared_at = models.DateTimeField(null=True, blank=True)
    subsidy_within_threshold = models.BooleanField(null=True, blank=True)
    subsidy_prior_assistance_pence = models.BigIntegerField(null=True, blank=True)
    privacy_notice_version = models.CharField(max_length=20, blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)

    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_reason = models.TextField(blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # The decision that stands and its failed rules (" employees turnover "), kept here so the review queue
    # can filter by outcome and rule on any database without reading every decision's JSON.
    decision = models.ForeignKey(
        "EligibilityDecision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    failed_rules = models.CharField(max_length=200, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["round", "leader"], name="application_once_per_leader_round"),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawn_reason=""),
                name="withdrawal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(turnover_pence__gte=0), name="application_turnover_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["round", "status"], name="application_round_status_idx")]

    def __str__(self) -> str:
        return self.reference

    @property
    def hub(self) -> Hub:
        return self.leader.hub


class EligibilityDecision(models.Model):
    """The outcome of every eligibility rule for an application, with evidence and reason.

    An officer's override is a new decision with overridden=True and a written reason; the latest decision
    stands and earlier ones are kept.
    """

    class Outcome(models.TextChoices):
        ELIGIBLE = "eligible", "Eligible"
        INELIGIBLE = "ineligible", "Not eligible"
        REFER = "refer", "Needs an officer"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    checks = models.JSONField(default=list, help_text="One entry per rule: rule, passed, evidence, reason")
    decided_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty for the automatic check",
    )
    overridden = models.BooleanField(default=False)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        get_latest_by = ["decided_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(overridden=False) | ~Q(reason=""), name="override_has_reason")
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"

    @property
    def failed_rules(self) -> list[dict]:
        return [check for check in self.checks if not check.get("passed")]


def stale_before() -> dt.datetime:
    """Background work under way whose last heartbeat is older than this was lost with its worker."""
    return timezone.now() - dt.timedelta(minutes=settings.STALE_WORK_MINUTES)


class ImportJob(models.Model):
    """One uploaded file of applications, imported by a task that reports its progress here.

    Status moves queued → checking → importing → done, or to failed, and nothing is imported: when any row is
    bad or the file cannot be read (errors lists each problem), or for a reason that is not the file's rows
    (error says it in words and the file is kept, so the job can be tried again: back to queued). A row the
    database refuses, or a worker that stops before the job is done, is such a reason: every row is written in
    one transaction or none is. peernet.applications.imports.run_job makes each move; each save is the job's
    heartbeat, and a job under way with none for STALE_WORK_MINUTES was lost with its worker
    (imports.fail_stale_jobs fails it).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        CHECKING = "checking", "Checking rows"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Not imported"

        # A worker has the job: it beats while it works, and a job here with no beat was lost with its worker.
        UNDER_WAY = nonmember(("checking", "importing"))

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=200)
    content = models.BinaryField(help_text="The uploaded file, cleared once imported")
    notify = models.BooleanField(default=False, help_text="Email each applicant their reference and decision")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(
        default=list, blank=True, help_text="One entry per problem: row, column, message"
    )
    error = models.TextField(
        blank=True, help_text="Why it failed when the rows were not the reason; it can be tried again"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now, help_text="The worker's last heartbeat")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def can_try_again(self) -> bool:
        return self.status == self.Status.FAILED and bool(self.error)

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else (100 if self.finished else 0)


class DigestRun(models.Model):
    """The managers' daily digest for one hub and day: its row is the marker that it has been sent."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    application_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["hub", "day"], name="digest_once_per_hub_day")]

    def __str__(self) -> str:
        return f"{self.hub} {self.day}"
