"""The outbox: emails wait for their transaction to commit, go out once each however many workers run, and
are tried again on a widening schedule until they go or are given up as failed."""

import datetime as dt
import logging

import pytest
from django.core import mail as django_mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks import default_task_backend

from peernet.outbox import mail
from peernet.outbox import tasks as outbox
from peernet.outbox.models import Email
from peernet.outbox.tasks import send_due_emails

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
REFUSED = "tests.outbox.backends.RefusedBackend"


class AnotherWorkerBackend(LocmemBackend):
    """While it sends a message, a second worker runs send_due at the same moment."""

    def send_messages(self, messages):
        mail.send_due(now=NOW)
        return super().send_messages(messages)


def queued(n: int = 1, *, at: dt.datetime = NOW) -> list[Email]:
    emails = [
        outbox.queue(to=f"leader{i}@example.com", subject=f"Hello {i}", body="Welcome") for i in range(n)
    ]
    Email.objects.update(next_attempt_at=at)
    return emails


def test_queue_sends_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        email = outbox.queue(to="amira@example.com", subject="Your reference", body="PN-ABC123")
        outbox.queue(to=["a@example.com", "b@example.com"], subject="Digest", body="2 new")
        assert django_mail.outbox == []

    assert len(callbacks) == 1
    assert [(m.to, m.subject, m.body) for m in django_mail.outbox] == [
        (["amira@example.com"], "Your reference", "PN-ABC123"),
        (["a@example.com", "b@example.com"], "Digest", "2 new"),
    ]
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (Email.Status.SENT, 1, "")
    assert email.sent_at is not None


def test_queue_in_a_transaction_that_rolls_back_leaves_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        outbox.queue(to="amira@example.com", subject="Your reference", body="PN-ABC123")
        raise RuntimeError("the change was not saved")

    assert callbacks == []
    assert not Email.objects.exists()
    assert django_mail.outbox == []


def test_queue_refuses_an_email_to_nobody():
    with pytest.raises(ValueError, match="at least one recipient"):
        outbox.queue(to=[], subject="Hello", body="Nobody")


def test_send_due_twice_sends_each_email_once():
    queued(3)

    first = mail.send_due(now=NOW)
    second = mail.send_due(now=NOW + dt.timedelta(hours=1))

    assert first == {"sent": 3, "retrying": 0, "failed": 0}
    assert second == {"sent": 0, "retrying": 0, "failed": 0}
    assert sorted(m.subject for m in django_mail.outbox) == ["Hello 0", "Hello 1", "Hello 2"]


@override_settings(EMAIL_BACKEND="tests.outbox.test_mail.AnotherWorkerBackend")
def test_two_workers_at_once_never_send_one_email_twice():
    # The first worker lists both emails; while it sends the first, the second worker claims and sends the
    # second; the first then finds it claimed, and leaves it.
    queued(2)

    counts = mail.send_due(now=NOW)

    assert sorted(m.subject for m in django_mail.outbox) == ["Hello 0", "Hello 1"]
    assert counts == {"sent": 1, "retrying": 0, "failed": 0}
    assert list(Email.objects.values_list("status", "attempts")) == [(Email.Status.SENT, 1)] * 2


def test_email_not_yet_due_waits():
    queued(1, at=NOW + dt.timedelta(minutes=5))

    assert mail.send_due(now=NOW) == {"sent": 0, "retrying": 0, "failed": 0}
    assert django_mail.outbox == []


@override_settings(EMAIL_BACKEND=REFUSED)
def test_failed_attempt_is_recorded_and_tried_again_later():
    [email] = queued()

    counts = mail.send_due(now=NOW)

    email.refresh_from_db()
    assert counts == {"sent": 0, "retrying": 1, "failed": 0}
    assert (email.status, email.attempts, email.next_attempt_at, email.last_error) == (
        Email.Status.PENDING,
        1,
        NOW + dt.timedelta(minutes=1),
        "ConnectionRefusedError: [Errno 111] Connection refused",
    )
    assert mail.send_due(now=NOW + dt.timedelta(seconds=59)) == {"sent": 0, "retrying": 0, "failed": 0}


def test_email_failing_every_attempt_ends_failed_and_is_logged(caplog):
    [email] = queued()
    now = NOW
    waits = []

    with override_settings(EMAIL_BACKEND=REFUSED), caplog.at_level(logging.WARNING, logger="peernet.outbox"):
        for _ in range(mail.MAX_ATTEMPTS):
            mail.send_due(now=now)
            email.refresh_from_db()
            waits.append(email.next_attempt_at - now)
            now = email.next_attempt_at

    assert waits[:-1] == [dt.timedelta(minutes=m) for m in (1, 5, 15, 60, 240, 720, 1440)]
    assert (email.status, email.attempts) == (Email.Status.FAILED, 8)
    assert email.last_error == "ConnectionRefusedError: [Errno 111] Connection refused"
    given_up = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert [r.getMessage() for r in given_up] == [
        f"Email {email.pk} ('Hello 0' to leader0@example.com) failed 8 times and will not be tried again: "
        "ConnectionRefusedError: [Errno 111] Connection refused"
    ]
    assert mail.send_due(now=now + dt.timedelta(days=7)) == {"sent": 0, "retrying": 0, "failed": 0}
    assert django_mail.outbox == []


def test_send_again_makes_only_failed_emails_due_afresh():
    failed, pending = queued(2)
    Email.objects.filter(pk=failed.pk).update(status=Email.Status.FAILED, attempts=8, last_error="refused")

    assert mail.send_again(Email.objects.all()) == 1

    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Email.Status.PENDING, 0)
    assert mail.send_due(now=NOW) == {"sent": 2, "retrying": 0, "failed": 0}


def test_send_emails_command_sends_what_is_due(capsys):
    queued(2, at=timezone.now())

    call_command("send_emails")
    call_command("send_emails")

    assert len(django_mail.outbox) == 2
    assert capsys.readouterr().out == "2 sent, 0 to try again, 0 failed\n"


@override_settings(
    EMAIL_BACKEND=REFUSED, TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
)
def test_task_that_puts_an_email_off_runs_again_when_it_is_due():
    [email] = queued(at=timezone.now())

    send_due_emails.call()
    send_due_emails.call()  # a second run with nothing due schedules nothing more

    email.refresh_from_db()
    assert [result.task.run_after for result in default_task_backend.results] == [email.next_attempt_at]
