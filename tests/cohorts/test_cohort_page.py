"""The cohort page: its members and meetings for those who may see the cohort, a 404 for everyone else."""

import pytest

from peernet.cohorts.models import Membership
from tests import factories
from tests.html import rows, summary
from tests.world import build_world


@pytest.fixture
def world(hub, other_hub):
    return build_world(hub, other_hub)


def page_for(client, user, cohort):
    client.force_login(user)
    return client.get(f"/cohorts/{cohort.code}/")


@pytest.mark.parametrize("who", ["hub_admin", "manager", "partner_manager", "facilitator", "participant"])
def test_cohort_page_shows_the_cohort_to_those_who_may_see_it(client, world, who):
    response = page_for(client, getattr(world, who), world.cohort)

    assert response.status_code == 200
    page = response.content.decode()
    assert summary(page, "cohort") == {
        "Status": "Running",
        "Brought together by": "Open",
        "Delivery partner": "Red Rose Chamber",
        "Facilitator": "Fay Facilitator",
        "Meets": "Tuesday morning, online",
    }
    assert [row[:2] for row in rows(page, "members")] == [
        ["Fiona Fellow", "Fellow Fabrication Ltd"],
        ["Pat Participant", "Pat's Pies Ltd"],
    ]
    assert rows(page, "meetings") == [
        ["1", "6 January 2026", "9:30am", "3 hours", "Scheduled"],
        ["2", "1 December 2030", "9:30am", "2.5 hours", "Scheduled"],
    ]


@pytest.mark.parametrize(
    "who",
    [
        "outsider_participant",
        "other_facilitator",
        "other_partner_manager",
        "board",
        "national",
        "other_hub_manager",
        "other_hub_admin",
    ],
)
def test_cohort_page_is_not_found_for_anyone_else(client, world, who):
    response = page_for(client, getattr(world, who), world.cohort)

    assert response.status_code == 404
    assert b'<h1 class="govuk-heading-xl">Page not found</h1>' in response.content
    assert b"Pat Participant" not in response.content


def test_cohort_page_redirects_anonymous_to_sign_in(client, world):
    response = client.get(f"/cohorts/{world.cohort.code}/")

    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next=/cohorts/{world.cohort.code}/"


def test_cohort_page_of_an_unknown_code_is_not_found(client, world):
    assert page_for(client, world.manager, world.cohort).status_code == 200
    assert client.get("/cohorts/00000000/").status_code == 404


def test_cohort_page_shows_staff_who_left_but_not_fellow_members(client, world):
    factories.MembershipFactory(
        cohort=world.cohort,
        status=Membership.Status.WITHDRAWN,
        application__leader__full_name="Wendy Withdrawn",
        application__leader__business__name="Wendy's Wares",
    )

    staff_rows = rows(page_for(client, world.manager, world.cohort).content, "members")
    member_rows = rows(page_for(client, world.participant, world.cohort).content, "members")

    assert ["Wendy Withdrawn", "Wendy's Wares", "Withdrawn"] in staff_rows
    assert "Wendy Withdrawn" not in [row[0] for row in member_rows]


def test_cohort_page_is_gone_for_a_participant_who_withdrew(client, world):
    world.membership.status = Membership.Status.WITHDRAWN
    world.membership.save()

    assert page_for(client, world.participant, world.cohort).status_code == 404


@pytest.mark.parametrize("size", [1, 5])
def test_cohort_page_queries_do_not_grow_with_members_or_meetings(
    client, world, django_assert_num_queries, size
):
    cohort = factories.CohortFactory(round=world.round, partner=world.partner)
    factories.MembershipFactory.create_batch(size, cohort=cohort)
    factories.MeetingFactory.create_batch(size, cohort=cohort)
    client.force_login(world.manager)

    with django_assert_num_queries(6):
        assert client.get(f"/cohorts/{cohort.code}/").status_code == 200
