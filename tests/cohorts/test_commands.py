"""The cohort commands: form_cohorts as the button does it, export_pool in the engine's input format and
export_cohorts in its output format; each refuses an unknown round with exit status 2."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from peernet.accounts.models import Role
from peernet.applications.models import Application
from peernet.cohorts import proposal
from peernet.cohorts.models import Cohort, FormingRun, Membership
from peernet.cohorts.pool import applicants_for, pool_applications
from peernet.matching import read_applicants
from peernet.programmes.models import Round
from tests import factories
from tests.cohorts.pools import TIME_LIMIT, district, proposed_cohort, theme, waiting, waiting_pool


def form_cohorts(*arguments: str) -> str:
    out = io.StringIO()
    call_command(
        "form_cohorts", "--round", "round-3", "--time-limit", str(TIME_LIMIT), *arguments, stdout=out
    )
    return out.getvalue()


def export(command: str, path, *arguments: str) -> str:
    out = io.StringIO()
    call_command(command, "--round", "round-3", "--output", str(path), *arguments, stdout=out)
    return out.getvalue()


def groups(round_) -> list[list[str]]:
    """Who is with whom in the round's proposed cohorts, whatever the cohorts are called."""
    return sorted(
        sorted(cohort.memberships.values_list("application__leader__full_name", flat=True))
        for cohort in Cohort.objects.filter(round=round_, status=Cohort.Status.PROPOSED)
    )


def read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


# form_cohorts


def test_form_cohorts_twice_gives_the_same_cohorts_and_prints_the_summary(round_3):
    waiting_pool(round_3, 20)
    waiting(round_3, "Fran Friday", slots=["fri-pm"])

    first_out = form_cohorts()
    first = groups(round_3)
    first_codes = set(Cohort.objects.values_list("code", flat=True))
    second_out = form_cohorts()

    first_run, second_run = FormingRun.objects.order_by("id")
    assert first_out == f"{first_run.summary}\n"
    assert second_out == first_out
    assert first_out.startswith("placed 20 of 21 in 2 cohorts, Q=0.")
    assert first_out.endswith(", invalid=0\n")
    assert groups(round_3) == first
    assert [len(names) for names in first] == [10, 10]
    assert not Cohort.objects.filter(code__in=first_codes).exists()
    assert (first_run.created_by, second_run.created_by, second_run.seed) == (None, None, 0)


def test_form_cohorts_passes_its_seed_and_time_limit_to_the_run(round_3):
    waiting_pool(round_3, 16)

    form_cohorts("--seed", "9")

    forming_run = FormingRun.objects.get()
    assert (forming_run.seed, forming_run.time_limit, forming_run.status) == (
        9,
        TIME_LIMIT,
        FormingRun.Status.DONE,
    )


def test_form_cohorts_keeps_a_locked_cohort(round_3):
    pool = waiting_pool(round_3, 18)
    locked = proposed_cohort(round_3, pool[:8], name="Kept by hand", locked=True)

    out = form_cohorts()

    assert out.startswith("placed 18 of 18 in 2 cohorts, Q=0.")
    assert groups(round_3) == [
        [f"Leader {n:02d}" for n in range(1, 9)],
        [f"Leader {n:02d}" for n in range(9, 19)],
    ]
    assert Cohort.objects.get(name="Kept by hand") == locked


def test_form_cohorts_of_an_unknown_round_exits_2(round_3):
    with pytest.raises(CommandError) as error:
        call_command("form_cohorts", "--round", "round-9")

    assert (error.value.returncode, str(error.value)) == (2, "No round with the slug 'round-9'")
    assert FormingRun.objects.count() == 0


def test_form_cohorts_asks_which_hub_when_two_rounds_share_a_slug(round_3, other_hub):
    factories.RoundFactory(
        programme=factories.ProgrammeFactory(hub=other_hub, slug="peer-networks"), number=3, slug="round-3"
    )
    waiting_pool(round_3, 16)

    with pytest.raises(CommandError) as error:
        form_cohorts()
    out = form_cohorts("--hub", "boost")

    assert (error.value.returncode, str(error.value)) == (
        2,
        "More than one round is called 'round-3' (boost/peer-networks, other/peer-networks); "
        "add --hub and --programme",
    )
    assert out.startswith("placed 16 of 16 in 2 cohorts")
    assert FormingRun.objects.get().round == round_3


def test_form_cohorts_while_a_run_is_under_way_exits_2(round_3):
    FormingRun.objects.create(round=round_3, status=FormingRun.Status.RUNNING)

    with pytest.raises(CommandError) as error:
        form_cohorts()

    assert (error.value.returncode, str(error.value)) == (
        2,
        "Cohorts are already being suggested for this round; wait for that run to finish",
    )
    assert FormingRun.objects.count() == 1


def test_form_cohorts_that_fails_exits_1_and_says_why(round_3):
    waiting_pool(round_3, 16)
    Round.objects.filter(pk=round_3.pk).update(cohort_min_size=1)

    with pytest.raises(CommandError) as error:
        form_cohorts()

    assert (error.value.returncode, str(error.value)) == (
        1,
        "Forming cohorts failed: ValueError: sizes must satisfy 2 <= min_size <= max_size, got 1, 10",
    )
    assert FormingRun.objects.get().status == FormingRun.Status.FAILED


# export_pool


def test_export_pool_reads_back_as_the_applicants_the_engine_is_given(round_3, hub, tmp_path):
    pool = waiting_pool(round_3, 16)
    wyre = district(hub, "Wyre", "Fylde Coast")
    either = waiting(
        round_3,
        "Eve Either, Jr",
        business={"district": wyre, "sector": 'Food, drink and "craft"', "sic": "11050", "employees": 0},
        mode=Application.Mode.EITHER,
        slots=["tue-am", "thu-pm"],
        organisation="FSB",
    )
    either.themes.set([theme(hub, "staffing")])
    either.not_with.add(pool[0])
    waiting(round_3, "Pat Placed", status=Application.Status.PLACED)
    path = tmp_path / "pool.csv"

    out = export("export_pool", path)

    assert out == f"Wrote 17 applicants to {path}\n"
    assert read_applicants(path) == applicants_for(pool_applications(round_3))
    assert [row[0] for row in read_csv(path)[1:]] == [*(a.reference for a in pool), either.reference]


def test_export_pool_reads_back_when_a_leader_to_avoid_has_left_the_pool(round_3, tmp_path):
    pool = waiting_pool(round_3, 8)
    placed = waiting(round_3, "Pat Placed", status=Application.Status.PLACED)
    pool[0].not_with.add(placed)
    path = tmp_path / "pool.csv"

    export("export_pool", path)

    applicants = read_applicants(path)
    assert [a.id for a in applicants] == [a.reference for a in pool]
    assert applicants[0].not_with == frozenset()


def test_export_pool_of_an_unknown_round_exits_2_and_writes_nothing(round_3, tmp_path):
    path = tmp_path / "pool.csv"

    with pytest.raises(CommandError) as error:
        call_command("export_pool", "--round", "round-9", "--output", str(path))

    assert (error.value.returncode, str(error.value)) == (2, "No round with the slug 'round-9'")
    assert list(tmp_path.iterdir()) == []


def test_export_pool_into_a_missing_folder_exits_2(round_3, tmp_path):
    path = tmp_path / "missing" / "pool.csv"

    with pytest.raises(CommandError) as error:
        export("export_pool", path)

    assert (error.value.returncode, str(error.value)) == (2, f"{tmp_path / 'missing'}: no such folder")


# export_cohorts


def test_export_cohorts_lists_every_pool_application_with_its_cohort(round_3, tmp_path):
    pool = waiting_pool(round_3, 20)
    friday = waiting(round_3, "Fran Friday", slots=["fri-pm"])
    form_cohorts()
    code = dict(Membership.objects.values_list("application__reference", "cohort__code"))
    path = tmp_path / "cohorts.csv"

    out = export("export_cohorts", path)

    assert out == f"Wrote 21 applications (20 in cohorts) to {path}\n"
    assert read_csv(path) == [
        ["id", "cohort", "slot", "mode"],
        *([a.reference, code[a.reference], "tue-am", "online"] for a in pool),
        [friday.reference, "", "", ""],
    ]
    assert len(set(code.values())) == 2


def test_export_cohorts_leaves_out_leaders_no_longer_waiting(round_3, tmp_path):
    pool = waiting_pool(round_3, 10)
    confirmed = proposed_cohort(round_3, pool[:8], name="Makers", status=Cohort.Status.CONFIRMED)
    Membership.objects.filter(cohort=confirmed).update(status=Membership.Status.PLACED)
    Application.objects.filter(memberships__cohort=confirmed).update(status=Application.Status.PLACED)
    starting = proposed_cohort(round_3, [pool[8]], name="Starting", slot="thu-pm")
    path = tmp_path / "cohorts.csv"

    out = export("export_cohorts", path)

    assert out == f"Wrote 2 applications (1 in cohorts) to {path}\n"
    assert read_csv(path) == [
        ["id", "cohort", "slot", "mode"],
        [pool[8].reference, starting.code, "thu-pm", "online"],
        [pool[9].reference, "", "", ""],
    ]


def test_export_cohorts_after_a_move_shows_where_the_leader_went(round_3, tmp_path, make_user, hub):
    pool = waiting_pool(round_3, 9)
    makers = proposed_cohort(round_3, pool[:8], name="Makers")
    proposal.move(application=pool[8], target=makers, by=make_user(Role.PROGRAMME_MANAGER, hub))
    path = tmp_path / "cohorts.csv"

    export("export_cohorts", path)

    assert read_csv(path)[-1] == [pool[8].reference, makers.code, "tue-am", "online"]


def test_export_cohorts_of_an_unknown_round_exits_2(round_3, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("export_cohorts", "--round", "round-9", "--output", str(tmp_path / "cohorts.csv"))

    assert (error.value.returncode, str(error.value)) == (2, "No round with the slug 'round-9'")
    assert list(tmp_path.iterdir()) == []
