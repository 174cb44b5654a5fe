"""The footer's pages: public, linked from every page, and the contact page names the right hub."""

import pytest

from peernet.accounts.models import Role
from tests import factories


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/privacy/", "Privacy notice"),
        ("/accessibility/", "Accessibility statement for Peer Networks"),
        ("/cookies/", "Cookies"),
        ("/contact/", "Contact"),
    ],
)
def test_footer_page_is_public_and_linked_from_every_page(client, url, heading):
    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="govuk-heading-xl">{heading}' in page
    assert f'<a class="govuk-footer__link" href="{url}">' in page


@pytest.mark.django_db
def test_accessibility_statement_follows_the_model_statement(client):
    page = client.get("/accessibility/").content.decode()

    for part in [
        "Web Content Accessibility Guidelines version 2.2",
        "Reporting accessibility problems with this service",
        "Enforcement procedure",
        "Equality and Human Rights Commission",
        "Compliance status",
    ]:
        assert part in page


@pytest.mark.django_db
def test_cookies_page_lists_the_session_and_csrf_cookies_and_no_analytics(client):
    page = client.get("/cookies/").content.decode()

    assert '<td class="govuk-table__cell">sessionid</td>' in page
    assert '<td class="govuk-table__cell">csrftoken</td>' in page
    assert "We do not use analytics" in page


@pytest.mark.django_db
def test_contact_page_shows_the_signed_in_persons_hub_only(client_for, make_user, hub, other_hub):
    hub.contact_email = "peer@boost.example"
    hub.contact_phone = "01772 000000"
    hub.contact_address = "1 Fishergate\nPreston"
    hub.save()
    other_hub.contact_email = "hello@other.example"
    other_hub.save()
    client = client_for(make_user(Role.PARTICIPANT, hub))

    page = client.get("/contact/").content.decode()

    assert "peer@boost.example" in page
    assert "01772 000000" in page
    assert "1 Fishergate<br>Preston" in page
    assert "hello@other.example" not in page
    assert '<a class="govuk-footer__link" href="/contact/">Contact Boost</a>' in page


@pytest.mark.django_db
def test_contact_page_for_a_visitor_lists_every_hub(client, hub, other_hub):
    factories.HubFactory(slug="third", name="Third Hub", contact_email="third@example.org")

    page = client.get("/contact/").content.decode()

    assert "Third Hub" in page
    assert "third@example.org" in page
    assert other_hub.name in page
