"""Who may see, invite and change whom on the people pages: the predicates on their own."""

import datetime as dt

import pytest

from peernet.accounts import permissions as can
from peernet.accounts.models import Invitation, Role, User
from tests import factories

NOW = dt.datetime(2027, 1, 11, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def partner(hub):
    return factories.DeliveryPartnerFactory(hub=hub, name="Red Rose Chamber")


@pytest.fixture
def other_partner(hub):
    return factories.DeliveryPartnerFactory(hub=hub, name="Pennine Partners")


def test_roles_to_invite_by_role(hub, make_user, partner):
    assert can.roles_to_invite(make_user(Role.HUB_ADMIN, hub)) == (
        Role.HUB_ADMIN,
        Role.PROGRAMME_MANAGER,
        Role.BOARD_MEMBER,
        Role.PARTNER_MANAGER,
        Role.FACILITATOR,
    )
    assert can.roles_to_invite(make_user(Role.PROGRAMME_MANAGER, hub)) == (
        Role.PARTNER_MANAGER,
        Role.FACILITATOR,
    )
    assert can.roles_to_invite(make_user(Role.PARTNER_MANAGER, hub, delivery_partner=partner)) == (
        Role.FACILITATOR,
    )


@pytest.mark.parametrize(
    "role", [Role.FACILITATOR, Role.PARTICIPANT, Role.BOARD_MEMBER, Role.NATIONAL_VIEWER]
)
def test_other_roles_may_not_see_or_invite_people(hub, make_user, partner, role):
    fields = {"delivery_partner": partner} if role == Role.FACILITATOR else {}
    user = make_user(role, hub, **fields)

    assert not can.can_see_people(user)
    assert can.roles_to_invite(user) == ()
    assert not can.can_invite(user, role=Role.FACILITATOR, hub_id=hub.pk, delivery_partner_id=partner.pk)


def test_partner_manager_cannot_invite_a_programme_manager(hub, make_user, partner):
    manager = make_user(Role.PARTNER_MANAGER, hub, delivery_partner=partner)

    assert not can.can_invite(manager, role=Role.PROGRAMME_MANAGER, hub_id=hub.pk, delivery_partner_id=None)
    assert not can.can_invite(
        manager, role=Role.PARTNER_MANAGER, hub_id=hub.pk, delivery_partner_id=partner.pk
    )


def test_partner_manager_invites_facilitators_of_their_own_partner_only(
    hub, make_user, partner, other_partner
):
    manager = make_user(Role.PARTNER_MANAGER, hub, delivery_partner=partner)

    assert can.can_invite(manager, role=Role.FACILITATOR, hub_id=hub.pk, delivery_partner_id=partner.pk)
    assert not can.can_invite(
        manager, role=Role.FACILITATOR, hub_id=hub.pk, delivery_partner_id=other_partner.pk
    )


def test_staff_invite_into_their_own_hub_only(hub, other_hub, make_user, partner):
    admin = make_user(Role.HUB_ADMIN, other_hub)

    assert not can.can_invite(admin, role=Role.FACILITATOR, hub_id=hub.pk, delivery_partner_id=partner.pk)


def test_can_manage_person(hub, make_user, partner, other_partner):
    admin = make_user(Role.HUB_ADMIN, hub)
    manager = make_user(Role.PROGRAMME_MANAGER, hub)
    partner_manager = make_user(Role.PARTNER_MANAGER, hub, delivery_partner=partner)
    own_facilitator = make_user(Role.FACILITATOR, hub, delivery_partner=partner)
    other_facilitator = make_user(Role.FACILITATOR, hub, delivery_partner=other_partner)

    assert can.can_manage_person(admin, manager)
    assert not can.can_manage_person(admin, admin)
    assert can.can_manage_person(manager, partner_manager)
    assert not can.can_manage_person(manager, admin)
    assert can.can_manage_person(partner_manager, own_facilitator)
    assert not can.can_manage_person(partner_manager, other_facilitator)
    assert not can.can_manage_person(partner_manager, manager)


def test_people_visible_to(hub, other_hub, make_user, partner, other_partner):
    admin = make_user(Role.HUB_ADMIN, hub)
    partner_manager = make_user(Role.PARTNER_MANAGER, hub, delivery_partner=partner)
    own_facilitator = make_user(Role.FACILITATOR, hub, delivery_partner=partner)
    other_facilitator = make_user(Role.FACILITATOR, hub, delivery_partner=other_partner)
    outsider = make_user(Role.HUB_ADMIN, other_hub)
    board = make_user(Role.BOARD_MEMBER, hub)

    assert set(can.people_visible_to(User.objects.all(), admin)) == {
        admin,
        partner_manager,
        own_facilitator,
        other_facilitator,
        board,
    }
    assert set(can.people_visible_to(User.objects.all(), partner_manager)) == {
        partner_manager,
        own_facilitator,
    }
    assert outsider not in can.people_visible_to(User.objects.all(), admin)
    assert list(can.people_visible_to(User.objects.all(), board)) == []


def test_invitations_visible_to(hub, other_hub, make_user, partner, other_partner):
    admin = make_user(Role.HUB_ADMIN, hub)
    partner_manager = make_user(Role.PARTNER_MANAGER, hub, delivery_partner=partner)
    own = Invitation.objects.create(
        email="own@example.com",
        role=Role.FACILITATOR,
        hub=hub,
        delivery_partner=partner,
        token_hash="a",
        expires_at=NOW,
    )
    other = Invitation.objects.create(
        email="other@example.com",
        role=Role.FACILITATOR,
        hub=hub,
        delivery_partner=other_partner,
        token_hash="b",
        expires_at=NOW,
    )
    board = Invitation.objects.create(
        email="bo@example.com", role=Role.BOARD_MEMBER, hub=hub, token_hash="c", expires_at=NOW
    )
    Invitation.objects.create(
        email="x@example.com", role=Role.BOARD_MEMBER, hub=other_hub, token_hash="d", expires_at=NOW
    )

    assert set(Invitation.objects.visible_to(admin)) == {own, other, board}
    assert list(Invitation.objects.visible_to(partner_manager)) == [own]
    assert list(Invitation.objects.visible_to(make_user(Role.BOARD_MEMBER, hub))) == []
