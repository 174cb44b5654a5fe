"""Closing a round: applicants still waiting are told by email and offered the next round's pool; saying yes
on the link's page applies them to the next open round from their last application's facts."""

import re

import pytest

from peernet.accounts.models import AuditEntry
from peernet.applications import closing
from peernet.applications.models import Application
from peernet.outbox.models import Email
from peernet.programmes.models import Round
from tests import factories


@pytest.fixture
def round_4(round_3, preston):
    round_ = factories.RoundFactory(
        programme=round_3.programme, number=4, name="Round 4", slug="round-4", status=Round.Status.PLANNING
    )
    round_.eligible_districts.add(preston)
    round_.themes.add(round_3.themes.get(slug="staffing"))
    return round_


@pytest.fixture
def waiting(round_3, preston):
    business = factories.BusinessFactory(
        hub=round_3.programme.hub, name="Ribble Valley Joinery Ltd", district=preston
    )
    leader = factories.LeaderFactory(hub=round_3.programme.hub, business=business, email="amira@example.com")
    application = factories.ApplicationFactory(round=round_3, leader=leader, challenge="Finding joiners")
    application.themes.add(round_3.themes.get(slug="staffing"), round_3.themes.get(slug="exporting"))
    return application


def offer_link(email: Email) -> str:
    return re.search(r"http://testserver(/next-round/[^/\s]+/)", email.body).group(1)


@pytest.mark.django_db
def test_closing_tells_only_the_applicants_still_waiting_and_audits(client_for, manager, round_3, waiting):
    factories.ApplicationFactory(round=round_3, status=Application.Status.PLACED)
    factories.ApplicationFactory(round=round_3, status=Application.Status.INELIGIBLE)

    response = client_for(manager).post(f"/rounds/{round_3.pk}/close/")

    round_3.refresh_from_db()
    assert response.status_code == 302
    assert round_3.status == Round.Status.CLOSED
    email = Email.objects.get()
    assert email.to == ["amira@example.com"]
    assert email.subject == "Peer Networks Round 3 has closed: a place in the next round"
    assert "We will only do this if you say yes." in email.body
    entry = AuditEntry.objects.get(action="round.closed")
    assert (entry.actor, entry.data) == (manager, {"told": [waiting.reference]})


@pytest.mark.django_db
def test_closing_a_closed_round_is_refused_and_tells_nobody_again(client_for, manager, round_3, waiting):
    client = client_for(manager)
    client.post(f"/rounds/{round_3.pk}/close/")

    again = client.post(f"/rounds/{round_3.pk}/close/", follow=True)

    assert "Round 3 is closed; it cannot be closed" in again.content.decode()
    assert Email.objects.count() == 1


@pytest.mark.django_db
def test_saying_yes_applies_to_the_next_open_round_with_the_last_facts(
    client, client_for, manager, round_3, round_4, waiting
):
    client_for(manager).post(f"/rounds/{round_3.pk}/close/")
    link = offer_link(Email.objects.get())
    client.post("/account/sign-out/")
    round_4.status = Round.Status.OPEN
    round_4.save()

    assert "put Ribble Valley Joinery Ltd forward for Round 4" in client.get(link).content.decode()
    page = client.post(link, {"consent": "on"}).content.decode()

    carried = Application.objects.get(round=round_4)
    assert carried.reference in page
    assert (carried.business_name, carried.leader, carried.challenge, carried.status) == (
        "Ribble Valley Joinery Ltd",
        waiting.leader,
        "Finding joiners",
        Application.Status.WAITING,
    )
    assert [t.slug for t in carried.themes.all()] == ["staffing"]  # only the themes Round 4 offers
    assert Email.objects.filter(to=["amira@example.com"]).count() == 2  # the offer and the confirmation


@pytest.mark.django_db
def test_saying_yes_twice_keeps_one_application(client, round_3, round_4, waiting):
    round_3.status, round_4.status = Round.Status.CLOSED, Round.Status.OPEN
    round_3.save()
    round_4.save()
    link = f"/next-round/{closing.offer_token(waiting)}/"

    client.post(link, {"consent": "on"})
    client.post(link, {"consent": "on"})

    assert Application.objects.filter(round=round_4).count() == 1


@pytest.mark.django_db
def test_offer_without_the_box_ticked_names_the_field(client, round_3, round_4, waiting):
    round_3.status = Round.Status.CLOSED
    round_3.save()

    page = client.post(f"/next-round/{closing.offer_token(waiting)}/", {}).content.decode()

    assert '<a href="#id_consent">Tick the box to say yes, or close this page to say no</a>' in page
    assert not Application.objects.filter(round=round_4).exists()


@pytest.mark.django_db
def test_offer_before_the_next_round_opens_says_to_come_back(client, round_3, round_4, waiting):
    round_3.status = Round.Status.CLOSED
    round_3.save()

    page = client.post(f"/next-round/{closing.offer_token(waiting)}/", {"consent": "on"}).content.decode()

    assert "The next round is not open yet" in page
    assert not Application.objects.filter(round=round_4).exists()


@pytest.mark.django_db
def test_a_tampered_link_is_not_found(client, waiting):
    response = client.get(f"/next-round/{closing.offer_token(waiting)}x/")

    assert response.status_code == 404
    assert "This link is not one we sent" in response.content.decode()
