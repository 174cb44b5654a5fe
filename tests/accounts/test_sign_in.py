"""Signing in by email and password, the GOV.UK error summary when it fails, and signing out."""

import pytest

from peernet.accounts.models import Role
from tests import factories
from tests.factories import PASSWORD
from tests.html import text

SIGN_IN = "/account/sign-in/"


@pytest.fixture
def manager(hub):
    return factories.UserFactory(email="manager@boost.example", role=Role.PROGRAMME_MANAGER, hub=hub)


def test_sign_in_page_asks_for_email_and_password(client, db):
    response = client.get(SIGN_IN)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Sign in – Peer Networks</title>" in page
    assert 'for="id_username">Email address</label>' in page
    assert 'autocomplete="current-password"' in page


def test_sign_in_with_the_right_password_goes_home(client, manager):
    response = client.post(SIGN_IN, {"username": "manager@boost.example", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_sign_in_ignores_the_case_of_the_email_address(client, manager):
    response = client.post(SIGN_IN, {"username": "Manager@Boost.EXAMPLE ", "password": PASSWORD})

    assert response.status_code == 302


def test_sign_in_returns_to_the_page_asked_for(client, manager):
    response = client.post(
        SIGN_IN, {"username": "manager@boost.example", "password": PASSWORD, "next": "/cohorts/abc/"}
    )

    assert response["Location"] == "/cohorts/abc/"


def test_sign_in_never_sends_people_to_another_site(client, manager):
    response = client.post(
        SIGN_IN,
        {"username": "manager@boost.example", "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response["Location"] == "/"


def test_sign_in_with_a_wrong_password_shows_the_error_summary(client, manager):
    response = client.post(SIGN_IN, {"username": "manager@boost.example", "password": "not-the-password"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Sign in – Peer Networks</title>" in page
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in page
    assert (
        '<a href="#id_username">Enter the email address and password of your account; '
        "the ones entered do not match</a>"
    ) in page
    assert "_auth_user_id" not in client.session


def test_sign_in_with_empty_fields_names_each_field(client, db):
    response = client.post(SIGN_IN, {"username": "", "password": ""})

    page = response.content.decode()
    assert '<a href="#id_username">Enter your email address</a>' in page
    assert '<a href="#id_password">Enter your password</a>' in page
    assert 'class="govuk-form-group govuk-form-group--error"' in page
    assert "Error: Enter your email address" in text(page)


def test_sign_in_refuses_a_closed_account(client, manager):
    manager.is_active = False
    manager.save()

    response = client.post(SIGN_IN, {"username": "manager@boost.example", "password": PASSWORD})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_in_page_sends_someone_signed_in_home(client, manager):
    client.force_login(manager)

    response = client.get(SIGN_IN)

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_sign_out_ends_the_session(client, manager):
    client.force_login(manager)

    response = client.post("/account/sign-out/")

    assert response.status_code == 302
    assert response["Location"] == SIGN_IN
    assert client.get("/").status_code == 302


def test_layout_shows_the_service_and_hub_names(client, manager):
    client.force_login(manager)

    page = client.get("/").content.decode()

    assert ">Peer Networks</a>" in page
    assert "Boost — Lancashire&#x27;s Business Growth Hub" in page


def test_sign_in_asks_to_wait_after_too_many_attempts(client, manager):
    for _ in range(10):
        client.post(SIGN_IN, {"username": "manager@boost.example", "password": "wrong"})

    response = client.post(SIGN_IN, {"username": "manager@boost.example", "password": PASSWORD})

    assert response.status_code == 200
    assert "You have tried to sign in too many times. Wait 15 minutes, then try again" in text(
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session
