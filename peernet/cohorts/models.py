"""Cohorts of 8 to 10 leaders and their memberships."""

import secrets
from enum import nonmember

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from peernet.applications.models import Application, stale_before
from peernet.cohorts.enums import CohortStatus, MembershipStatus
from peernet.cohorts.permissions import cohorts_visible_to, memberships_visible_to
from peernet.programmes.models import Contract, DeliveryPartner, Facilitator, Round
from peernet.slots import SLOT_CHOICES


def new_cohort_code() -> str:
    return secrets.token_hex(4)


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CohortQuerySet":
        return cohorts_visible_to(self, user)


class Cohort(models.Model):
    """A group of leaders with a basis, a partner, a facilitator, a slot and a mode.

    Status moves proposed → confirmed → running → completed, or to cancelled; proposed cohorts are made by
    peernet.cohorts.forming and .proposal, and confirmed by peernet.cohorts.confirm.confirm_cohort, which
    places the members through peernet.applications.workflow.place.
    """

    Status = CohortStatus

    class Basis(models.TextChoices):
        SECTOR = "sector", "Sector"
        OWNERSHIP = "ownership", "Ownership profile"
        ORGANISATION = "organisation", "Business organisation"
        OPEN = "open", "Open"

    class Mode(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in-person", "In person"

    class Origin(models.TextChoices):
        ENGINE = "engine", "Suggested by the engine"
        MANUAL = "manual", "Built by hand"
        PARTNER = "partner", "Led by a delivery partner"

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="cohorts")
    code = models.CharField(max_length=8, unique=True, default=new_cohort_code, editable=False)
    name = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    basis = models.CharField(max_length=20, choices=Basis.choices, default=Basis.OPEN)
    basis_value = models.CharField(max_length=100, blank=True, help_text="e.g. Manufacturing, women-led, FSB")
    partner = models.ForeignKey(
        DeliveryPartner, null=True, blank=True, on_delete=models.PROTECT, related_name="cohorts"
    )
    contract = models.ForeignKey(
        Contract, null=True, blank=True, on_delete=models.PROTECT, related_name="cohorts"
    )
    facilitator = models.ForeignKey(
        Facilitator, null=True, blank=True, on_delete=models.PROTECT, related_name="cohorts"
    )
    slot = models.CharField(max_length=10, choices=SLOT_CHOICES)
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.ONLINE)
    area = models.CharField(max_length=100, blank=True, help_text="Travel area, for in-person cohorts")
    venue = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True)
    starts_on = models.DateField(null=True, blank=True)
    explanation = models.TextField(blank=True, help_text="Why these members belong together")
    quality = models.FloatField(null=True, blank=True, help_text="The engine's Q for this cohort")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.ENGINE)
    locked = models.BooleanField(
        default=False, help_text="A proposed cohort kept as it is when cohorts are suggested again"
    )
    run = models.ForeignKey(
        "FormingRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="cohorts"
    )

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["round", "name"]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MembershipQuerySet":
        return memberships_visible_to(self, user)


class Membership(models.Model):
    """A leader's place in a cohort. One current membership per application.

    A proposed membership belongs to a proposed cohort: the leader is still waiting and is not told until
    the cohort is confirmed, when it becomes placed (peernet.cohorts.confirm.confirm_cohort). It is deleted
    when its application stops waiting; a placed or active one becomes withdrawn, with the day and reason,
    when its application is withdrawn. peernet.cohorts.receivers makes both moves, on the applications'
    signals.
    """

    Status = MembershipStatus

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLACED)
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    pinned = models.BooleanField(
        default=False, help_text="Kept in this proposed cohort when cohorts are suggested again"
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "application__leader__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=~Q(status=MembershipStatus.WITHDRAWN),
                name="one_current_membership_per_application",
            ),
            models.UniqueConstraint(fields=["cohort", "application"], name="membership_once_per_cohort"),
        ]

    def __str__(self) -> str:
        return f"{self.application} in {self.cohort}"


class FormingRun(models.Model):
    """One run of the cohort engine on a round's waiting pool, started by a manager or the command.

    Status moves queued → running → done, or to failed; peernet.cohorts.forming.run makes each move and
    reports progress here for the page to show. A run's result is its proposed cohorts. Each report of
    progress is the run's heartbeat: a run not finished with none for STALE_WORK_MINUTES was lost with its
    worker; it no longer holds up a new run, and forming.fail_stale_runs fails it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Forming cohorts"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

        # Not finished: a run here that still beats holds up another in its round.
        UNFINISHED = nonmember(("queued", "running"))

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="forming_runs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    percent = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    seed = models.IntegerField(default=0)
    time_limit = models.FloatField(null=True, blank=True, help_text="Seconds; empty for the engine's default")
    pool_size = models.PositiveIntegerField(default=0)
    placed = models.PositiveIntegerField(default=0)
    cohort_count = models.PositiveIntegerField(default=0)
    quality = models.FloatField(null=True, blank=True)
    invalid = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)
    summary = models.CharField(max_length=200, blank=True)
    unplaced = models.JSONField(default=dict, blank=True, help_text="Reference → why they are still waiting")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now, help_text="The worker's last heartbeat")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.round}: {self.get_status_display()}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def lost(self) -> bool:
        """Not finished, but no heartbeat for STALE_WORK_MINUTES: its worker stopped."""
        return not self.finished and self.updated_at < stale_before()

    @property
    def under_way(self) -> bool:
        return not self.finished and not self.lost
