"""Confirming a proposed cohort: refused with a reason per field while anything is wrong; then its members
are placed, told by email with the facilitator once the change is saved, and the audit trail says so."""

import datetime as dt

import pytest
from django.core import mail

from peernet.accounts.models import AuditEntry
from peernet.applications.models import Application
from peernet.cohorts.confirm import ConfirmRefused, confirm_cohort, contracts_with_room
from peernet.cohorts.models import Cohort, Membership
from tests import factories
from tests.cohorts.pools import proposed_cohort, waiting, waiting_pool

NOW = dt.datetime(2027, 1, 11, 10, 0, tzinfo=dt.UTC)
STARTS_ON = dt.date(2027, 2, 2)
LINK = "https://meet.example.com/makers-of-preston"


@pytest.fixture
def contract(round_3, red_rose):
    return factories.ContractFactory(round=round_3, partner=red_rose, cohorts_awarded=2)


@pytest.fixture
def fay(red_rose):
    return factories.FacilitatorFactory(
        partner=red_rose, full_name="Fay Facilitator", email="fay@redrose.example.com"
    )


@pytest.fixture
def pool(round_3):
    return waiting_pool(round_3, 8)


@pytest.fixture
def makers(round_3, pool):
    """Leader 01 to Leader 08, online on Tuesday mornings: ready to confirm."""
    return proposed_cohort(round_3, pool, name="Makers of Preston")


def confirm(cohort, *, partner, facilitator, by, **fields) -> Cohort:
    """Confirm as the form would, with an online link and a start three weeks away unless told otherwise."""
    fields = {"starts_on": STARTS_ON, "online_link": LINK, "now": NOW, **fields}
    return confirm_cohort(cohort=cohort, partner=partner, facilitator=facilitator, by=by, **fields)


def everything() -> list:
    """The cohorts, memberships and applications as they stand: a refusal leaves all of it alone."""
    return [
        *Cohort.objects.order_by("pk").values_list(
            "status", "partner", "contract", "facilitator", "starts_on", "online_link", "venue", "locked"
        ),
        *Membership.objects.order_by("pk").values_list("status", "pinned", "joined_on"),
        *Application.objects.order_by("pk").values_list("status", "status_changed_at"),
    ]


def refused(cohort, django_capture_on_commit_callbacks, **arguments) -> dict:
    """Try to confirm, check nothing changed and nobody was told, and return the errors by field."""
    before = everything()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ConfirmRefused) as refusal:
        confirm(cohort, **arguments)
    assert everything() == before
    assert not AuditEntry.objects.exists()
    assert mail.outbox == []
    return refusal.value.errors


# Confirmed.


def test_confirm_places_the_members_and_records_who_did_it(
    makers, pool, red_rose, contract, fay, manager, hub, django_capture_on_commit_callbacks
):
    Membership.objects.filter(application=pool[0]).update(pinned=True)

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = confirm(makers, partner=red_rose, facilitator=fay, by=manager, online_link=f"  {LINK} ")

    confirmed.refresh_from_db()
    assert (
        confirmed.status,
        confirmed.partner,
        confirmed.contract,
        confirmed.facilitator,
        confirmed.starts_on,
        confirmed.online_link,
        confirmed.venue,
        confirmed.confirmed_at,
        confirmed.confirmed_by,
        confirmed.locked,
    ) == (Cohort.Status.CONFIRMED, red_rose, contract, fay, STARTS_ON, LINK, "", NOW, manager, False)
    assert set(makers.memberships.values_list("status", "joined_on", "pinned")) == {
        (Membership.Status.PLACED, dt.date(2027, 1, 11), False)
    }
    assert set(Application.objects.values_list("status", "status_changed_at")) == {
        (Application.Status.PLACED, NOW)
    }
    references = [a.reference for a in pool]
    entry = AuditEntry.objects.get(action="cohort.confirmed")
    assert (entry.actor, entry.hub, entry.subject, entry.summary, entry.data) == (
        manager,
        hub,
        makers,
        "Makers of Preston: confirmed with Red Rose Chamber, Fay Facilitator, starting 2 February 2027; "
        "8 members placed",
        {
            "partner": red_rose.pk,
            "contract": contract.pk,
            "facilitator": fay.pk,
            "starts_on": "2027-02-02",
            "members": references,
        },
    )
    placed = AuditEntry.objects.filter(action="application.placed").order_by("summary")
    assert [(e.actor, e.subject, e.summary, e.data) for e in placed] == [
        (
            manager,
            application,
            f"{application.reference}: placed in Makers of Preston",
            {"cohort": makers.code, "from": "waiting", "to": "placed"},
        )
        for application in sorted(pool, key=lambda a: a.reference)
    ]


def test_confirm_emails_each_member_and_the_facilitator(
    makers, red_rose, contract, fay, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        confirm(makers, partner=red_rose, facilitator=fay, by=manager)

    members = [f"leader{n:02d}@round-3.example.com" for n in range(1, 9)]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        *[([email], "Your peer network: Makers of Preston starts on 2 February 2027") for email in members],
        (["fay@redrose.example.com"], "You are facilitating Makers of Preston, starting 2 February 2027"),
    ]
    first = mail.outbox[0].body
    assert first.startswith("Dear Leader 01,\n")
    assert f"Join the meetings here: {LINK}\n" in first
    assert "Your facilitator is Fay Facilitator of Red Rose Chamber" in first
    to_fay = mail.outbox[-1].body
    assert "Its 8 members:\n- Leader 01, Manufacturing 01 Ltd\n" in to_fay
    assert f"/cohorts/{makers.code}/" in to_fay


def test_confirm_sends_no_email_until_the_change_is_saved(
    makers, red_rose, contract, fay, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        confirm(makers, partner=red_rose, facilitator=fay, by=manager)

    assert len(callbacks) == 1
    assert mail.outbox == []


def test_confirm_in_person_keeps_the_venue(
    round_3, red_rose, contract, fay, manager, django_capture_on_commit_callbacks
):
    leaders = [waiting(round_3, f"Leader {n:02d}", mode=Application.Mode.EITHER) for n in range(1, 9)]
    cohort = proposed_cohort(
        round_3, leaders, name="Preston makers", mode=Cohort.Mode.IN_PERSON, area="Central Lancashire"
    )

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = confirm(
            cohort,
            partner=red_rose,
            facilitator=fay,
            by=manager,
            online_link="",
            venue=" Preston Guild Hall ",
        )

    assert (confirmed.status, confirmed.venue, confirmed.online_link) == (
        Cohort.Status.CONFIRMED,
        "Preston Guild Hall",
        "",
    )
    assert "Venue: Preston Guild Hall\n" in mail.outbox[0].body


def test_confirm_may_start_today(makers, red_rose, contract, fay, manager):
    confirmed = confirm(makers, partner=red_rose, facilitator=fay, by=manager, starts_on=dt.date(2027, 1, 11))

    assert (confirmed.status, confirmed.starts_on) == (Cohort.Status.CONFIRMED, dt.date(2027, 1, 11))


def test_confirm_the_last_cohort_a_contract_awards(round_3, makers, red_rose, contract, fay, manager):
    factories.CohortFactory(round=round_3, partner=red_rose, contract=contract, status=Cohort.Status.RUNNING)

    confirm(makers, partner=red_rose, facilitator=fay, by=manager)

    assert [(c.partner.name, c.used, c.left) for c in contracts_with_room(round_3)] == [
        ("Red Rose Chamber", 2, 0)
    ]


# Refused.


def test_confirm_refuses_a_cohort_under_the_minimum_size(
    round_3, pool, red_rose, contract, fay, manager, django_capture_on_commit_callbacks
):
    small = proposed_cohort(round_3, pool[:7], name="Small")

    errors = refused(small, django_capture_on_commit_callbacks, partner=red_rose, facilitator=fay, by=manager)

    assert errors == {None: "This cohort breaks a rule: 7 members, fewer than the minimum of 8"}


def test_confirm_refuses_a_cohort_with_competitors(
    round_3, pool, red_rose, contract, fay, manager, django_capture_on_commit_callbacks
):
    # Leader 01 machines metal parts (SIC 25620) in Preston too.
    cara = waiting(round_3, "Cara Competitor", business={"sic": "25620"})
    cohort = proposed_cohort(round_3, [*pool, cara], name="With a rival")

    errors = refused(
        cohort, django_capture_on_commit_callbacks, partner=red_rose, facilitator=fay, by=manager
    )

    assert errors == {
        None: f"This cohort breaks a rule: Cara Competitor ({cara.reference}) and Leader 01 "
        f"({pool[0].reference}) are competitors (SIC class 2562 in Preston)"
    }


def test_confirm_refuses_a_cohort_already_confirmed(
    round_3, pool, red_rose, contract, fay, manager, django_capture_on_commit_callbacks
):
    done = proposed_cohort(round_3, pool, name="Done already", status=Cohort.Status.CONFIRMED)

    errors = refused(done, django_capture_on_commit_callbacks, partner=red_rose, facilitator=fay, by=manager)

    assert errors == {None: "This cohort breaks a rule: Done already is already confirmed"}


def test_confirm_refuses_a_partner_with_no_contract_in_the_round(
    round_3, hub, makers, manager, django_capture_on_commit_callbacks
):
    pennine = factories.DeliveryPartnerFactory(hub=hub, name="Pennine Partners")
    round_4 = factories.RoundFactory(programme=round_3.programme, number=4, slug="round-4")
    factories.ContractFactory(round=round_4, partner=pennine)
    pete = factories.FacilitatorFactory(partner=pennine, full_name="Pete Pennine")

    errors = refused(
        makers, django_capture_on_commit_callbacks, partner=pennine, facilitator=pete, by=manager
    )

    assert errors == {"partner": "Pennine Partners has no contract in Round 3"}


def test_confirm_refuses_a_contract_whose_cohorts_are_all_taken(
    round_3, makers, red_rose, contract, fay, manager, django_capture_on_commit_callbacks
):
    for status in (Cohort.Status.CONFIRMED, Cohort.Status.COMPLETED):
        factories.CohortFactory(round=round_3, partner=red_rose, contract=contract, status=status)
    # A cancelled cohort gave its award back.
    factories.CohortFactory(
        round=round_3, partner=red_rose, contract=contract, status=Cohort.Status.CANCELLED
    )

    errors = refused(
        makers, django_capture_on_commit_callbacks, partner=red_rose, facilitator=fay, by=manager
    )

    assert errors == {
        "partner": "Red Rose Chamber's contract awards 2 cohorts and all are taken; choose another partner"
    }


def test_confirm_refuses_a_contract_of_one_cohort_already_taken(
    round_3, makers, red_rose, fay, manager, django_capture_on_commit_callbacks
):
    contract = factories.ContractFactory(round=round_3, partner=red_rose, cohorts_awarded=1)
    factories.CohortFactory(round=round_3, partner=red_rose, contract=contract, status=Cohort.Status.RUNNING)

    errors = refused(
        makers, django_capture_on_commit_callbacks, partner=red_rose, facilitator=fay, by=manager
    )

    assert errors == {
        "partner": "Red Rose Chamber's contract awards 1 cohort and all are taken; choose another partner"
    }


def test_confirm_refuses_a_facilitator_of_another_partner(
    hub, makers, red_rose, contract, manager, django_capture_on_commit_callbacks
):
    pennine = factories.DeliveryPartnerFactory(hub=hub, name="Pennine Partners")
    pete = factories.FacilitatorFactory(partner=pennine, full_name="Pete Pennine")

    errors = refused(
        makers, django_capture_on_commit_callbacks, partner=red_rose, facilitator=pete, by=manager
    )

    assert errors == {
        "facilitator": "Pete Pennine works for Pennine Partners; choose a facilitator of Red Rose Chamber"
    }


def test_confirm_refuses_a_start_date_in_the_past(
    makers, red_rose, contract, fay, manager, django_capture_on_commit_callbacks
):
    errors = refused(
        makers,
        django_capture_on_commit_callbacks,
        partner=red_rose,
        facilitator=fay,
        by=manager,
        starts_on=dt.date(2027, 1, 10),
    )

    assert errors == {"starts_on": "The date of the first meeting must be today or in the future"}


def test_confirm_refuses_a_start_more_than_a_year_away(
    makers, red_rose, contract, fay, manager, django_capture_on_commit_callbacks
):
    errors = refused(
        makers,
        django_capture_on_commit_callbacks,
        partner=red_rose,
        facilitator=fay,
        by=manager,
        starts_on=dt.date(2028, 1, 13),
    )

    assert errors == {"starts_on": "The date of the first meeting must be within a year"}


def test_confirm_refuses_a_missing_partner_and_facilitator(
    makers, contract, manager, django_capture_on_commit_callbacks
):
    errors = refused(makers, django_capture_on_commit_callbacks, partner=None, facilitator=None, by=manager)

    assert errors == {"partner": "Choose the delivery partner", "facilitator": "Choose the facilitator"}


def test_confirm_refuses_an_in_person_cohort_without_a_venue(
    round_3, red_rose, contract, fay, manager, django_capture_on_commit_callbacks
):
    leaders = [waiting(round_3, f"Leader {n:02d}", mode=Application.Mode.EITHER) for n in range(1, 9)]
    cohort = proposed_cohort(
        round_3, leaders, name="Preston makers", mode=Cohort.Mode.IN_PERSON, area="Central Lancashire"
    )

    errors = refused(
        cohort,
        django_capture_on_commit_callbacks,
        partner=red_rose,
        facilitator=fay,
        by=manager,
        venue="   ",
    )

    assert errors == {"venue": "Enter the venue where this in-person cohort meets"}


def test_confirm_refuses_an_online_cohort_without_a_link(
    makers, red_rose, contract, fay, manager, django_capture_on_commit_callbacks
):
    errors = refused(
        makers,
        django_capture_on_commit_callbacks,
        partner=red_rose,
        facilitator=fay,
        by=manager,
        online_link=" ",
    )

    assert errors == {"online_link": "Enter the link members use to join the online meetings"}


def test_confirm_names_everything_wrong_at_once(
    round_3, hub, pool, red_rose, manager, django_capture_on_commit_callbacks
):
    small = proposed_cohort(round_3, pool[:7], name="Small")
    pete = factories.FacilitatorFactory(
        partner=factories.DeliveryPartnerFactory(hub=hub, name="Pennine Partners"), full_name="Pete Pennine"
    )

    errors = refused(
        small,
        django_capture_on_commit_callbacks,
        partner=red_rose,
        facilitator=pete,
        by=manager,
        starts_on=dt.date(2026, 12, 1),
        online_link="",
    )

    assert errors == {
        None: "This cohort breaks a rule: 7 members, fewer than the minimum of 8",
        "partner": "Red Rose Chamber has no contract in Round 3",
        "facilitator": "Pete Pennine works for Pennine Partners; choose a facilitator of Red Rose Chamber",
        "starts_on": "The date of the first meeting must be today or in the future",
        "online_link": "Enter the link members use to join the online meetings",
    }


# Contracts with room.


def test_contracts_with_room_count_the_cohorts_confirmed_against_each(round_3, hub, red_rose):
    pennine = factories.DeliveryPartnerFactory(hub=hub, name="Pennine Partners")
    red_contract = factories.ContractFactory(round=round_3, partner=red_rose, cohorts_awarded=3)
    pennine_contract = factories.ContractFactory(round=round_3, partner=pennine, cohorts_awarded=1)
    for status in (Cohort.Status.CONFIRMED, Cohort.Status.RUNNING, Cohort.Status.CANCELLED):
        factories.CohortFactory(round=round_3, partner=red_rose, contract=red_contract, status=status)
    factories.ProposedCohortFactory(round=round_3, partner=red_rose, contract=red_contract)
    # More taken than awarded (a contract cut after the fact) leaves none, never fewer.
    for status in (Cohort.Status.COMPLETED, Cohort.Status.RUNNING):
        factories.CohortFactory(round=round_3, partner=pennine, contract=pennine_contract, status=status)
    factories.ContractFactory(
        round=factories.RoundFactory(programme=round_3.programme, number=4, slug="round-4"), partner=red_rose
    )

    contracts = contracts_with_room(round_3)

    assert [(c.partner.name, c.cohorts_awarded, c.used, c.left) for c in contracts] == [
        ("Pennine Partners", 1, 2, 0),
        ("Red Rose Chamber", 3, 2, 1),
    ]
