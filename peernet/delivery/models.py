"""Action-learning meetings, attendance, challenges and actions, and one-to-one support."""

from django.db import models
from django.db.models import Q

from peernet.cohorts.models import Cohort, Membership
from peernet.cohorts.permissions import cohorts_visible_to
from peernet.programmes.models import Theme


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MeetingQuerySet":
        return cohorts_visible_to(self, user, path="cohort__")


class Meeting(models.Model):
    """One action-learning session of a cohort."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    venue = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["cohort", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="meeting_number_per_cohort"),
            models.CheckConstraint(condition=Q(duration_minutes__gt=0), name="meeting_has_length"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} meeting {self.number}"

    @property
    def hours(self) -> float:
        return self.duration_minutes / 60


class Attendance(models.Model):
    """A member's presence at a meeting, with the minutes they attended."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(default=True)
    minutes = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_once_per_meeting"),
            models.CheckConstraint(condition=Q(minutes__gte=0), name="attendance_minutes_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.membership} at {self.meeting}"


class Challenge(models.Model):
    """A challenge a member presents. Its summary is confidential to the leader and the facilitator;
    the hub sees only its theme."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="challenges")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="challenges")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="challenges")
    summary = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.theme} ({self.membership})"


class Action(models.Model):
    """A commitment a member makes at a meeting, reviewed at the next one."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        PARTLY_DONE = "partly_done", "Partly done"
        DROPPED = "dropped", "Dropped"

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    challenge = models.ForeignKey(
        Challenge, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    description = models.TextField(help_text="Confidential to the leader and the facilitator")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    reviewed_at = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviewed_actions"
    )

    class Meta:
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return f"Action {self.pk} ({self.get_status_display()})"


class SupportSession(models.Model):
    """One-to-one coaching, mentoring or advice for one leader."""

    class Kind(models.TextChoices):
        COACHING = "coaching", "Coaching"
        MENTORING = "mentoring", "Mentoring"
        ADVICE = "advice", "Advice"

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="support_sessions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    held_on = models.DateField()
    minutes = models.PositiveIntegerField()
    adviser = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True, help_text="Confidential to the leader and the adviser")

    class Meta:
        ordering = ["held_on"]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gte=0), name="support_minutes_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"
