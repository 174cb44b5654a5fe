"""The outbox: an email is saved with the change it reports and sent after commit by the worker, with
retries, so a mail outage delays emails and loses none, and never turns a saved change into an error page.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from peernet.outbox.models import Email

logger = logging.getLogger(__name__)

# Minutes to wait after each failed attempt; the last attempt comes about 41 hours after the first, and
# when it fails too the email is marked failed (an operator can send it again from the admin).
BACKOFF_MINUTES = (1, 5, 15, 60, 240, 720, 1440)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
# While one worker tries an email no other does; if that worker dies mid-send the email is tried again
# once this has passed. It must outlast SEND_TIMEOUT.
CLAIM = dt.timedelta(minutes=10)
# Seconds to wait for the mail server when EMAIL_TIMEOUT is not set: a silent server must not hold a worker.
SEND_TIMEOUT = 60


def send_due(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Try every email that is due once; returns how many were sent, are left to retry, and failed for good.

    Running it twice at once, or again, sends no email twice: each email is claimed before it is sent.
    """
    counts = {"sent": 0, "retrying": 0, "failed": 0}
    first = now or timezone.now()
    due = list(
        Email.objects.filter(status=Email.Status.PENDING, next_attempt_at__lte=first)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", "attempts")
    )
    connection = get_connection(timeout=settings.EMAIL_TIMEOUT or SEND_TIMEOUT)
    for pk, attempts in due:
        outcome = _attempt(pk=pk, attempts=attempts, now=now or timezone.now(), connection=connection)
        if outcome is not None:
            counts[outcome] += 1
    return counts


def next_attempt_at() -> dt.datetime | None:
    """When the earliest pending email is next due, if any is pending."""
    return (
        Email.objects.filter(status=Email.Status.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )


def _attempt(*, pk: int, attempts: int, now: dt.datetime, connection) -> str | None:
    # The claim: only the worker whose update matches the attempts it read goes on; the others skip it.
    claimed = Email.objects.filter(
        pk=pk, status=Email.Status.PENDING, attempts=attempts, next_attempt_at__lte=now
    ).update(attempts=attempts + 1, next_attempt_at=now + CLAIM)
    if not claimed:
        return None
    email = Email.objects.get(pk=pk)
    try:
        EmailMessage(subject=email.subject, body=email.body, to=email.to, connection=connection).send()
    except Exception as error:  # any failure of the mail server or the message: record it and try later
        return _failed(email=email, error=error, now=now)
    Email.objects.filter(pk=pk).update(status=Email.Status.SENT, sent_at=now)
    return "sent"


def _failed(*, email: Email, error: Exception, now: dt.datetime) -> str:
    reason = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= MAX_ATTEMPTS:
        Email.objects.filter(pk=email.pk).update(status=Email.Status.FAILED, last_error=reason)
        logger.error(
            "Email %s (%r to %s) failed %s times and will not be tried again: %s",
            email.pk,
            email.subject,
            ", ".join(email.to),
            email.attempts,
            reason,
        )
        return "failed"
    retry_at = now + dt.timedelta(minutes=BACKOFF_MINUTES[email.attempts - 1])
    Email.objects.filter(pk=email.pk).update(next_attempt_at=retry_at, last_error=reason)
    logger.warning(
        "Email %s not sent (attempt %s), trying again at %s: %s", email.pk, email.attempts, retry_at, reason
    )
    return "retrying"


def send_again(emails) -> int:
    """Make failed emails due now with a fresh set of attempts, once the operator has fixed the cause.

    Only failed ones: a pending email may be in a worker's hands, and resetting its attempts would let a
    second worker claim it too.
    """
    return emails.filter(status=Email.Status.FAILED).update(
        status=Email.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
