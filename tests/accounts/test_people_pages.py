"""The people pages and the invitation link's pages: who may use them, what they change, and the journeys
from an invitation to a signed-in person who sees only their own."""

import datetime as dt
import re
from html import escape

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from peernet.accounts import invitations
from peernet.accounts.models import AuditEntry, Invitation, Role, User
from peernet.cohorts.models import Cohort
from peernet.outbox.models import Email
from tests import factories
from tests.html import rows, text
from tests.world import build_world

PASSWORD = "a long enough passphrase 42"


def says(page, words: str) -> bool:
    return escape(words) in page.content.decode()


@pytest.fixture
def world(hub, other_hub):
    return build_world(hub, other_hub)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def link_in_latest_email(to: str) -> str:
    email = Email.objects.filter(to=[to]).order_by("-pk").first()
    return re.search(r"/account/invitation/[^/\s]+/", email.body).group(0)


def set_password(client, link, full_name="New Person"):
    return client.post(link, {"full_name": full_name, "password1": PASSWORD, "password2": PASSWORD})


# The list.


def test_people_list_shows_the_hubs_people(world):
    page = signed_in(world.hub_admin).get("/people/")

    assert page.status_code == 200
    table = rows(page.content, "people")
    # The two-factor column is there when two-factor sign-in is installed; nobody here has turned it on.
    two_factor = ["Off"] if apps.is_installed("django_otp.plugins.otp_totp") else []
    fay = ["Fay Facilitator", world.facilitator.email, "Facilitator", "Red Rose Chamber", "Active"]
    assert [*fay, *two_factor, "Never"] in table
    assert world.other_hub_admin.email not in text(page.content)


def test_people_list_of_a_partner_manager_shows_their_partners_people_only(world):
    page = signed_in(world.partner_manager).get("/people/")

    names = [row[0] for row in rows(page.content, "people")]
    assert sorted(names) == sorted([world.partner_manager.full_name, "Fay Facilitator"])


@pytest.mark.parametrize("size", [1, 8])
def test_people_list_queries_do_not_grow_with_people(hub, make_user, django_assert_num_queries, size):
    admin = make_user(Role.HUB_ADMIN, hub)
    partner = factories.DeliveryPartnerFactory(hub=hub)
    client = signed_in(admin)
    for n in range(size):
        make_user(Role.FACILITATOR, hub, delivery_partner=partner)
        client.post(
            "/people/invite/",
            {
                "full_name": "X",
                "email": f"x{n}@example.com",
                "role": Role.FACILITATOR,
                "delivery_partner": partner.pk,
            },
        )
    assert Invitation.objects.count() == size

    with django_assert_num_queries(5):
        assert client.get("/people/").status_code == 200


# Who may use the pages.


@pytest.mark.parametrize("who", ["facilitator", "participant", "board", "national"])
def test_people_pages_refuse_other_roles(world, who):
    client = signed_in(getattr(world, who))
    person = world.partner_manager.pk

    assert client.get("/people/").status_code == 403
    assert client.get("/people/invite/").status_code == 403
    assert client.get(f"/people/{person}/").status_code == 403
    assert client.get(f"/people/{person}/role/").status_code == 403
    assert client.post(f"/people/{person}/deactivate/").status_code == 403
    assert client.post(f"/people/{person}/reactivate/").status_code == 403
    assert User.objects.get(pk=person).is_active


def test_another_hubs_person_is_not_found(world):
    client = signed_in(world.hub_admin)
    person = world.other_hub_manager.pk

    assert client.get(f"/people/{person}/").status_code == 404
    assert client.get(f"/people/{person}/role/").status_code == 404
    assert client.post(f"/people/{person}/deactivate/").status_code == 404
    assert User.objects.get(pk=person).is_active


def test_another_hubs_invitation_cannot_be_resent(world):
    from peernet.accounts import invitations

    invitation = invitations.invite(
        email="bo@example.com",
        role=Role.BOARD_MEMBER,
        hub=world.other_hub_admin.hub,
        by=world.other_hub_admin,
    )

    assert signed_in(world.hub_admin).post(f"/people/invitations/{invitation.pk}/resend/").status_code == 404


def test_partner_manager_cannot_invite_a_programme_manager(world):
    page = signed_in(world.partner_manager).post(
        "/people/invite/",
        {"full_name": "Pam", "email": "pam@example.com", "role": Role.PROGRAMME_MANAGER},
    )

    assert page.status_code == 200
    assert "Choose one of the roles listed" in text(page.content)
    assert not Invitation.objects.exists()


def test_partner_manager_cannot_invite_for_another_partner(world):
    other = world.other_cohort.partner
    page = signed_in(world.partner_manager).post(
        "/people/invite/",
        {
            "full_name": "Fred",
            "email": "fred@example.com",
            "role": Role.FACILITATOR,
            "delivery_partner": other.pk,
        },
    )

    assert says(page, "Choose one of your hub's delivery partners")
    assert not Invitation.objects.exists()


def test_partner_manager_invites_and_deactivates_their_own_facilitators_only(world):
    client = signed_in(world.partner_manager)

    response = client.post(
        "/people/invite/", {"full_name": "Gus", "email": "gus@example.com", "role": Role.FACILITATOR}
    )

    assert response.status_code == 302
    assert Invitation.objects.get().delivery_partner == world.partner
    assert client.post(f"/people/{world.other_facilitator.pk}/deactivate/").status_code == 404
    assert client.post(f"/people/{world.manager.pk}/deactivate/").status_code == 404
    assert client.post(f"/people/{world.facilitator.pk}/deactivate/").status_code == 302
    assert not User.objects.get(pk=world.facilitator.pk).is_active


def test_programme_manager_cannot_deactivate_a_hub_admin(world):
    assert signed_in(world.manager).post(f"/people/{world.hub_admin.pk}/deactivate/").status_code == 403
    assert User.objects.get(pk=world.hub_admin.pk).is_active


def test_invite_form_says_what_is_missing(world):
    page = signed_in(world.hub_admin).post("/people/invite/", {"role": Role.FACILITATOR})

    assert "There is a problem" in text(page.content)
    for words in ("Enter the person's full name", "Enter the person's email address"):
        assert says(page, words)
    assert "Choose the delivery partner the person works for" in text(page.content)


def test_invite_form_refuses_an_address_longer_than_an_account_keeps(world):
    # Valid as an address (up to 320 characters), but the invitation and the account keep 254.
    email = "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "com"

    page = signed_in(world.hub_admin).post(
        "/people/invite/", {"full_name": "Lee Long", "email": email, "role": Role.PROGRAMME_MANAGER}
    )

    assert page.status_code == 200
    assert "The email address must be 254 characters or fewer" in text(page.content)
    assert not Invitation.objects.filter(full_name="Lee Long").exists()


def test_people_forms_posted_empty_say_what_is_missing(world):
    # A POST without even a CSRF token's field is still an answer to check, not a first visit.
    client = signed_in(world.hub_admin)
    invitation = invitations.invite(
        email="new@example.com", role=Role.PROGRAMME_MANAGER, hub=world.hub, by=world.hub_admin
    )
    pages = {
        "/people/invite/": "Enter the person's email address",
        f"/people/{world.board.pk}/role/": "Choose the person's role",
        f"/account/invitation/{invitation.token}/": "Enter a password",
    }

    for url, missing in pages.items():
        page = client.post(url, {})

        assert page.status_code == 200, url
        assert "There is a problem" in text(page.content), url
        assert says(page, missing), url


# Changes.


def test_change_role_is_saved_and_audited(world):
    client = signed_in(world.hub_admin)

    response = client.post(f"/people/{world.board.pk}/role/", {"role": Role.PROGRAMME_MANAGER})

    assert response.status_code == 302
    assert User.objects.get(pk=world.board.pk).role == Role.PROGRAMME_MANAGER
    entry = AuditEntry.objects.get(action="person.role_changed")
    assert (entry.actor, entry.hub, entry.object_id) == (world.hub_admin, world.hub, str(world.board.pk))


def test_deactivation_ends_the_persons_sessions_and_reactivation_does_not_revive_them(world):
    target = signed_in(world.partner_manager)
    assert target.get("/").status_code == 200

    signed_in(world.hub_admin).post(f"/people/{world.partner_manager.pk}/deactivate/")

    assert not any(
        s.get_decoded().get("_auth_user_id") == str(world.partner_manager.pk) for s in Session.objects.all()
    )
    assert target.get("/").status_code == 302
    assert not Client().login(email=world.partner_manager.email, password=factories.PASSWORD)
    signed_in(world.hub_admin).post(f"/people/{world.partner_manager.pk}/reactivate/")
    assert target.get("/").status_code == 302
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "person.deactivated",
        "person.reactivated",
    ]


# The invitation's link.


def test_hub_admin_invites_a_facilitator_who_sees_only_the_cohorts_they_facilitate(world):
    gus_record = factories.FacilitatorFactory(
        partner=world.partner, full_name="Gus Guide", email="gus@example.com"
    )
    factories.CohortFactory(
        round=world.round,
        name="Bowland Builders",
        partner=world.partner,
        facilitator=gus_record,
        status=Cohort.Status.RUNNING,
    )
    signed_in(world.hub_admin).post(
        "/people/invite/",
        {
            "full_name": "Gus Guide",
            "email": "gus@example.com",
            "role": Role.FACILITATOR,
            "delivery_partner": world.partner.pk,
        },
    )
    visitor = Client()
    link = link_in_latest_email("gus@example.com")

    assert visitor.get(link).status_code == 200
    response = set_password(visitor, link, "Gus Guide")

    assert response.status_code == 302
    home = visitor.get("/")
    gus = User.objects.get(email="gus@example.com")
    assert (gus.role, gus.delivery_partner, gus.facilitator) == (Role.FACILITATOR, world.partner, gus_record)
    assert [row[0] for row in rows(home.content, "cohorts")] == ["Bowland Builders"]
    assert "Makers of Preston" not in text(home.content)
    assert visitor.get(f"/cohorts/{world.cohort.code}/").status_code == 404


def test_accept_page_says_what_is_wrong_with_the_password(world):
    signed_in(world.hub_admin).post(
        "/people/invite/", {"full_name": "Bo", "email": "bo@example.com", "role": Role.BOARD_MEMBER}
    )
    link = link_in_latest_email("bo@example.com")

    page = Client().post(link, {"full_name": "Bo", "password1": "short", "password2": "other"})

    assert page.status_code == 200
    assert "The two passwords do not match" in text(page.content)
    page = Client().post(link, {"full_name": "Bo", "password1": "short", "password2": "short"})
    assert "This password is too short" in text(page.content)
    assert not User.objects.filter(email="bo@example.com").exists()


def test_a_used_link_says_so_and_offers_a_new_one(world):
    signed_in(world.hub_admin).post(
        "/people/invite/", {"full_name": "Bo", "email": "bo@example.com", "role": Role.BOARD_MEMBER}
    )
    link = link_in_latest_email("bo@example.com")
    set_password(Client(), link)

    page = Client().get(link)

    assert page.status_code == 410
    assert "This link has already been used" in text(page.content)
    renewed = Client().post(link + "new/")
    assert "Check your email" in text(renewed.content)
    assert "bo@example.com" not in text(renewed.content)
    assert "sign in at" in Email.objects.filter(to=["bo@example.com"]).order_by("-pk").first().body


def test_an_expired_link_says_so_and_sends_a_fresh_one_to_its_address(world):
    signed_in(world.hub_admin).post(
        "/people/invite/", {"full_name": "Bo", "email": "bo@example.com", "role": Role.BOARD_MEMBER}
    )
    link = link_in_latest_email("bo@example.com")
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))

    page = Client().get(link)
    assert page.status_code == 410
    assert "This link has expired" in text(page.content)
    assert set_password(Client(), link).status_code == 410

    Client().post(link + "new/")

    fresh = link_in_latest_email("bo@example.com")
    assert fresh != link
    assert Client().get(fresh).status_code == 200


def test_an_unknown_link_is_not_found(db):
    assert Client().get("/account/invitation/made-up-token/").status_code == 404
    assert Client().post("/account/invitation/made-up-token/new/").status_code == 404


def test_resend_from_the_people_list_stops_the_old_link(world):
    admin = signed_in(world.hub_admin)
    admin.post("/people/invite/", {"full_name": "Bo", "email": "bo@example.com", "role": Role.BOARD_MEMBER})
    old = link_in_latest_email("bo@example.com")

    admin.post(f"/people/invitations/{Invitation.objects.get().pk}/resend/")

    new = link_in_latest_email("bo@example.com")
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


def test_someone_made_a_facilitator_is_linked_to_their_partners_record(world):
    record = factories.FacilitatorFactory(partner=world.partner, email=world.board.email.upper(), user=None)

    signed_in(world.hub_admin).post(
        f"/people/{world.board.pk}/role/", {"role": Role.FACILITATOR, "delivery_partner": world.partner.pk}
    )

    record.refresh_from_db()
    assert record.user == world.board


def test_deactivation_ends_sessions_kept_in_signed_cookies_too(world, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    target = signed_in(world.partner_manager)
    assert target.get("/").status_code == 200

    signed_in(world.hub_admin).post(f"/people/{world.partner_manager.pk}/deactivate/")
    signed_in(world.hub_admin).post(f"/people/{world.partner_manager.pk}/reactivate/")

    assert target.get("/").status_code == 302
