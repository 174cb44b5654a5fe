"""Emails the service owes people, saved in the same transaction as the change they report."""

from django.db import models
from django.utils import timezone


class Email(models.Model):
    """One email: pending until sent, or failed once every attempt has failed.

    `peernet.outbox.tasks.queue` saves it and starts the task that sends it; `peernet.outbox.mail.send_due`
    claims it with a conditional update (so two workers never send it twice), sends it, and marks it sent or
    schedules the next attempt. It has
    no foreign keys, so the outbox sits below every app and any app may use it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    to = models.JSONField(default=list, help_text="The recipients' addresses")
    subject = models.CharField(max_length=500)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_email_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "sent", "failed"]), name="outbox_email_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {', '.join(self.to)}"
