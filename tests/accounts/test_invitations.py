"""Inviting, resending and accepting: one-time links that expire, stored only as hashes, and what accepting
links (a facilitator's record, a participant's leader)."""

import datetime as dt
import hashlib
import re

import pytest
from django.utils import timezone

from peernet.accounts import invitations
from peernet.accounts.models import AuditEntry, Invitation, Role, User
from peernet.applications.models import Leader
from peernet.outbox.models import Email
from peernet.programmes.models import Facilitator
from tests import factories

PASSWORD = "a long enough passphrase 42"


@pytest.fixture
def admin(hub, make_user):
    return make_user(Role.HUB_ADMIN, hub, full_name="Ada Admin")


@pytest.fixture
def partner(hub):
    return factories.DeliveryPartnerFactory(hub=hub, name="Red Rose Chamber")


def token_in(body: str) -> str:
    return re.search(r"/account/invitation/([^/\s]+)/", body).group(1)


def test_invite_stores_only_the_hash_and_emails_the_link(hub, admin, partner):
    invitation = invitations.invite(
        email="Fay@Example.com",
        role=Role.FACILITATOR,
        hub=hub,
        delivery_partner=partner,
        full_name="Fay",
        by=admin,
    )

    email = Email.objects.get()
    token = token_in(email.body)
    assert email.to == ["fay@example.com"]
    assert invitation.email == "fay@example.com"
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.values().get())
    assert invitation.expires_at - timezone.now() > dt.timedelta(days=13, hours=23)
    assert AuditEntry.objects.get().action == "invitation.sent"


def test_invite_refuses_an_address_with_an_account(hub, admin, make_user):
    make_user(Role.BOARD_MEMBER, hub, email="bo@example.com")

    with pytest.raises(invitations.InvitationRefused):
        invitations.invite(email="bo@example.com", role=Role.BOARD_MEMBER, hub=hub, by=admin)
    assert not Invitation.objects.exists()


def test_invite_refuses_a_partner_role_without_a_partner(hub, admin):
    with pytest.raises(invitations.InvitationRefused):
        invitations.invite(email="fay@example.com", role=Role.FACILITATOR, hub=hub, by=admin)


def test_invite_refuses_another_hubs_partner(hub, other_hub, admin):
    elsewhere = factories.DeliveryPartnerFactory(hub=other_hub)

    with pytest.raises(invitations.InvitationRefused):
        invitations.invite(
            email="fay@example.com", role=Role.FACILITATOR, hub=hub, delivery_partner=elsewhere, by=admin
        )


def test_resend_gives_a_new_link_and_the_old_stops_working(hub, admin):
    first = invitations.invite(email="bo@example.com", role=Role.BOARD_MEMBER, hub=hub, by=admin)
    old_token = first.token

    second = invitations.resend(invitation=first, by=admin)

    assert invitations.find(old_token) is None
    assert invitations.find(second.token).pk == first.pk
    assert Invitation.objects.count() == 1
    assert Email.objects.count() == 2


def test_inviting_again_resends_with_the_new_role(hub, admin):
    first = invitations.invite(email="bo@example.com", role=Role.BOARD_MEMBER, hub=hub, by=admin)
    old_token = first.token

    second = invitations.invite(email="bo@example.com", role=Role.PROGRAMME_MANAGER, hub=hub, by=admin)

    assert second.pk == first.pk
    assert invitations.find(old_token) is None
    assert Invitation.objects.get().role == Role.PROGRAMME_MANAGER


def test_accept_creates_the_user_and_uses_the_link(hub, admin):
    invitation = invitations.invite(
        email="bo@example.com", role=Role.BOARD_MEMBER, hub=hub, full_name="Bo Board", by=admin
    )

    user = invitations.accept(invitation=invitation, password=PASSWORD, full_name="Bo Board")

    assert (user.email, user.role, user.hub, user.is_active) == (
        "bo@example.com",
        Role.BOARD_MEMBER,
        hub,
        True,
    )
    assert user.check_password(PASSWORD)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.user == user
    with pytest.raises(invitations.InvitationRefused, match="already been used"):
        invitations.accept(invitation=invitation, password=PASSWORD, full_name="Bo Board")


def test_accept_refuses_an_expired_invitation(hub, admin):
    invitation = invitations.invite(email="bo@example.com", role=Role.BOARD_MEMBER, hub=hub, by=admin)
    later = invitation.expires_at + dt.timedelta(seconds=1)

    with pytest.raises(invitations.InvitationRefused, match="expired"):
        invitations.accept(invitation=invitation, password=PASSWORD, full_name="Bo", now=later)
    assert not User.objects.filter(email="bo@example.com").exists()


def test_accepting_a_facilitator_links_the_partners_facilitator_record(hub, admin, partner):
    record = factories.FacilitatorFactory(
        partner=partner, full_name="Fay Facilitator", email="Fay@Example.com"
    )
    invitation = invitations.invite(
        email="fay@example.com", role=Role.FACILITATOR, hub=hub, delivery_partner=partner, by=admin
    )

    user = invitations.accept(invitation=invitation, password=PASSWORD, full_name="Fay Facilitator")

    record.refresh_from_db()
    assert record.user == user
    assert Facilitator.objects.count() == 1


def test_accepting_a_facilitator_without_a_record_makes_one(hub, admin, partner):
    invitation = invitations.invite(
        email="fay@example.com", role=Role.FACILITATOR, hub=hub, delivery_partner=partner, by=admin
    )

    user = invitations.accept(invitation=invitation, password=PASSWORD, full_name="Fay Facilitator")

    facilitator = Facilitator.objects.get()
    assert (facilitator.user, facilitator.partner, facilitator.full_name, facilitator.email) == (
        user,
        partner,
        "Fay Facilitator",
        "fay@example.com",
    )


def test_accepting_a_participant_links_their_leader_in_that_hub_only(hub, other_hub, admin):
    leader = factories.LeaderFactory(hub=hub, email="Lee@Example.com")
    elsewhere = factories.LeaderFactory(hub=other_hub, email="lee@example.com")
    invitation = invitations.invite(email="lee@example.com", role=Role.PARTICIPANT, hub=hub, by=admin)

    user = invitations.accept(invitation=invitation, password=PASSWORD, full_name="Lee Leader")

    assert Leader.objects.get(pk=leader.pk).user == user
    assert Leader.objects.get(pk=elsewhere.pk).user is None


def test_renew_for_holder_of_an_expired_link_sends_a_new_one_to_its_own_address(hub, admin):
    invitation = invitations.invite(email="bo@example.com", role=Role.BOARD_MEMBER, hub=hub, by=admin)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))

    invitations.renew_for_holder(invitation=Invitation.objects.get())

    latest = Email.objects.order_by("-pk").first()
    assert latest.to == ["bo@example.com"]
    assert invitations.find(token_in(latest.body)).expires_at > timezone.now()


def test_invite_refuses_an_address_invited_by_another_hub(hub, other_hub, admin, make_user):
    invitations.invite(
        email="bo@example.com", role=Role.BOARD_MEMBER, hub=other_hub, by=make_user(Role.HUB_ADMIN, other_hub)
    )

    with pytest.raises(invitations.InvitationRefused, match="another hub"):
        invitations.invite(email="bo@example.com", role=Role.BOARD_MEMBER, hub=hub, by=admin)
    assert Invitation.objects.get().hub == other_hub
