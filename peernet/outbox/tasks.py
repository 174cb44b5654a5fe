"""Background work for the outbox, through Django's Tasks API: queueing an email starts the task that
sends it, so the two live together here."""

from django.db import transaction
from django_tasks import task

from peernet.outbox import mail
from peernet.outbox.models import Email


@task()
def send_due_emails() -> dict[str, int]:
    """Send every email that is due; when some failed, run again when the first of them is next due."""
    counts = mail.send_due()
    # Only a run that put an email off schedules the next, so the runs never multiply. A queue that cannot
    # defer a task (the immediate one in tests) leaves the retries to the send_emails command in cron.
    if counts["retrying"] and send_due_emails.get_backend().supports_defer:
        retry_at = mail.next_attempt_at()
        if retry_at is not None:
            send_due_emails.using(run_after=retry_at).enqueue()
    return counts


def queue(*, to: list[str] | str, subject: str, body: str) -> Email:
    """Save an email in the caller's transaction; the worker sends it once that transaction commits.

    If the transaction rolls back the email goes with it, so nobody is told of a change that was not saved.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    if not recipients:
        raise ValueError("An email needs at least one recipient")
    email = Email.objects.create(to=recipients, subject=subject, body=body)
    # One task per transaction however many emails it queues, as each task sends every email that is due.
    # run_on_commit is the list on_commit appends to; a savepoint's rollback drops its entries.
    pending_callbacks = transaction.get_connection().run_on_commit
    if not any(callback is _start_sending for _, callback, _ in pending_callbacks):
        # robust: a queue that cannot take the task must not turn the saved change into an error; the
        # send_emails command sends the email in its next run.
        transaction.on_commit(_start_sending, robust=True)
    return email


def _start_sending() -> None:
    send_due_emails.enqueue()
