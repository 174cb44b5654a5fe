"""Changing a proposal by hand: a move the hard rules refuse changes nothing and names the person and the
rule; a move they allow is saved, pinned and described; locking, pinning, and cohorts built by hand or
around a business organisation."""

import datetime as dt

import pytest

from peernet import matching
from peernet.accounts.models import AuditEntry
from peernet.applications.models import Application
from peernet.cohorts import proposal
from peernet.cohorts.models import Cohort, Membership
from peernet.cohorts.pool import applicants_for
from peernet.cohorts.proposal import ChangeRefused
from tests import factories
from tests.cohorts.pools import FIRST_APPLIED, district, proposed_cohort, waiting, waiting_pool


@pytest.fixture
def pool(round_3):
    """Leader 01 to Leader 17: the first eight in Makers, the next eight in Growers, Leader 17 waiting."""
    return waiting_pool(round_3, 17)


@pytest.fixture
def makers(round_3, pool):
    return proposed_cohort(round_3, pool[:8], name="Makers")


@pytest.fixture
def growers(round_3, pool):
    return proposed_cohort(round_3, pool[8:16], name="Growers")


def names(cohort: Cohort) -> list[str]:
    return [a.leader.full_name for a in proposal.member_applications(cohort)]


def described(cohort: Cohort) -> tuple[str, float]:
    """What the engine says of the cohort's members as they are now, and their Q."""
    applicants = applicants_for(proposal.member_applications(cohort))
    text, _, _ = matching.describe_cohort(applicants, slot=cohort.slot, mode=cohort.mode, area=cohort.area)
    return text, matching.cohort_quality(applicants)


def everything() -> list:
    """Every membership and what each cohort says of itself: a refused change leaves all of it alone."""
    return [
        *Membership.objects.order_by("pk").values_list("cohort_id", "application_id", "status", "pinned"),
        *Cohort.objects.order_by("pk").values_list("name", "locked", "explanation", "quality"),
        *Application.objects.order_by("pk").values_list("reference", "status"),
    ]


def refused_move(application: Application, target: Cohort | None, by) -> list[str]:
    """Try the move, check it changed nothing, and return the rules it broke."""
    before = everything()
    with pytest.raises(ChangeRefused) as refused:
        proposal.move(application=application, target=target, by=by)
    assert everything() == before
    assert not AuditEntry.objects.exists()
    assert str(refused.value) == "; ".join(refused.value.problems)
    return refused.value.problems


def who(application: Application) -> str:
    return f"{application.leader.full_name} ({application.reference})"


# Checking a move.


def test_check_move_allows_a_move_that_breaks_no_rule_and_saves_nothing(pool, makers, growers):
    check = proposal.check_move(application=pool[16], target=growers)

    assert (check.allowed, check.source, check.target, check.refused, check.warnings) == (
        True,
        None,
        growers,
        [],
        [],
    )
    assert not Membership.objects.filter(application=pool[16]).exists()


def test_check_move_warns_of_a_cohort_left_under_the_minimum(pool, makers, growers):
    check = proposal.check_move(application=pool[0], target=growers)

    assert (check.allowed, check.source, check.refused) == (True, makers, [])
    assert check.warnings == [
        "Makers would have 7 members, fewer than 8: it cannot be confirmed until it has 8"
    ]


def test_check_move_warns_of_a_new_cohort_still_under_the_minimum(round_3, pool):
    starting = proposed_cohort(round_3, pool[:2], name="Starting")

    check = proposal.check_move(application=pool[16], target=starting)

    assert check.allowed
    assert check.warnings == [
        "Starting would have 3 members, fewer than 8: it cannot be confirmed until it has 8"
    ]


# Moves the rules refuse.


def test_move_refuses_a_leader_who_cannot_meet_at_the_cohorts_slot(round_3, manager, makers, growers):
    tom = waiting(round_3, "Tom Thursday", slots=["thu-pm"])

    problems = refused_move(tom, growers, manager)

    assert problems == [f"Tom Thursday ({tom.reference}) cannot meet at tue-am (lists thu-pm)"]
    assert proposal.check_move(application=tom, target=growers).refused == problems


def test_move_refuses_a_competitor_of_a_member(round_3, manager, pool, makers):
    # Leader 01 machines metal parts (SIC 25620) in Preston too.
    cara = waiting(round_3, "Cara Competitor", business={"sic": "25620", "sector": "Manufacturing"})

    problems = refused_move(cara, makers, manager)

    assert problems == [
        f"{who(pool[0])} and Cara Competitor ({cara.reference}) are competitors (SIC class 2562 in Preston)"
    ]


def test_move_allows_the_same_trade_from_another_district(round_3, manager, hub, pool, makers):
    wyre = district(hub, "Wyre", "Fylde Coast")
    cara = waiting(round_3, "Cara Cleveleys", business={"sic": "25620", "district": wyre})

    check = proposal.move(application=cara, target=makers, by=manager)

    assert (check.refused, check.warnings) == ([], [])
    assert "Cara Cleveleys" in names(makers)


def test_move_refuses_a_leader_who_meets_only_in_person_into_an_online_cohort(round_3, manager, makers):
    ivy = waiting(round_3, "Ivy Inperson", mode=Application.Mode.IN_PERSON)

    problems = refused_move(ivy, makers, manager)

    assert problems == [f"Ivy Inperson ({ivy.reference}) meets only in person, and the cohort meets online"]


def test_move_refuses_a_leader_from_another_travel_area_into_an_in_person_cohort(round_3, manager, hub):
    prestonians = [waiting(round_3, f"Prestonian {n}", mode=Application.Mode.EITHER) for n in range(1, 4)]
    cohort = proposed_cohort(
        round_3, prestonians, name="Preston makers", mode=Cohort.Mode.IN_PERSON, area="Central Lancashire"
    )
    wyn = waiting(
        round_3,
        "Wyn Wyre",
        mode=Application.Mode.EITHER,
        business={"district": district(hub, "Wyre", "Fylde Coast")},
    )

    problems = refused_move(wyn, cohort, manager)

    assert problems == [f"Wyn Wyre ({wyn.reference}) is in Fylde Coast, not Central Lancashire"]


def test_move_refuses_someone_a_member_asked_not_to_meet(round_3, manager, pool, makers):
    nora = waiting(round_3, "Nora Apart")
    nora.not_with.add(pool[2])

    problems = refused_move(nora, makers, manager)

    assert problems == [f"{who(pool[2])} and Nora Apart ({nora.reference}) must not be grouped (not_with)"]


def test_move_refuses_an_eleventh_member(round_3, manager, pool):
    full = proposed_cohort(round_3, pool[:10], name="Full house")

    problems = refused_move(pool[16], full, manager)

    assert problems == ["11 members, more than the maximum of 10"]


def test_move_names_every_rule_it_breaks(round_3, manager, pool, makers):
    tess = waiting(
        round_3,
        "Tess Twice",
        slots=["thu-pm"],
        mode=Application.Mode.IN_PERSON,
        business={"sic": "25620"},
    )

    problems = refused_move(tess, makers, manager)

    assert problems == [
        f"Tess Twice ({tess.reference}) cannot meet at tue-am (lists thu-pm)",
        f"Tess Twice ({tess.reference}) meets only in person, and the cohort meets online",
        f"{who(pool[0])} and Tess Twice ({tess.reference}) are competitors (SIC class 2562 in Preston)",
    ]


def test_move_refuses_to_change_a_locked_cohort(manager, pool, makers, growers):
    growers.locked = True
    growers.save()

    into = refused_move(pool[16], growers, manager)
    out_of = refused_move(pool[8], makers, manager)

    assert into == out_of == ["Growers is locked; unlock it to change its members"]


def test_move_refuses_a_leader_no_longer_waiting(manager, pool, growers):
    Application.objects.filter(pk=pool[16].pk).update(status=Application.Status.PLACED)

    problems = refused_move(pool[16], growers, manager)

    assert problems == [f"{who(pool[16])} is placed in a cohort, not waiting for a cohort"]


def test_move_refuses_the_cohort_the_leader_is_already_in(manager, pool, makers):
    problems = refused_move(pool[0], makers, manager)

    assert problems == [f"{who(pool[0])} is already in Makers"]


def test_move_refuses_a_cohort_of_another_round(round_3, manager, pool):
    round_4 = factories.RoundFactory(programme=round_3.programme, number=4, name="Round 4", slug="round-4")
    elsewhere = proposed_cohort(round_4, [], name="Elsewhere")

    problems = refused_move(pool[16], elsewhere, manager)

    assert problems == ["Elsewhere is not a proposed cohort of Round 3"]


def test_move_refuses_a_cohort_already_confirmed(round_3, manager, pool):
    confirmed = proposed_cohort(round_3, [], name="Confirmed already", status=Cohort.Status.CONFIRMED)

    problems = refused_move(pool[16], confirmed, manager)

    assert problems == ["Confirmed already is not a proposed cohort of Round 3"]


# Moves the rules allow.


def test_move_from_the_waiting_list_saves_pins_and_describes_the_cohort(manager, hub, pool, growers):
    check = proposal.move(application=pool[16], target=growers, by=manager)

    assert (check.allowed, check.warnings) == (True, [])
    membership = Membership.objects.get(application=pool[16])
    assert (membership.cohort, membership.status, membership.pinned) == (
        growers,
        Membership.Status.PROPOSED,
        True,
    )
    growers.refresh_from_db()
    assert growers.explanation.startswith("9 members")
    assert (growers.explanation, growers.quality) == described(growers)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.hub, entry.subject, entry.summary, entry.data) == (
        "cohort.member_moved",
        manager,
        hub,
        pool[16],
        f"{pool[16].reference}: moved from the waiting list to Growers",
        {"from": None, "to": growers.code, "warnings": []},
    )


def test_move_between_cohorts_saves_pins_and_describes_both(manager, pool, makers, growers):
    check = proposal.move(application=pool[0], target=growers, by=manager)

    warning = "Makers would have 7 members, fewer than 8: it cannot be confirmed until it has 8"
    assert (check.source, check.target, check.warnings) == (makers, growers, [warning])
    assert names(makers) == [f"Leader {n:02d}" for n in range(2, 9)]
    assert names(growers) == ["Leader 01", *[f"Leader {n:02d}" for n in range(9, 17)]]
    assert Membership.objects.get(application=pool[0]).pinned
    assert Membership.objects.filter(pinned=True).count() == 1
    makers.refresh_from_db()
    growers.refresh_from_db()
    assert makers.explanation.startswith("7 members")
    assert growers.explanation.startswith("9 members")
    assert (makers.explanation, makers.quality) == described(makers)
    assert (growers.explanation, growers.quality) == described(growers)
    entry = AuditEntry.objects.get()
    assert (entry.summary, entry.data) == (
        f"{pool[0].reference}: moved from Makers to Growers",
        {"from": makers.code, "to": growers.code, "warnings": [warning]},
    )


def test_move_back_to_the_waiting_list(manager, pool, makers):
    check = proposal.move(application=pool[7], target=None, by=manager)

    assert check.warnings == [
        "Makers would have 7 members, fewer than 8: it cannot be confirmed until it has 8"
    ]
    assert not Membership.objects.filter(application=pool[7]).exists()
    pool[7].refresh_from_db()
    assert pool[7].status == Application.Status.WAITING
    makers.refresh_from_db()
    assert (makers.explanation, makers.quality) == described(makers)
    assert AuditEntry.objects.get().summary == f"{pool[7].reference}: moved from Makers to the waiting list"


def test_move_of_the_last_member_leaves_a_cohort_with_no_members(round_3, manager, pool):
    solo = proposed_cohort(round_3, [pool[16]], name="Solo")

    check = proposal.move(application=pool[16], target=None, by=manager)

    assert check.warnings == [
        "Solo would have 0 members, fewer than 8: it cannot be confirmed until it has 8"
    ]
    solo.refresh_from_db()
    assert (solo.explanation, solo.quality) == ("No members yet", None)


# Locking and pinning.


def test_set_locked_locks_and_unlocks_a_proposal(manager, hub, makers):
    proposal.set_locked(cohort=makers, locked=True, by=manager)
    makers.refresh_from_db()
    assert makers.locked

    proposal.set_locked(cohort=makers, locked=False, by=manager)
    makers.refresh_from_db()
    assert not makers.locked

    assert [(e.action, e.actor, e.hub, e.subject, e.summary) for e in AuditEntry.objects.order_by("id")] == [
        ("cohort.locked", manager, hub, makers, "Makers: locked"),
        ("cohort.unlocked", manager, hub, makers, "Makers: unlocked"),
    ]


def test_set_locked_refuses_a_cohort_no_longer_proposed(round_3, manager):
    running = proposed_cohort(round_3, [], name="Running already", status=Cohort.Status.RUNNING)

    with pytest.raises(ChangeRefused) as refused:
        proposal.set_locked(cohort=running, locked=True, by=manager)

    assert refused.value.problems == ["Running already is running; only a proposal is locked"]
    running.refresh_from_db()
    assert not running.locked
    assert not AuditEntry.objects.exists()


def test_set_pinned_pins_and_unpins_a_member(manager, hub, pool, makers):
    membership = Membership.objects.get(application=pool[3])

    proposal.set_pinned(membership=membership, pinned=True, by=manager)
    membership.refresh_from_db()
    assert membership.pinned

    proposal.set_pinned(membership=membership, pinned=False, by=manager)
    membership.refresh_from_db()
    assert not membership.pinned

    reference = pool[3].reference
    assert [(e.action, e.subject, e.summary) for e in AuditEntry.objects.order_by("id")] == [
        ("cohort.member_pinned", makers, f"{reference}: pinned to Makers"),
        ("cohort.member_unpinned", makers, f"{reference}: unpinned from Makers"),
    ]


def test_set_pinned_refuses_a_member_already_placed(manager, pool, makers):
    membership = Membership.objects.get(application=pool[3])
    Membership.objects.filter(pk=membership.pk).update(status=Membership.Status.PLACED)
    membership.refresh_from_db()

    with pytest.raises(ChangeRefused) as refused:
        proposal.set_pinned(membership=membership, pinned=True, by=manager)

    assert refused.value.problems == ["Only a member of a proposed cohort can be pinned"]
    membership.refresh_from_db()
    assert not membership.pinned
    assert not AuditEntry.objects.exists()


# Cohorts built by hand.


def test_start_cohort_makes_a_locked_proposal_with_no_members(round_3, manager, hub):
    cohort = proposal.start_cohort(
        round=round_3,
        name="Women in engineering",
        slot="wed-pm",
        mode=Cohort.Mode.ONLINE,
        area="Central Lancashire",
        basis=Cohort.Basis.OWNERSHIP,
        basis_value="women-led",
        by=manager,
    )

    cohort.refresh_from_db()
    assert (
        cohort.round,
        cohort.name,
        cohort.status,
        cohort.origin,
        cohort.locked,
        cohort.slot,
        cohort.mode,
        cohort.area,
        cohort.basis,
        cohort.basis_value,
        cohort.partner,
        cohort.explanation,
    ) == (
        round_3,
        "Women in engineering",
        Cohort.Status.PROPOSED,
        Cohort.Origin.MANUAL,
        True,
        "wed-pm",
        Cohort.Mode.ONLINE,
        "",
        Cohort.Basis.OWNERSHIP,
        "women-led",
        None,
        "No members yet",
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.hub, entry.subject, entry.summary, entry.data) == (
        "cohort.started",
        manager,
        hub,
        cohort,
        "Women in engineering: built by hand",
        {
            "slot": "wed-pm",
            "mode": "online",
            "area": "",
            "basis": "ownership",
            "basis_value": "women-led",
        },
    )


def test_start_cohort_in_person_keeps_its_travel_area(round_3, manager):
    cohort = proposal.start_cohort(
        round=round_3,
        name="Fylde makers",
        slot="thu-pm",
        mode=Cohort.Mode.IN_PERSON,
        area="Fylde Coast",
        by=manager,
    )

    assert (cohort.mode, cohort.area, cohort.basis) == (
        Cohort.Mode.IN_PERSON,
        "Fylde Coast",
        Cohort.Basis.OPEN,
    )


# Cohorts a delivery partner leads for a business organisation.


def later(hours: int) -> dict:
    """Applied after the whole pool, in this order."""
    return {"submitted_at": FIRST_APPLIED + dt.timedelta(hours=hours)}


def test_partner_cohort_takes_only_the_organisations_members_who_fit(round_3, manager, pool, red_rose):
    # Leaders 04, 08, 12 and 16 of the pool are FSB members; Leader 04 makes machinery (SIC 28290).
    tom = waiting(round_3, "Tom Thursday", organisation="FSB", slots=["thu-pm"], **later(1))
    cara = waiting(round_3, "Cara Competitor", organisation="FSB", business={"sic": "28290"}, **later(2))
    lou = waiting(round_3, "Lou Locked", organisation="FSB", **later(3))
    kept = proposed_cohort(round_3, [lou], name="Kept", locked=True)
    pip = waiting(round_3, "Pip Pinned", organisation="FSB", **later(4))
    proposed_cohort(round_3, [pip], name="Pinned here")
    Membership.objects.filter(application=pip).update(pinned=True)
    mo = waiting(round_3, "Mo Mover", organisation="FSB", **later(5))
    growers = proposed_cohort(round_3, [*pool[8:11], mo], name="Growers")
    fay = waiting(round_3, "Fay Lowercase", organisation="fsb", **later(6))
    waiting(round_3, "Pat Placed", organisation="FSB", status=Application.Status.PLACED, **later(7))
    waiting(round_3, "Chris Chamber", organisation="Chamber of Commerce", **later(8))

    made = proposal.start_partner_cohort(
        round=round_3, partner=red_rose, organisation="FSB", slot="tue-am", mode="online", by=manager
    )

    cohort = made.cohort
    assert made.added == [pool[3], pool[7], pool[11], pool[15], mo, fay]
    assert [(a.leader.full_name, why) for a, why in made.left] == [
        ("Tom Thursday", f"Tom Thursday ({tom.reference}) cannot meet at tue-am (lists thu-pm)"),
        (
            "Cara Competitor",
            f"{who(pool[3])} and Cara Competitor ({cara.reference}) are competitors "
            "(SIC class 2829 in Preston)",
        ),
        ("Lou Locked", "kept in Kept by a manager"),
        ("Pip Pinned", "kept in Pinned here by a manager"),
    ]
    cohort.refresh_from_db()
    assert (
        cohort.name,
        cohort.status,
        cohort.origin,
        cohort.partner,
        cohort.locked,
        cohort.basis,
        cohort.basis_value,
        cohort.slot,
        cohort.mode,
        cohort.area,
    ) == (
        "FSB members, Tuesday mornings",
        Cohort.Status.PROPOSED,
        Cohort.Origin.PARTNER,
        red_rose,
        True,
        Cohort.Basis.ORGANISATION,
        "FSB",
        "tue-am",
        Cohort.Mode.ONLINE,
        "",
    )
    assert sorted(names(cohort)) == sorted(a.leader.full_name for a in made.added)
    assert set(cohort.memberships.values_list("status", "pinned")) == {(Membership.Status.PROPOSED, True)}
    assert (cohort.explanation, cohort.quality) == described(cohort)
    assert names(kept) == ["Lou Locked"]
    growers.refresh_from_db()
    assert names(growers) == ["Leader 09", "Leader 10", "Leader 11"]
    assert (growers.explanation, growers.quality) == described(growers)
    assert AuditEntry.objects.get().summary == "FSB members, Tuesday mornings: led by a delivery partner"


def test_partner_cohort_stops_at_the_maximum_size(round_3, manager, red_rose):
    members = [waiting(round_3, f"Member {n:02d}", organisation="FSB", **later(n)) for n in range(1, 13)]

    made = proposal.start_partner_cohort(
        round=round_3,
        partner=red_rose,
        organisation="FSB",
        slot="tue-am",
        mode="online",
        name="FSB Preston",
        by=manager,
    )

    assert made.cohort.name == "FSB Preston"
    assert made.added == members[:10]
    assert made.left == [(members[10], "the cohort is full (10)"), (members[11], "the cohort is full (10)")]
    assert made.cohort.memberships.count() == 10


def test_partner_cohort_in_person_takes_members_of_its_travel_area(round_3, manager, hub, red_rose):
    either = waiting(round_3, "Eve Either", organisation="FSB", mode=Application.Mode.EITHER, **later(1))
    online = waiting(round_3, "Olly Online", organisation="FSB", **later(2))
    wyre = waiting(
        round_3,
        "Wyn Wyre",
        organisation="FSB",
        mode=Application.Mode.IN_PERSON,
        business={"district": district(hub, "Wyre", "Fylde Coast")},
        **later(3),
    )

    made = proposal.start_partner_cohort(
        round=round_3,
        partner=red_rose,
        organisation="FSB",
        slot="tue-am",
        mode=Cohort.Mode.IN_PERSON,
        area="Central Lancashire",
        by=manager,
    )

    assert made.added == [either]
    assert made.left == [
        (online, f"Olly Online ({online.reference}) meets only online, and the cohort meets in person"),
        (wyre, f"Wyn Wyre ({wyre.reference}) is in Fylde Coast, not Central Lancashire"),
    ]
    assert (made.cohort.mode, made.cohort.area) == (Cohort.Mode.IN_PERSON, "Central Lancashire")
