"""Resetting a forgotten password by email: the same answer for every address, one email for an account's."""

import re

from django_tasks import default_task_backend

from peernet.accounts import sign_in_limits
from peernet.outbox.models import Email
from tests import factories
from tests.factories import PASSWORD
from tests.html import text

RESET = "/account/password-reset/"
NEW_PASSWORD = "a-long-new-password-2026"


def ask(client, email):
    return client.post(RESET, {"email": email}, follow=True)


def link_in(email: Email) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/account/password-reset/\S+/)", email.body).group(1)


def test_sign_in_page_links_to_password_reset(client, db):
    page = client.get("/account/sign-in/").content.decode()

    assert '<a class="govuk-link" href="/account/password-reset/">Forgotten your password?</a>' in page


def test_reset_page_asks_for_the_email_address(client, db):
    response = client.get(RESET)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Reset your password – Peer Networks</title>" in page
    assert 'for="id_email">Email address</label>' in page


def test_known_and_unknown_addresses_get_the_same_page_and_one_email_only_for_the_known(client, hub):
    factories.UserFactory(email="manager@boost.example", hub=hub)

    known = ask(client, "Manager@boost.example")
    unknown = ask(client, "nobody@boost.example")

    assert known.redirect_chain == [("/account/password-reset/sent/", 302)]
    assert unknown.redirect_chain == [("/account/password-reset/sent/", 302)]
    assert known.content == unknown.content
    assert "Check your email" in text(known.content.decode())
    emails = list(Email.objects.all())
    assert [(email.to, email.subject) for email in emails] == [
        (["manager@boost.example"], "Reset your Peer Networks password")
    ]


def test_the_link_sets_a_new_password_once(client, hub):
    person = factories.UserFactory(email="manager@boost.example", hub=hub)
    ask(client, person.email)
    link = link_in(Email.objects.get())

    form = client.get(link, follow=True)
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    again = client.get(link, follow=True)

    assert done.status_code == 302
    assert done["Location"] == "/account/password-reset/done/"
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert "This link has expired" in text(again.content.decode())


def test_different_new_passwords_are_refused_with_the_reason(client, hub):
    person = factories.UserFactory(email="manager@boost.example", hub=hub)
    ask(client, person.email)
    form = client.get(link_in(Email.objects.get()), follow=True)

    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"}
    )

    assert "Enter the same password in both boxes" in text(response.content.decode())
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_the_held_owner_gets_in_after_a_password_reset(client, hub):
    person = factories.UserFactory(email="manager@boost.example", hub=hub)
    for _ in range(10):
        client.post("/account/sign-in/", {"username": person.email, "password": "wrong"})
    assert sign_in_limits.is_held(email=person.email, ip="127.0.0.1")

    ask(client, person.email)
    form = client.get(link_in(Email.objects.get()), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.post("/account/sign-in/", {"username": person.email, "password": NEW_PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_repeated_requests_send_at_most_three_emails_an_hour(client, hub):
    factories.UserFactory(email="manager@boost.example", hub=hub)

    pages = {ask(client, "manager@boost.example").content for _ in range(5)}

    assert len(pages) == 1
    assert Email.objects.count() == 3


def test_the_email_link_uses_the_site_address_not_the_request_host(client, hub, settings):
    settings.ALLOWED_HOSTS = ["evil.example", "testserver"]
    factories.UserFactory(email="manager@boost.example", hub=hub)

    client.post(RESET, {"email": "manager@boost.example"}, HTTP_HOST="evil.example")

    body = Email.objects.get().body
    assert "http://127.0.0.1:8000/account/password-reset/" in body
    assert "evil.example" not in body


def test_a_closed_account_gets_no_reset_email(client, hub):
    factories.UserFactory(email="manager@boost.example", hub=hub, is_active=False)

    response = ask(client, "manager@boost.example")

    assert response.redirect_chain == [("/account/password-reset/sent/", 302)]
    assert Email.objects.count() == 0


def test_the_request_leaves_the_lookup_to_a_task_for_known_and_unknown_addresses_alike(client, hub, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    factories.UserFactory(email="manager@boost.example", hub=hub)
    ask(client, "manager@boost.example")
    ask(client, "nobody@boost.example")

    assert [result.args for result in default_task_backend.results] == [
        ["manager@boost.example"],
        ["nobody@boost.example"],
    ]
    assert Email.objects.count() == 0
