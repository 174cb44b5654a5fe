from peernet.matching import affinity, check_cohort, cohort_quality, score

from .helpers import person


def test_check_cohort_valid_cohort_has_no_problems():
    members = [person(f"P{n}") for n in range(8)]
    assert check_cohort(members, slot="tue-am", mode="online") == []


def test_check_cohort_names_every_broken_rule():
    members = [person(f"P{n}") for n in range(6)] + [
        person("X", mode="in-person", slots=("wed-am",)),
        person("Y", sic="25620", not_with=frozenset({"Z"})),
        person("Z", sic="25620"),
    ]
    assert check_cohort(members, slot="tue-am", mode="online", min_size=8, max_size=8) == [
        "9 members, more than the maximum of 8",
        "X cannot meet at tue-am (lists wed-am)",
        "X meets only in person, and the cohort meets online",
        "Y and Z are competitors (SIC class 2562 in Preston)",
        "Y and Z must not be grouped (not_with)",
    ]


def test_check_cohort_in_person_needs_one_area():
    members = [person(f"P{n}", mode="either") for n in range(7)] + [
        person("F", mode="in-person", area="Fylde Coast")
    ]
    assert check_cohort(members, slot="tue-am", mode="in-person") == [
        "members come from 2 areas: Central Lancashire, Fylde Coast"
    ]


def test_check_cohort_empty_sic_never_clashes():
    members = [person(f"P{n}", sic="") for n in range(8)]
    assert check_cohort(members, slot="tue-am", mode="online") == []


def test_affinity_matches_the_formula_by_hand():
    a = person(
        "A",
        employees=10,
        themes=frozenset({"staffing", "exporting"}),
        ownership=frozenset({"family"}),
        organisation="FSB",
    )
    b = person("B", employees=100, themes=frozenset({"staffing"}), ownership=frozenset(), organisation="FSB")
    # sector 0.35 + themes 0.25 * 1/2 + size 0.20 * (1 - 1) + ownership 0 + organisation 0.10
    assert round(affinity(a, b), 12) == 0.575


def test_score_is_mean_over_placed_of_mean_affinity():
    a = person("A", sector="Retail", employees=1)
    b = person("B", sector="Retail", employees=1)
    c = person("C", sector="Logistics", employees=1)
    # a-b: 0.35 + 0.20 = 0.55; a-c and b-c: 0.20. Means: a 0.375, b 0.375, c 0.2.
    assert round(cohort_quality([a, b, c]), 12) == round((0.375 + 0.375 + 0.2) / 3, 12)
    assert round(score([[a, b, c], [a, b]]), 12) == round((0.375 * 2 + 0.2 + 0.55 * 2) / 5, 12)
