"""What cohorts do when an application moves: one that leaves the waiting pool leaves its suggested cohort,
and one withdrawn gives up its place, so its leader no longer sees the cohort."""

import datetime as dt

import pytest
from django.utils import timezone

from peernet.applications.models import Application
from peernet.applications.workflow import decide_again, override_decision, withdraw
from peernet.cohorts.models import Membership
from tests.cohorts.pools import proposed_cohort, waiting, waiting_pool
from tests.html import rows
from tests.world import build_world

NOW = dt.datetime(2027, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def world(hub, other_hub):
    return build_world(hub, other_hub)


# Withdrawn: a place in a cohort ends.


def test_withdrawing_a_participant_on_the_staff_page_ends_their_place(client, world):
    client.force_login(world.participant)
    assert client.get(f"/cohorts/{world.cohort.code}/").status_code == 200
    application = world.membership.application
    client.force_login(world.manager)

    response = client.post(
        f"/rounds/{world.round.pk}/applications/{application.reference}/withdraw/",
        {"reason": "Sold the business"},
    )

    assert response.status_code == 302
    world.membership.refresh_from_db()
    assert (
        world.membership.status,
        world.membership.left_on,
        world.membership.withdrawn_reason,
    ) == (Membership.Status.WITHDRAWN, timezone.localdate(), "Sold the business")
    staff_page = client.get(f"/cohorts/{world.cohort.code}/")
    assert [row[::2] for row in rows(staff_page.content, "members")] == [
        ["Fiona Fellow", "Active"],
        ["Pat Participant", "Withdrawn"],
    ]
    client.force_login(world.participant)
    response = client.get(f"/cohorts/{world.cohort.code}/")
    assert response.status_code == 404
    assert b'<h1 class="govuk-heading-xl">Page not found</h1>' in response.content


def test_withdraw_ends_a_placed_membership_on_the_day_and_leaves_the_others(world):
    application = world.membership.application
    Application.objects.filter(pk=application.pk).update(status=Application.Status.PLACED)
    Membership.objects.filter(pk=world.membership.pk).update(status=Membership.Status.PLACED)
    application.refresh_from_db()

    withdraw(application=application, reason="Could not make Tuesdays", by=world.manager, now=NOW)

    assert sorted(
        Membership.objects.values_list(
            "application__leader__full_name", "status", "left_on", "withdrawn_reason"
        )
    ) == [
        ("Fiona Fellow", Membership.Status.ACTIVE, None, ""),
        ("Oscar Outsider", Membership.Status.ACTIVE, None, ""),
        ("Pat Participant", Membership.Status.WITHDRAWN, dt.date(2027, 3, 2), "Could not make Tuesdays"),
    ]


def test_withdraw_keeps_a_finished_membership_as_it_was(world):
    # An application withdrawn after its cohort: a membership already completed is history, kept as it is.
    application = world.membership.application
    Membership.objects.filter(pk=world.membership.pk).update(
        status=Membership.Status.COMPLETED, left_on=dt.date(2027, 1, 5)
    )

    withdraw(application=application, reason="Asked to be taken off the list", by=world.manager, now=NOW)

    world.membership.refresh_from_db()
    assert (world.membership.status, world.membership.left_on, world.membership.withdrawn_reason) == (
        Membership.Status.COMPLETED,
        dt.date(2027, 1, 5),
        "",
    )


# Leaving the waiting pool: a suggested place goes.


@pytest.fixture
def suggested(round_3):
    pool = waiting_pool(round_3, 8)
    return proposed_cohort(round_3, pool, name="Makers of Preston"), pool


def test_withdrawing_a_waiting_application_deletes_its_suggested_place(suggested, manager):
    cohort, pool = suggested

    withdraw(application=pool[0], reason="Sold the business", by=manager, now=NOW)

    assert cohort.memberships.count() == 7
    assert not pool[0].memberships.exists()


def test_override_to_not_eligible_deletes_its_suggested_place(suggested, manager):
    cohort, pool = suggested

    override_decision(
        application=pool[0], outcome="ineligible", reason="Trades from Cumbria", by=manager, now=NOW
    )

    assert pool[0].status == Application.Status.INELIGIBLE
    assert cohort.memberships.count() == 7
    assert not pool[0].memberships.exists()


def test_override_that_keeps_it_waiting_keeps_its_suggested_place(suggested, manager):
    cohort, pool = suggested

    override_decision(
        application=pool[0], outcome="eligible", reason="Checked the accounts", by=manager, now=NOW
    )

    assert pool[0].status == Application.Status.WAITING
    assert cohort.memberships.count() == 8


def test_decided_again_not_eligible_deletes_its_suggested_place(round_3, suggested, manager):
    cohort, pool = suggested
    too_small = waiting(round_3, "Tim Tiny", business={"employees": 2})
    proposed_cohort(round_3, [too_small], name="Tiny")

    decide_again(application=too_small, by=manager, now=NOW)

    assert too_small.status == Application.Status.INELIGIBLE
    assert not too_small.memberships.exists()
    assert cohort.memberships.count() == 8
