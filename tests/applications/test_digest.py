"""The managers' daily digest: once per hub and day, only that day's applications, only that hub's staff."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from peernet.accounts.models import Role
from peernet.applications.models import DigestRun
from tests import factories

DAY = dt.date(2026, 11, 21)


def at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def staff(hub, make_user):
    return [make_user(Role.PROGRAMME_MANAGER, hub, email="pm@boost.example"), make_user(Role.HUB_ADMIN, hub)]


@pytest.mark.django_db
def test_digest_lists_the_days_applications_to_hub_staff(round_3, staff, make_user, other_hub):
    make_user(
        Role.FACILITATOR,
        round_3.programme.hub,
        delivery_partner=factories.DeliveryPartnerFactory(hub=round_3.programme.hub),
    )
    make_user(Role.PROGRAMME_MANAGER, other_hub)
    today = factories.ApplicationFactory(round=round_3, submitted_at=at(DAY, 23))
    factories.ApplicationFactory(round=round_3, submitted_at=at(DAY + dt.timedelta(days=1), 0))
    factories.ApplicationFactory(round=round_3, submitted_at=at(DAY - dt.timedelta(days=1), 23))

    call_command("send_application_digest", "--date", DAY.isoformat())

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted(user.email for user in staff)
    assert message.subject == "1 new application on 21 November 2026"
    assert today.reference in message.body


@pytest.mark.django_db
def test_digest_runs_once_per_day(round_3, staff):
    factories.ApplicationFactory(round=round_3, submitted_at=at(DAY, 10))

    call_command("send_application_digest", "--date", DAY.isoformat())
    call_command("send_application_digest", "--date", DAY.isoformat())

    assert len(mail.outbox) == 1
    assert DigestRun.objects.get().application_count == 1


@pytest.mark.django_db
def test_digest_with_no_applications_sends_nothing(round_3, staff, capsys):
    call_command("send_application_digest", "--date", DAY.isoformat())

    assert mail.outbox == []
    assert "No digests to send for 2026-11-21" in capsys.readouterr().out


@pytest.mark.django_db
def test_digest_bad_date_exits_2(db):
    with pytest.raises(CommandError) as error:
        call_command("send_application_digest", "--date", "21/11/2026")

    assert error.value.returncode == 2
