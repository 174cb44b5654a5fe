"""A confirmed cohort's members find a link to set a password in the email that tells them of their place
(no second email); one who has an account is linked to it instead; once signed in they see their cohort."""

import datetime as dt
import re

import pytest
from django.test import Client

from peernet.accounts.models import Invitation, Role
from peernet.applications.models import Leader
from peernet.cohorts.confirm import confirm_cohort
from peernet.outbox.models import Email
from tests import factories
from tests.cohorts.pools import proposed_cohort, waiting_pool
from tests.html import rows

NOW = dt.datetime(2027, 1, 11, 10, 0, tzinfo=dt.UTC)
PASSWORD = "a long enough passphrase 42"
LINK = re.compile(r"/account/invitation/[^/\s]+/")


@pytest.fixture
def pool(round_3):
    return waiting_pool(round_3, 8)


@pytest.fixture
def makers(round_3, pool):
    return proposed_cohort(round_3, pool, name="Makers of Preston")


@pytest.fixture
def fay(red_rose):
    return factories.FacilitatorFactory(
        partner=red_rose, full_name="Fay Facilitator", email="fay@redrose.example"
    )


def confirm(cohort, red_rose, fay, manager):
    factories.ContractFactory(round=cohort.round, partner=red_rose, cohorts_awarded=2)
    return confirm_cohort(
        cohort=cohort,
        partner=red_rose,
        facilitator=fay,
        starts_on=dt.date(2027, 2, 2),
        online_link="https://meet.example.com/makers",
        by=manager,
        now=NOW,
    )


def emails_to(address: str) -> list[Email]:
    return list(Email.objects.filter(to=[address]))


def test_each_member_gets_one_email_with_their_own_link(makers, pool, red_rose, fay, manager):
    confirm(makers, red_rose, fay, manager)

    links = set()
    for application in pool:
        (email,) = emails_to(application.leader.email)
        links.add(LINK.search(email.body).group(0))
    assert len(links) == 8
    assert Invitation.objects.filter(role=Role.PARTICIPANT, accepted_at=None).count() == 8


def test_a_member_follows_the_link_sets_a_password_and_sees_their_cohort(
    makers, pool, red_rose, fay, manager
):
    confirm(makers, red_rose, fay, manager)
    leader = pool[0].leader
    (email,) = emails_to(leader.email)
    link = LINK.search(email.body).group(0)
    member = Client()

    response = member.post(
        link, {"full_name": leader.full_name, "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.user.role == Role.PARTICIPANT
    home = member.get("/")
    assert "Makers of Preston" in home.content.decode()
    page = member.get(f"/cohorts/{makers.code}/")
    assert page.status_code == 200
    assert leader.full_name in [row[0] for row in rows(page.content, "members")]
    assert leader.full_name in [
        row[0] for row in rows(member.get(f"/cohorts/{makers.code}/").content, "members")
    ]


def test_a_member_with_an_account_is_linked_not_invited(makers, pool, red_rose, fay, manager, hub, make_user):
    has_user = pool[0].leader
    has_user.user = make_user(Role.PARTICIPANT, hub, email="someone@example.com")
    has_user.save()
    same_address = make_user(Role.PARTICIPANT, hub, email=pool[1].leader.email)

    confirm(makers, red_rose, fay, manager)

    assert Leader.objects.get(pk=pool[1].leader.pk).user == same_address
    assert not Invitation.objects.filter(email__in=[has_user.email, pool[1].leader.email]).exists()
    for leader in (has_user, pool[1].leader):
        (email,) = emails_to(leader.email)
        assert LINK.search(email.body) is None
        assert "You can see your cohort online when you sign in" in email.body


def test_a_member_whose_address_has_a_staff_account_gets_no_link(
    makers, pool, red_rose, fay, manager, hub, make_user
):
    make_user(Role.BOARD_MEMBER, hub, email=pool[0].leader.email)

    confirm(makers, red_rose, fay, manager)

    (email,) = emails_to(pool[0].leader.email)
    assert LINK.search(email.body) is None
    assert Leader.objects.get(pk=pool[0].leader.pk).user is None
