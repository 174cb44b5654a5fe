"""Suggesting cohorts: the waiting pool as the engine sees it, one run saved as proposed cohorts, locked
cohorts and pinned members kept, a run started twice or while another is under way."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from peernet import matching
from peernet.accounts.models import AuditEntry
from peernet.applications.models import Application
from peernet.cohorts import forming, proposal, tasks
from peernet.cohorts.models import Cohort, FormingRun, Membership
from peernet.cohorts.pool import applicant_for, applicants_for, pool_applications
from tests import factories
from tests.cohorts.pools import TIME_LIMIT, district, proposed_cohort, theme, waiting, waiting_pool


def suggest(round_, *, by=None, seed: int = 0) -> FormingRun:
    """What the command does: a new run, run here."""
    return forming.run(forming.new_run(round=round_, by=by, seed=seed, time_limit=TIME_LIMIT).pk)


def engine_result(round_, *, seed: int = 0) -> matching.Result:
    """The engine's own answer for the round's pool, to hold the saved cohorts against."""
    return matching.form_cohorts(
        applicants_for(pool_applications(round_)),
        min_size=round_.cohort_min_size,
        max_size=round_.cohort_max_size,
        seed=seed,
        time_limit=TIME_LIMIT,
    )


def members(cohort: Cohort) -> list[str]:
    """The references in a cohort, in the order they applied (the engine's order)."""
    return list(
        cohort.memberships.order_by("application__submitted_at").values_list(
            "application__reference", flat=True
        )
    )


def line_up(round_) -> dict[str, list[str]]:
    """Each proposed cohort's name and its members' names: what a manager sees on the proposal page."""
    return {
        cohort.name: [
            m.application.leader.full_name
            for m in cohort.memberships.select_related("application__leader").order_by(
                "application__submitted_at"
            )
        ]
        for cohort in Cohort.objects.filter(round=round_, status=Cohort.Status.PROPOSED)
    }


# The pool.


def test_pool_is_the_rounds_waiting_applications_in_the_order_they_applied(round_3):
    later = waiting(round_3, "Ada Later", submitted_at=dt.datetime(2026, 11, 3, 10, 5, tzinfo=dt.UTC))
    earlier = waiting(round_3, "Bea Earlier", submitted_at=dt.datetime(2026, 11, 3, 10, 1, tzinfo=dt.UTC))
    waiting(round_3, "Cy Eligible", status=Application.Status.ELIGIBLE)
    waiting(round_3, "Di Placed", status=Application.Status.PLACED)
    waiting(round_3, "Ed Withdrawn", status=Application.Status.WITHDRAWN, withdrawn_reason="Sold the firm")
    other_round = factories.RoundFactory(programme=round_3.programme, number=4, slug="round-4")
    waiting(other_round, "Flo Other Round")

    assert list(pool_applications(round_3)) == [earlier, later]


def test_applicant_for_is_the_engines_view_of_an_application(round_3, hub):
    wyre = district(hub, "Wyre", "Fylde Coast")
    application = waiting(
        round_3,
        "Ada Ashworth",
        business={
            "district": wyre,
            "sector": "Manufacturing",
            "sic": "25620",
            "employees": 14,
            "turnover_pence": 45_000_099,
            "ownership": ["women-led", "family"],
        },
        mode=Application.Mode.EITHER,
        slots=["tue-am", "thu-pm"],
        organisation="FSB",
    )
    application.themes.set([theme(hub, "staffing"), theme(hub, "exporting")])
    other = waiting(round_3, "Bea Barton")
    application.not_with.add(other)

    by_reference = {a.reference: applicant_for(a) for a in pool_applications(round_3)}

    assert by_reference[application.reference] == matching.Applicant(
        id=application.reference,
        district="Wyre",
        area="Fylde Coast",
        mode="either",
        slots=("tue-am", "thu-pm"),
        sector="Manufacturing",
        sic="25620",
        employees=14,
        turnover=450_000,
        ownership=frozenset({"women-led", "family"}),
        organisation="FSB",
        themes=frozenset({"staffing", "exporting"}),
        not_with=frozenset({other.reference}),
    )
    assert by_reference[other.reference].not_with == frozenset({application.reference})


def test_applicant_for_a_business_with_no_staff_on_the_books_or_district(round_3):
    application = waiting(round_3, "Sol Trader", business={"district": None, "employees": 0})

    applicant = applicant_for(pool_applications(round_3).get())

    assert (applicant.id, applicant.district, applicant.area, applicant.employees) == (
        application.reference,
        "",
        "",
        1,
    )


# One run.


def test_run_saves_the_engines_cohorts_as_proposals(round_3, manager):
    waiting_pool(round_3, 20)
    expected = engine_result(round_3)

    forming_run = suggest(round_3, by=manager)

    cohorts = list(Cohort.objects.filter(round=round_3).order_by("name"))
    assert [
        (c.name, c.status, c.origin, c.run, c.slot, c.mode, c.area, c.locked, members(c)) for c in cohorts
    ] == [
        (
            f"C{n:02d} {shape.basis_value}, Tuesday mornings",
            Cohort.Status.PROPOSED,
            Cohort.Origin.ENGINE,
            forming_run,
            "tue-am",
            Cohort.Mode.ONLINE,
            "",
            False,
            list(shape.members),
        )
        for n, shape in enumerate(expected.cohorts, start=1)
    ]
    assert [(c.basis, c.basis_value, c.explanation, c.quality) for c in cohorts] == [
        (shape.basis, shape.basis_value, shape.explanation, shape.quality) for shape in expected.cohorts
    ]
    assert set(Membership.objects.values_list("status", "pinned")) == {(Membership.Status.PROPOSED, False)}
    assert Membership.objects.count() == 20
    assert set(Application.objects.values_list("status", flat=True)) == {Application.Status.WAITING}


def test_run_records_its_summary_and_why_each_unplaced_leader_waits(round_3, manager):
    waiting_pool(round_3, 20)
    friday = waiting(round_3, "Fran Friday", slots=["fri-pm"])
    expected = engine_result(round_3)

    forming_run = suggest(round_3, by=manager)

    assert forming_run.status == FormingRun.Status.DONE
    assert forming_run.summary == f"placed 20 of 21 in 2 cohorts, Q={expected.q:.3f}, invalid=0"
    assert forming_run.message == forming_run.summary
    assert (
        forming_run.percent,
        forming_run.pool_size,
        forming_run.placed,
        forming_run.cohort_count,
        forming_run.quality,
        forming_run.invalid,
        forming_run.error,
    ) == (100, 21, 20, 2, expected.q, 0, "")
    assert forming_run.unplaced == {friday.reference: "no other online applicant shares slot fri-pm"}
    assert forming_run.finished_at is not None
    assert forming_run.seconds > 0
    assert not Membership.objects.filter(application=friday).exists()


def test_run_writes_one_audit_entry_for_the_round(round_3, manager, hub):
    waiting_pool(round_3, 16)

    forming_run = suggest(round_3, by=manager, seed=4)

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.hub, entry.subject) == (
        "cohorts.suggested",
        manager,
        hub,
        round_3,
    )
    assert entry.summary == f"Round 3: cohorts suggested, {forming_run.summary}"
    assert entry.summary.startswith("Round 3: cohorts suggested, placed 16 of 16 in 2 cohorts, Q=0.")
    assert entry.data == {"run": forming_run.pk, "seed": 4, "locked": []}


def test_run_of_an_empty_pool_saves_no_cohorts(round_3):
    forming_run = suggest(round_3)

    assert forming_run.status == FormingRun.Status.DONE
    assert forming_run.summary == "placed 0 of 0 in 0 cohorts, Q=0.000, invalid=0"
    assert Cohort.objects.count() == 0


def test_run_a_second_time_does_nothing(round_3):
    waiting_pool(round_3, 16)
    first = suggest(round_3)
    cohorts = sorted(Cohort.objects.values_list("pk", "code", "name"))

    again = forming.run(first.pk)

    assert again == first
    assert (again.status, again.summary, again.finished_at) == (
        FormingRun.Status.DONE,
        first.summary,
        first.finished_at,
    )
    assert sorted(Cohort.objects.values_list("pk", "code", "name")) == cohorts
    assert AuditEntry.objects.filter(action="cohorts.suggested").count() == 1


def test_run_that_fails_says_why_and_keeps_the_proposals(round_3):
    waiting_pool(round_3, 16)
    kept = proposed_cohort(round_3, [], name="Made earlier")
    round_3.cohort_min_size = 1
    round_3.save()

    forming_run = suggest(round_3)

    assert forming_run.status == FormingRun.Status.FAILED
    assert forming_run.error == "ValueError: sizes must satisfy 2 <= min_size <= max_size, got 1, 10"
    assert forming_run.finished_at is not None
    assert list(Cohort.objects.all()) == [kept]
    assert AuditEntry.objects.count() == 0


# Starting a run.


@pytest.mark.parametrize("status", [FormingRun.Status.QUEUED, FormingRun.Status.RUNNING])
def test_new_run_is_refused_while_another_is_under_way(round_3, manager, status):
    FormingRun.objects.create(round=round_3, status=status)

    with pytest.raises(forming.RunRefused) as refused:
        forming.new_run(round=round_3, by=manager)

    assert str(refused.value) == (
        "Cohorts are already being suggested for this round; wait for that run to finish"
    )
    assert FormingRun.objects.count() == 1


def test_new_run_is_not_held_up_by_a_run_in_another_round(round_3, manager):
    other_round = factories.RoundFactory(programme=round_3.programme, number=4, slug="round-4")
    FormingRun.objects.create(round=other_round, status=FormingRun.Status.RUNNING)

    forming_run = forming.new_run(round=round_3, by=manager, seed=7, time_limit=2.5)

    assert (forming_run.round, forming_run.status, forming_run.created_by, forming_run.seed) == (
        round_3,
        FormingRun.Status.QUEUED,
        manager,
        7,
    )
    assert forming_run.time_limit == 2.5


@pytest.mark.parametrize("status", [FormingRun.Status.DONE, FormingRun.Status.FAILED])
def test_new_run_may_start_once_the_last_one_finished(round_3, manager, status):
    FormingRun.objects.create(round=round_3, status=status)

    forming_run = forming.new_run(round=round_3, by=manager)

    assert forming_run.status == FormingRun.Status.QUEUED
    assert FormingRun.objects.count() == 2


def test_new_run_may_start_when_the_last_was_lost_with_its_worker(round_3, manager, settings):
    lost = FormingRun.objects.create(round=round_3, status=FormingRun.Status.RUNNING)
    FormingRun.objects.filter(pk=lost.pk).update(
        updated_at=timezone.now() - dt.timedelta(minutes=settings.STALE_WORK_MINUTES, seconds=1)
    )

    forming_run = forming.new_run(round=round_3, by=manager)

    assert forming_run.status == FormingRun.Status.QUEUED
    assert forming.run_in_progress(round_3) == forming_run


def test_start_run_hands_the_run_to_a_worker_only_once_it_is_saved(
    round_3, manager, django_capture_on_commit_callbacks
):
    waiting_pool(round_3, 16)

    with django_capture_on_commit_callbacks() as callbacks:
        forming_run = tasks.start_run(round=round_3, by=manager, time_limit=TIME_LIMIT)

    assert len(callbacks) == 1
    assert FormingRun.objects.get().status == FormingRun.Status.QUEUED
    assert Cohort.objects.count() == 0

    callbacks[0]()

    forming_run.refresh_from_db()
    assert forming_run.status == FormingRun.Status.DONE
    assert Cohort.objects.count() == 2


def test_button_gives_the_same_cohorts_as_the_command_for_the_same_seed(
    round_3, manager, django_capture_on_commit_callbacks
):
    waiting_pool(round_3, 24)
    with django_capture_on_commit_callbacks(execute=True):
        button = tasks.start_run(round=round_3, by=manager, seed=2, time_limit=TIME_LIMIT)
    from_button = line_up(round_3)

    call_command("form_cohorts", "--round", "round-3", "--seed", "2", "--time-limit", str(TIME_LIMIT))

    button.refresh_from_db()
    command = FormingRun.objects.latest()
    assert (button.status, button.created_by, command.status, command.created_by) == (
        FormingRun.Status.DONE,
        manager,
        FormingRun.Status.DONE,
        None,
    )
    assert command != button
    assert command.summary == button.summary
    assert line_up(round_3) == from_button
    assert sum(len(names) for names in from_button.values()) == 24


# Suggesting again.


def test_rerun_replaces_cohorts_that_are_neither_locked_nor_pinned(round_3):
    waiting_pool(round_3, 20)
    first = suggest(round_3)
    first_cohorts = list(Cohort.objects.values_list("pk", flat=True))

    second = suggest(round_3, seed=1)

    assert not Cohort.objects.filter(pk__in=first_cohorts).exists()
    assert set(Cohort.objects.values_list("run", flat=True)) == {second.pk}
    assert first.cohorts.count() == 0
    assert Membership.objects.count() == 20


def test_rerun_leaves_confirmed_cohorts_and_their_members_alone(round_3):
    pool = waiting_pool(round_3, 20)
    confirmed = proposed_cohort(round_3, pool[:8], name="Makers of Preston")
    Cohort.objects.filter(pk=confirmed.pk).update(status=Cohort.Status.CONFIRMED)
    Membership.objects.filter(cohort=confirmed).update(status=Membership.Status.PLACED)
    Application.objects.filter(pk__in=[a.pk for a in pool[:8]]).update(status=Application.Status.PLACED)

    forming_run = suggest(round_3)

    # Twelve left: one cohort of ten, two waiting.
    assert (forming_run.pool_size, forming_run.placed) == (12, 10)
    assert members(confirmed) == [a.reference for a in pool[:8]]
    assert set(Membership.objects.filter(cohort=confirmed).values_list("status", flat=True)) == {
        Membership.Status.PLACED
    }
    assert Membership.objects.filter(status=Membership.Status.PROPOSED).count() == 10


def test_locked_cohort_survives_a_rerun_unchanged(round_3, manager):
    pool = waiting_pool(round_3, 20)
    suggest(round_3)
    locked = Cohort.objects.get(memberships__application=pool[0])
    proposal.set_locked(cohort=locked, locked=True, by=manager)
    before = (locked.pk, locked.code, locked.name, locked.run_id, members(locked))
    other = Cohort.objects.exclude(pk=locked.pk).get()

    forming_run = suggest(round_3, seed=5, by=manager)

    locked.refresh_from_db()
    assert (locked.pk, locked.code, locked.name, locked.run_id, members(locked)) == before
    assert (locked.status, locked.locked) == (Cohort.Status.PROPOSED, True)
    assert not Cohort.objects.filter(pk=other.pk).exists()
    rest = Cohort.objects.exclude(pk=locked.pk).get()
    assert (rest.run, len(members(rest))) == (forming_run, 20 - len(before[4]))
    assert AuditEntry.objects.filter(action="cohorts.suggested").latest("id").data == {
        "run": forming_run.pk,
        "seed": 5,
        "locked": [locked.code],
    }


def test_pinned_member_stays_in_its_cohort_after_a_rerun(round_3, manager):
    pool = waiting_pool(round_3, 20)
    first = suggest(round_3)
    # A member of the cohort without the first to apply: the new cohort made around them is saved first,
    # with members the pinned cohort lets go.
    kept = Cohort.objects.exclude(memberships__application=pool[0]).get()
    membership = kept.memberships.order_by("application__submitted_at").last()
    proposal.set_pinned(membership=membership, pinned=True, by=manager)

    forming_run = suggest(round_3, seed=3)

    assert forming_run.status == FormingRun.Status.DONE
    assert forming_run.placed == 20
    membership.refresh_from_db()
    assert (membership.cohort, membership.pinned, membership.status) == (
        kept,
        True,
        Membership.Status.PROPOSED,
    )
    kept.refresh_from_db()
    assert (kept.run, kept.locked) == (first, False)
    assert 8 <= len(members(kept)) <= 10
    assert list(Membership.objects.filter(cohort=kept, pinned=True)) == [membership]
    assert Membership.objects.count() == 20
    assert sorted(Membership.objects.values_list("application__reference", flat=True)) == sorted(
        a.reference for a in pool
    )


def test_cohort_kept_for_a_pinned_member_is_completed_from_the_pool(round_3, manager):
    pool = waiting_pool(round_3, 16)
    kept = proposed_cohort(round_3, pool[:2], name="Started by hand")
    proposal.set_pinned(membership=Membership.objects.get(application=pool[0]), pinned=True, by=manager)

    forming_run = suggest(round_3)

    assert forming_run.summary.startswith("placed 16 of 16 in 2 cohorts")
    kept.refresh_from_db()
    assert kept.name == "Started by hand"
    assert pool[0].reference in members(kept)
    assert len(members(kept)) >= 8
    assert kept.explanation.startswith(f"{len(members(kept))} members")
    assert kept.quality == pytest.approx(
        matching.cohort_quality(applicants_for(proposal.member_applications(kept)))
    )


def test_manual_cohort_with_no_members_yet_survives_a_rerun(round_3, manager):
    waiting_pool(round_3, 16)
    started = proposal.start_cohort(
        round=round_3, name="Fylde makers", slot="thu-pm", mode=Cohort.Mode.ONLINE, by=manager
    )

    suggest(round_3)

    started.refresh_from_db()
    assert (started.name, started.locked, started.origin) == ("Fylde makers", True, Cohort.Origin.MANUAL)
    assert started.memberships.count() == 0
    assert Cohort.objects.count() == 3
