"""A mail outage delays emails and loses none: the applicant's submit and the cohort's confirm answer as
usual once the change is saved, the emails wait in the outbox, and the next run after the outage sends each
exactly once.

These tests commit for real (transaction=True), so the worker's task runs at commit inside the request, as
the immediate task backend runs it in tests.
"""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from peernet.applications.models import Application
from peernet.cohorts.models import Cohort
from peernet.outbox.models import Email
from tests.applications.test_public_form import BASE, answers, fill_in
from tests.cohorts.test_forming_pages import proposed, waiting
from tests.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

REFUSED = "tests.outbox.backends.RefusedBackend"
SMTP_ERROR = "tests.outbox.backends.SMTPErrorBackend"


def the_retry_falls_due() -> None:
    """The outage is over and the first retry's minute has passed."""
    Email.objects.filter(status=Email.Status.PENDING).update(next_attempt_at=timezone.now())


@pytest.mark.parametrize("backend", [REFUSED, SMTP_ERROR])
def test_application_submitted_in_a_mail_outage_is_saved_and_emailed_later(client, round_3, preston, backend):
    fill_in(client, answers(preston))

    with override_settings(EMAIL_BACKEND=backend):
        response = client.post(f"{BASE}/check/")

    application = Application.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"{BASE}/confirmation/")
    assert application.reference in client.get(response["Location"]).content.decode()
    email = Email.objects.get()
    assert (email.to, email.status, email.attempts) == (["amira@example.com"], Email.Status.PENDING, 1)
    assert email.last_error in {
        "ConnectionRefusedError: [Errno 111] Connection refused",
        "SMTPServerDisconnected: Connection unexpectedly closed",
    }
    assert mail.outbox == []

    the_retry_falls_due()
    call_command("send_emails")
    call_command("send_emails")

    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["amira@example.com"], f"Your application to Peer Networks Round 3: {application.reference}")
    ]
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Email.Status.SENT, 2)


def test_cohort_confirmed_in_a_mail_outage_is_saved_and_its_emails_sent_later(client, hub, other_hub):
    world = build_world(hub, other_hub)
    people = waiting(world, 8)
    cohort = proposed(world, people)
    client.force_login(world.manager)
    starts = timezone.localdate() + dt.timedelta(days=21)

    with override_settings(EMAIL_BACKEND=SMTP_ERROR):
        response = client.post(
            f"/rounds/{world.round.pk}/cohorts/{cohort.code}/confirm/",
            {
                "partner": world.partner.pk,
                "facilitator": world.cohort.facilitator.pk,
                "starts_on": starts.strftime("%d %m %Y"),
                "online_link": "meet.example.org/preston",
            },
        )

    assert (response.status_code, response["Location"]) == (302, f"/cohorts/{cohort.code}/")
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.CONFIRMED
    assert set(
        Application.objects.filter(pk__in=[a.pk for a in people]).values_list("status", flat=True)
    ) == {Application.Status.PLACED}
    everyone = sorted([a.leader.email for a in people] + [world.cohort.facilitator.email])
    assert sorted(address for email in Email.objects.all() for address in email.to) == everyone
    assert set(Email.objects.values_list("status", "attempts", "last_error")) == {
        (Email.Status.PENDING, 1, "SMTPServerDisconnected: Connection unexpectedly closed")
    }
    assert mail.outbox == []

    the_retry_falls_due()
    call_command("send_emails")
    call_command("send_emails")

    assert sorted(message.to[0] for message in mail.outbox) == everyone
    assert set(Email.objects.values_list("status", flat=True)) == {Email.Status.SENT}
