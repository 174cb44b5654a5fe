"""The managers' daily digest: once per hub and day, only that day's applications, only that hub's staff.

The digest is queued in the outbox and sent once its transaction commits, so the tests run the commit's
callbacks."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from peernet.accounts.models import Role
from peernet.applications.models import DigestRun
from peernet.outbox.models import Email
from tests import factories

DAY = dt.date(2026, 11, 21)


def at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def staff(hub, make_user):
    return [make_user(Role.PROGRAMME_MANAGER, hub, email="pm@boost.example"), make_user(Role.HUB_ADMIN, hub)]


@pytest.mark.django_db
def test_digest_lists_the_days_applications_to_hub_staff(
    round_3, staff, make_user, other_hub, django_capture_on_commit_callbacks
):
    make_user(
        Role.FACILITATOR,
        round_3.programme.hub,
        delivery_partner=factories.DeliveryPartnerFactory(hub=round_3.programme.hub),
    )
    make_user(Role.PROGRAMME_MANAGER, other_hub)
    today = factories.ApplicationFactory(round=round_3, submitted_at=at(DAY, 23))
    factories.ApplicationFactory(round=round_3, submitted_at=at(DAY + dt.timedelta(days=1), 0))
    factories.ApplicationFactory(round=round_3, submitted_at=at(DAY - dt.timedelta(days=1), 23))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_application_digest", "--date", DAY.isoformat())

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted(user.email for user in staff)
    assert message.subject == "1 new application on 21 November 2026"
    assert today.reference in message.body


@pytest.mark.django_db
def test_digest_names_the_business_as_the_application_gives_it(
    round_3, staff, django_capture_on_commit_callbacks
):
    """The shared business record changes only when staff accept new details; the digest reports the
    application as it came in."""
    application = factories.ApplicationFactory(round=round_3, submitted_at=at(DAY, 9))
    application.business_name = "Renamed Bakery Ltd"
    application.save(update_fields=["business_name"])

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_application_digest", "--date", DAY.isoformat())

    assert "Renamed Bakery Ltd" in mail.outbox[0].body


@pytest.mark.django_db
def test_digest_runs_once_per_day(round_3, staff, django_capture_on_commit_callbacks):
    factories.ApplicationFactory(round=round_3, submitted_at=at(DAY, 10))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_application_digest", "--date", DAY.isoformat())
        call_command("send_application_digest", "--date", DAY.isoformat())

    assert len(mail.outbox) == 1
    assert DigestRun.objects.get().application_count == 1


@pytest.mark.django_db
def test_digest_in_a_mail_outage_is_kept_and_sent_once_later(
    round_3, staff, django_capture_on_commit_callbacks
):
    factories.ApplicationFactory(round=round_3, submitted_at=at(DAY, 10))

    with (
        override_settings(EMAIL_BACKEND="tests.outbox.backends.RefusedBackend"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_application_digest", "--date", DAY.isoformat())
        call_command("send_application_digest", "--date", DAY.isoformat())

    assert DigestRun.objects.get().application_count == 1
    assert list(Email.objects.values_list("subject", "status", "attempts")) == [
        ("1 new application on 21 November 2026", Email.Status.PENDING, 1)
    ]
    assert mail.outbox == []

    Email.objects.update(next_attempt_at=timezone.now())  # the outage is over and the retry falls due
    call_command("send_emails")

    assert [message.subject for message in mail.outbox] == ["1 new application on 21 November 2026"]


@pytest.mark.django_db
def test_digest_with_no_applications_sends_nothing(
    round_3, staff, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_application_digest", "--date", DAY.isoformat())

    assert mail.outbox == []
    assert "No digests to send for 2026-11-21" in capsys.readouterr().out


@pytest.mark.django_db
def test_digest_bad_date_exits_2(db):
    with pytest.raises(CommandError) as error:
        call_command("send_application_digest", "--date", "21/11/2026")

    assert error.value.returncode == 2
