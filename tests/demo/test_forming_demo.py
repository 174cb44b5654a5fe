"""Forming cohorts on the demo's Round 3: the command and the manager's button give the same valid cohorts."""

import io

import pytest
from django.core.management import call_command

from peernet.accounts.models import User
from peernet.cohorts.confirm import confirm_problems
from peernet.cohorts.models import Cohort, FormingRun

pytestmark = pytest.mark.xdist_group("seed_demo")

SUMMARY = "placed 114 of 120 in 14 cohorts, Q=0.309, invalid=0"


def cohorts_of(round) -> list[tuple[str, str, tuple[str, ...]]]:
    """Each proposed cohort as (slot, mode, member references), in a stable order."""
    return sorted(
        (
            cohort.slot,
            cohort.mode,
            tuple(sorted(cohort.memberships.values_list("application__reference", flat=True))),
        )
        for cohort in Cohort.objects.filter(round=round, status=Cohort.Status.PROPOSED)
    )


def test_form_cohorts_and_the_button_give_the_same_valid_cohorts_on_round_3(
    demo, client, django_capture_on_commit_callbacks
):
    round_3 = demo.get(slug="round-3")
    out = io.StringIO()

    call_command("form_cohorts", "--round", "round-3", stdout=out)

    assert out.getvalue().strip() == SUMMARY
    by_command = cohorts_of(round_3)
    assert len(by_command) == 14

    client.force_login(User.objects.get(email="manager@boost.example"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/rounds/{round_3.pk}/cohorts/suggest/")
    assert response.status_code == 302

    run = FormingRun.objects.filter(round=round_3).latest()
    assert (run.status, run.summary) == (FormingRun.Status.DONE, SUMMARY)
    assert cohorts_of(round_3) == by_command
    for cohort in Cohort.objects.filter(round=round_3, status=Cohort.Status.PROPOSED):
        assert confirm_problems(cohort) == [], cohort.name
