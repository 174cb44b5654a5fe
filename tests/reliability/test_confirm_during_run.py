"""A cohort confirmed while a forming run works on the round is never lost: the run saves only over cohorts
still proposed and places only leaders still waiting when it saves; when the round changed under it so its
result no longer fits, it saves nothing and says so. Confirming and saving cannot both win: whichever takes
the cohort's row first decides, and the other sees what it did.

The first test confirms between the engine and the save, in one thread, on both databases. The others race
two threads on PostgreSQL, each holding its row locks while the other waits for them.
"""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from peernet.accounts.models import AuditEntry, Role
from peernet.applications.models import Application
from peernet.cohorts import forming
from peernet.cohorts.confirm import ConfirmRefused, confirm_cohort
from peernet.cohorts.models import Cohort, FormingRun, Membership
from peernet.outbox.models import Email
from tests import factories
from tests.cohorts.pools import TIME_LIMIT, TRADES, proposed_cohort, waiting, waiting_pool

CHANGED = "Cohorts changed while the engine ran; suggest again"
REPLACED = "This cohort is no longer suggested: cohorts were suggested again. Choose one of the new ones"


@pytest.fixture
def manager(hub, make_user):
    return make_user(Role.PROGRAMME_MANAGER, hub, full_name="Mina Manager")


@pytest.fixture
def fay(hub, round_3):
    partner = factories.DeliveryPartnerFactory(hub=hub, name="Red Rose Chamber")
    factories.ContractFactory(round=round_3, partner=partner, cohorts_awarded=2)
    return factories.FacilitatorFactory(partner=partner, full_name="Fay Facilitator", email="fay@example.com")


def confirm(cohort: Cohort, fay, manager) -> Cohort:
    """The confirm page's own call: Fay's partner, starting in three weeks, online."""
    return confirm_cohort(
        cohort=cohort,
        partner=fay.partner,
        facilitator=fay,
        starts_on=timezone.localdate() + dt.timedelta(days=21),
        online_link="https://meet.example.com/peers",
        by=manager,
    )


def suggested(round_3, manager) -> tuple[FormingRun, list[Cohort]]:
    """Sixteen leaders waiting, suggested into two cohorts."""
    waiting_pool(round_3, 16)
    first = forming.run(forming.new_run(round=round_3, by=manager, time_limit=TIME_LIMIT).pk)
    return first, list(Cohort.objects.filter(round=round_3).order_by("name"))


def current_memberships() -> dict[int, list[tuple[str, str]]]:
    """Each application's current places, as (cohort name, membership status): one at most each."""
    places: dict[int, list[tuple[str, str]]] = {}
    for application_id, name, status in Membership.objects.exclude(
        status=Membership.Status.WITHDRAWN
    ).values_list("application_id", "cohort__name", "status"):
        places.setdefault(application_id, []).append((name, status))
    return places


def the_confirmed_cohort_is_whole(cohort: Cohort, members: set[int]) -> None:
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.CONFIRMED
    assert set(cohort.memberships.values_list("application_id", "status")) == {
        (pk, Membership.Status.PLACED) for pk in members
    }
    assert set(Application.objects.filter(pk__in=members).values_list("status", flat=True)) == {
        Application.Status.PLACED
    }
    assert all(len(places) == 1 for places in current_memberships().values())
    assert AuditEntry.objects.filter(action="cohort.confirmed", object_id=str(cohort.pk)).count() == 1
    assert sorted(address for email in Email.objects.all() for address in email.to) == sorted(
        [
            *Application.objects.filter(pk__in=members).values_list("leader__email", flat=True),
            "fay@example.com",
        ]
    )


@pytest.mark.django_db
def test_cohort_confirmed_while_the_engine_ran_survives_and_the_run_saves_nothing(
    monkeypatch, round_3, manager, fay
):
    first, (c01, c02) = suggested(round_3, manager)
    c01_members = set(c01.memberships.values_list("application_id", flat=True))
    c02_before = sorted(c02.memberships.values_list("application_id", "status"))

    def checkpoint(step: str) -> None:
        if step == "saving":
            confirm(c01, fay, manager)

    monkeypatch.setattr(forming, "checkpoint", checkpoint)
    run = forming.run(forming.new_run(round=round_3, by=manager, time_limit=TIME_LIMIT).pk)

    assert (run.status, run.error, run.message) == (FormingRun.Status.FAILED, CHANGED, CHANGED)
    the_confirmed_cohort_is_whole(c01, c01_members)
    c02.refresh_from_db()
    assert (c02.status, sorted(c02.memberships.values_list("application_id", "status"))) == (
        Cohort.Status.PROPOSED,
        c02_before,
    )
    assert not Cohort.objects.filter(run=run).exists()
    assert list(
        AuditEntry.objects.filter(action="cohorts.suggested").values_list("data__run", flat=True)
    ) == [first.pk]


@pytest.mark.django_db
def test_cohort_of_leaders_who_applied_while_the_engine_ran_is_confirmed_and_the_run_still_saves(
    monkeypatch, round_3, manager, fay
):
    """Leaders who applied during the run were never the engine's to place: a cohort built by hand from them
    and confirmed meanwhile stands beside the run's cohorts."""
    first, _ = suggested(round_3, manager)
    newcomers = []

    def checkpoint(step: str) -> None:
        if step == "saving":
            for n, (sector, sic) in enumerate(TRADES[16:], start=17):
                newcomers.append(waiting(round_3, f"Leader {n:02d}", business={"sector": sector, "sic": sic}))
            confirm(proposed_cohort(round_3, newcomers, name="C09 By hand"), fay, manager)

    monkeypatch.setattr(forming, "checkpoint", checkpoint)
    run = forming.run(forming.new_run(round=round_3, by=manager, time_limit=TIME_LIMIT).pk)

    assert run.status == FormingRun.Status.DONE
    the_confirmed_cohort_is_whole(Cohort.objects.get(name="C09 By hand"), {a.pk for a in newcomers})
    assert Cohort.objects.filter(round=round_3, status=Cohort.Status.PROPOSED, run=run).count() == 2
    assert not Cohort.objects.filter(run=first).exists()


# Two threads on PostgreSQL.


def waits_for_a_lock() -> None:
    """Return once another connection to the test database is waiting for a row lock."""
    deadline = time.monotonic() + 20
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("nothing waited for a lock")


class Thread(threading.Thread):
    """Runs the call in its own database connection and keeps what it returned or raised."""

    def __init__(self, call):
        super().__init__(daemon=True)
        self.call, self.result, self.error = call, None, None

    def run(self):
        try:
            self.result = self.call()
        except BaseException as error:  # noqa: BLE001 - handed to the test to assert on
            self.error = error
        finally:
            connection.close()


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one writer in at a time for the whole database, so the two cannot interleave",
)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_confirm_that_takes_the_cohort_first_wins_and_the_run_waits_then_saves_nothing(round_3, manager, fay):
    first, (c01, _) = suggested(round_3, manager)
    c01_members = set(c01.memberships.values_list("application_id", flat=True))
    confirmed, go = threading.Event(), threading.Event()

    def confirm_and_hold():
        with transaction.atomic():
            confirm(c01, fay, manager)
            confirmed.set()
            go.wait(20)

    run = forming.new_run(round=round_3, by=manager, time_limit=TIME_LIMIT)
    confirming = Thread(confirm_and_hold)
    confirming.start()
    assert confirmed.wait(20)
    running = Thread(lambda: forming.run(run.pk))
    running.start()
    waits_for_a_lock()
    go.set()
    confirming.join(20)
    running.join(20)

    assert (confirming.error, running.error) == (None, None)
    run.refresh_from_db()
    assert (run.status, run.error) == (FormingRun.Status.FAILED, CHANGED)
    the_confirmed_cohort_is_whole(c01, c01_members)
    assert not Cohort.objects.filter(run=run).exists()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_run_that_takes_the_cohorts_first_wins_and_the_confirm_waits_then_is_refused(
    monkeypatch, round_3, manager, fay
):
    first, (c01, _) = suggested(round_3, manager)
    saved, go = threading.Event(), threading.Event()

    def checkpoint(step: str) -> None:
        if step == "saved":
            saved.set()
            go.wait(20)

    monkeypatch.setattr(forming, "checkpoint", checkpoint)
    run = forming.new_run(round=round_3, by=manager, time_limit=TIME_LIMIT)
    running = Thread(lambda: forming.run(run.pk))
    running.start()
    assert saved.wait(20)
    confirming = Thread(lambda: confirm(c01, fay, manager))
    confirming.start()
    waits_for_a_lock()
    go.set()
    running.join(20)
    confirming.join(20)

    assert running.error is None
    assert isinstance(confirming.error, ConfirmRefused)
    assert confirming.error.errors == {None: REPLACED}
    run.refresh_from_db()
    assert run.status == FormingRun.Status.DONE
    assert not Cohort.objects.filter(pk=c01.pk).exists()
    assert not Cohort.objects.filter(status=Cohort.Status.CONFIRMED).exists()
    assert set(Application.objects.values_list("status", flat=True)) == {Application.Status.WAITING}
    assert all(
        places == [(places[0][0], Membership.Status.PROPOSED)] for places in current_memberships().values()
    )
    assert not AuditEntry.objects.filter(action="cohort.confirmed").exists()
    assert not Email.objects.exists()
