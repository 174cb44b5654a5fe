import time
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from peernet.matching import Applicant, Cohort, check_cohort, form_cohorts, score

from .helpers import person

SLOTS = ["mon-am", "tue-am", "wed-pm"]
AREAS = ["Central Lancashire", "Fylde Coast"]


@st.composite
def pools(draw):
    size = draw(st.integers(min_value=0, max_value=40))
    people = []
    for n in range(size):
        slots = draw(st.lists(st.sampled_from(SLOTS), min_size=1, max_size=3, unique=True))
        people.append(
            person(
                f"P{n}",
                mode=draw(st.sampled_from(["online", "in-person", "either"])),
                area=draw(st.sampled_from(AREAS)),
                district=draw(st.sampled_from(["Preston", "Blackpool"])),
                sic=draw(st.sampled_from(["", "25620", "47190"])),
                sector=draw(st.sampled_from(["Retail", "Manufacturing", ""])),
                employees=draw(st.integers(min_value=1, max_value=300)),
                themes=frozenset(
                    draw(st.lists(st.sampled_from(["staffing", "exporting", "digital"]), max_size=2))
                ),
                slots=tuple(slots),
            )
        )
    ids = [p.id for p in people]
    if ids:
        for n in draw(st.lists(st.integers(0, size - 1), max_size=4)):
            other = draw(st.sampled_from(ids))
            if other != people[n].id:
                people[n] = replace(people[n], not_with=frozenset({other}))
    return people


def _no_broken_rules(pool, result, min_size=8, max_size=10):
    by_id = {p.id: p for p in pool}
    seen = set()
    for c in result.cohorts:
        members = [by_id[m] for m in c.members]
        assert (
            check_cohort(members, slot=c.slot, mode=c.mode, area=c.area, min_size=min_size, max_size=max_size)
            == []
        )
        assert not seen & set(c.members)
        seen |= set(c.members)
    assert seen | {u.id for u in result.unplaced} == set(by_id)
    assert result.invalid == 0


@settings(max_examples=60, deadline=None)
@given(pools())
def test_form_cohorts_never_breaks_a_hard_rule(pool):
    result = form_cohorts(pool, time_limit=5, exact_pool=0)
    _no_broken_rules(pool, result)


@settings(max_examples=30, deadline=None)
@given(pools(), st.integers(min_value=2, max_value=5))
def test_form_cohorts_respects_other_sizes(pool, min_size):
    result = form_cohorts(pool, min_size=min_size, max_size=min_size + 1, time_limit=5, exact_pool=0)
    _no_broken_rules(pool, result, min_size, min_size + 1)


@settings(max_examples=15, deadline=None)
@given(pools(), st.integers(min_value=0, max_value=3))
def test_form_cohorts_same_seed_same_output(pool, seed):
    first = form_cohorts(pool, seed=seed, exact_pool=0)
    second = form_cohorts(pool, seed=seed, exact_pool=0)
    assert [(c.label, c.slot, c.mode, c.members) for c in first.cohorts] == [
        (c.label, c.slot, c.mode, c.members) for c in second.cohorts
    ]
    assert first.unplaced == second.unplaced


def test_form_cohorts_exact_polish_keeps_the_rules_and_repeats():
    pool = [
        person(
            f"P{n:02d}",
            sector=["Retail", "Logistics", "Health"][n % 3],
            employees=1 + 7 * n,
            slots=(SLOTS[n % 2], "wed-pm"),
        )
        for n in range(11)
    ]
    first = form_cohorts(pool, seed=1)
    second = form_cohorts(pool, seed=1)
    _no_broken_rules(pool, first)
    assert first.placed == 10
    assert [c.members for c in first.cohorts] == [c.members for c in second.cohorts]


def test_form_cohorts_places_everyone_who_fits():
    pool = [person(f"P{n:02d}", employees=10 + n) for n in range(18)]
    result = form_cohorts(pool, exact_pool=0)
    assert result.placed == 18
    assert [len(c.members) for c in result.cohorts] in ([9, 9], [8, 10], [10, 8])
    assert result.summary().startswith("placed 18 of 18 in 2 cohorts, Q=")


def test_form_cohorts_q_is_the_score_of_its_cohorts():
    pool = [
        person(f"P{n:02d}", sector=["Retail", "Logistics"][n % 2], employees=1 + 3 * n) for n in range(20)
    ]
    result = form_cohorts(pool, exact_pool=0)
    by_id = {p.id: p for p in pool}
    assert result.q == score([[by_id[m] for m in c.members] for c in result.cohorts])


def test_form_cohorts_groups_by_sector_when_it_can():
    pool = [person(f"R{n}", sector="Retail") for n in range(8)] + [
        person(f"L{n}", sector="Logistics") for n in range(8)
    ]
    result = form_cohorts(pool, exact_pool=0)
    assert sorted(c.explanation for c in result.cohorts) == [
        "8 members, all Logistics; Tuesday mornings, online",
        "8 members, all Retail; Tuesday mornings, online",
    ]
    assert sorted((c.basis, c.basis_value) for c in result.cohorts) == [
        ("sector", "Logistics"),
        ("sector", "Retail"),
    ]


def test_form_cohorts_explains_a_lonely_slot():
    pool = [person(f"P{n}") for n in range(8)] + [person("Z", slots=("mon-pm",))]
    result = form_cohorts(pool, exact_pool=0)
    assert [(u.id, u.reason) for u in result.unplaced] == [
        ("Z", "no other online applicant shares slot mon-pm")
    ]


def test_form_cohorts_explains_too_few_at_a_slot():
    pool = [person(f"P{n}", mode="in-person", slots=("wed-am",)) for n in range(5)]
    result = form_cohorts(pool, exact_pool=0)
    assert result.unplaced[0].reason == (
        "only 4 other in-person applicants in Central Lancashire share slot wed-am; a cohort needs 8"
    )


def test_form_cohorts_explains_competitors():
    pool = [person(f"P{n}", sic="25620") for n in range(8)]
    result = form_cohorts(pool, exact_pool=0)
    assert result.placed == 0
    assert result.unplaced[0].reason == (
        "competitors (same SIC class in the same district) or not_with exclusions leave at most "
        "0 others they could meet at tue-am; a cohort needs 8"
    )


def test_form_cohorts_keeps_locked_cohorts_and_places_the_rest():
    pool = [person(f"P{n:02d}") for n in range(20)]
    locked = [f"P{n:02d}" for n in range(0, 20, 2)]  # every other applicant, as a manager chose
    result = form_cohorts(pool, locked=[locked], exact_pool=0)
    kept = [c for c in result.cohorts if c.locked]
    assert [c.members for c in kept] == [tuple(locked)]
    assert kept[0].problems == ()
    others = [c for c in result.cohorts if not c.locked]
    assert [sorted(c.members) for c in others] == [[f"P{n:02d}" for n in range(1, 20, 2)]]


def test_form_cohorts_reports_problems_of_a_locked_cohort():
    pool = [person(f"P{n}") for n in range(3)]
    locked = Cohort("Mine", "tue-am", "online", "", ("P0", "P1"), 0.0, "", "open", "")
    result = form_cohorts(pool, locked=[locked], exact_pool=0)
    assert result.cohorts[0].label == "Mine"
    assert result.cohorts[0].problems == ("2 members, fewer than the minimum of 8",)
    assert result.invalid == 1


def test_form_cohorts_reports_progress_to_the_end():
    seen = []
    form_cohorts([person(f"P{n}") for n in range(9)], progress=lambda f, m: seen.append(f))
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


def test_form_cohorts_honours_the_time_limit():
    pool = [
        person(f"P{n:04d}", slots=(SLOTS[n % 3],), employees=1 + n % 200, sector=str(n % 7))
        for n in range(3000)
    ]
    started = time.monotonic()
    result = form_cohorts(pool, time_limit=2)
    assert time.monotonic() - started < 3
    _no_broken_rules(pool, result)


def test_form_cohorts_completes_a_pinned_cohort_around_its_members():
    pool = [
        Applicant(f"P{n:02d}", "Preston", "Central", "online", ("tue-am", "wed-pm"), sector="S", employees=10)
        for n in range(20)
    ]
    pinned = Cohort("Mine", "wed-pm", "online", "", ("P03", "P07"), 0.0, "", "open", "")
    result = form_cohorts(pool, pinned=[pinned], exact_pool=0)
    mine = next(c for c in result.cohorts if c.label == "Mine")
    assert mine.locked and mine.slot == "wed-pm"
    assert {"P03", "P07"} <= set(mine.members)
    assert len(mine.members) == 10  # completed to 8, then topped up with the two the search left over
    assert result.invalid == 0
    assert result.placed == 20


def test_complete_cohort_skips_competitors_and_stops_when_nobody_fits():
    from peernet.matching.complete import complete_cohort

    def one(i, sic="", slots=("tue-am",)):
        return Applicant(f"A{i}", "Preston", "Central", "online", slots, sic=sic)

    pinned = [one(0, sic="10110")]
    rival = one(1, sic="10110")  # same SIC class and district: may not join
    elsewhere = one(2, slots=("mon-am",))  # does not meet on Tuesday mornings
    fine = [one(n) for n in range(3, 6)]
    members = complete_cohort(pinned, [rival, elsewhere, *fine], slot="tue-am", mode="online", min_size=8)
    assert [m.id for m in members] == ["A0", "A3", "A4", "A5"]
