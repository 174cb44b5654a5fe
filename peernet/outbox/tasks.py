"""Background work for the outbox, through Django's Tasks API."""

from django_tasks import task

from peernet.outbox import mail


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
