"""Operators see the outbox in the Django admin, search it, and send failed emails again."""

import pytest

from peernet.accounts.models import User
from peernet.outbox import tasks as outbox
from peernet.outbox.models import Email

pytestmark = pytest.mark.django_db

URL = "/admin/outbox/email/"


@pytest.fixture
def operator_client(client):
    client.force_login(User.objects.create_superuser("ops@peernetworks.example", "x" * 20))
    return client


def test_operator_searches_the_outbox_by_recipient(operator_client):
    outbox.queue(to="amira@example.com", subject="Your reference", body="PN-ABC123")
    outbox.queue(to="ben@example.com", subject="Your reference", body="PN-DEF456")

    page = operator_client.get(URL, {"q": "amira"}).content.decode()

    assert "amira@example.com" in page
    assert "ben@example.com" not in page


def test_operator_sends_a_failed_email_again(operator_client):
    email = outbox.queue(to="amira@example.com", subject="Your reference", body="PN-ABC123")
    Email.objects.update(status=Email.Status.FAILED, attempts=8, last_error="ConnectionRefusedError")

    response = operator_client.post(
        URL, {"action": "send_again", "_selected_action": [email.pk]}, follow=True
    )

    assert "1 failed email will be sent again." in response.content.decode()
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Email.Status.PENDING, 0)
