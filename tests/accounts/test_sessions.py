"""Sessions end after a period without use, and a person can sign out of their other devices."""

import time

import pytest
from django.test import Client

from peernet.accounts.middleware import SEEN, TOUCH_EVERY_SECONDS
from peernet.accounts.models import Role
from tests import factories
from tests.factories import PASSWORD
from tests.html import text


@pytest.fixture
def manager(hub):
    return factories.UserFactory(email="manager@boost.example", role=Role.PROGRAMME_MANAGER, hub=hub)


def signed_in(user) -> Client:
    client = Client()
    client.post("/account/sign-in/", {"username": user.email, "password": PASSWORD})
    return client


def test_a_session_ends_after_eight_hours_without_use_by_default(settings, manager):
    client = signed_in(manager)

    assert settings.SESSION_IDLE_HOURS == 8
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_using_the_service_restarts_the_idle_clock_at_most_every_few_minutes(manager):
    client = signed_in(manager)
    session = client.session
    session[SEEN] = int(time.time()) - TOUCH_EVERY_SECONDS - 1
    session.save()

    client.get("/")

    assert client.session[SEEN] >= int(time.time()) - 5


def test_sign_out_of_other_devices_ends_every_other_session_only(manager):
    here = signed_in(manager)
    elsewhere = signed_in(manager)

    response = here.post("/account/sign-out-other-devices/", follow=True)

    assert "You have been signed out of every other device" in text(response.content.decode())
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302
    assert elsewhere.get("/")["Location"].startswith("/account/sign-in/")


def test_signing_in_again_after_signing_out_other_devices_works(manager):
    here = signed_in(manager)
    here.post("/account/sign-out-other-devices/")

    again = signed_in(manager)

    assert again.get("/").status_code == 200


def test_the_account_page_offers_sign_out_of_other_devices(client_for, manager):
    page = client_for(manager).get("/account/").content.decode()

    assert "Sign out of other devices" in page
    assert 'action="/account/sign-out-other-devices/"' in page


def test_sign_out_of_other_devices_needs_a_post(client_for, manager):
    assert client_for(manager).get("/account/sign-out-other-devices/").status_code == 405


def test_the_header_links_the_persons_name_to_their_account_page(client_for, manager):
    page = client_for(manager).get("/").content.decode()

    assert (
        f'<a class="govuk-header__link" href="/account/">{manager.full_name} (Programme manager)</a>' in page
    )
