"""The moves of peernet.applications.workflow that no page test reaches alone: placing a cohort's members."""

import datetime as dt

import pytest

from peernet.accounts.models import AuditEntry
from peernet.applications.models import Application
from peernet.applications.workflow import TransitionNotAllowed, place
from tests import factories

NOW = dt.datetime(2027, 1, 11, 10, 0, tzinfo=dt.UTC)


def test_place_moves_each_waiting_application_and_audits_it(round_3, manager):
    first, second = factories.ApplicationFactory.create_batch(2, round=round_3)

    placed = place(
        applications=[first, second], cohort_code="c0ffee01", cohort_name="Makers", by=manager, now=NOW
    )

    assert [(a.status, a.status_changed_at) for a in placed] == [(Application.Status.PLACED, NOW)] * 2
    assert sorted(Application.objects.values_list("reference", "status", "status_changed_at")) == sorted(
        (a.reference, Application.Status.PLACED, NOW) for a in (first, second)
    )
    entries = AuditEntry.objects.filter(action="application.placed").order_by("summary")
    assert [(e.actor, e.hub, e.subject, e.summary, e.data) for e in entries] == [
        (
            manager,
            round_3.programme.hub,
            a,
            f"{a.reference}: placed in Makers",
            {"cohort": "c0ffee01", "from": "waiting", "to": "placed"},
        )
        for a in sorted((first, second), key=lambda a: a.reference)
    ]


def test_place_refuses_all_when_one_is_no_longer_waiting(round_3, manager):
    first, second = factories.ApplicationFactory.create_batch(2, round=round_3)
    # Read as waiting, then withdrawn by another officer before the cohort is confirmed.
    Application.objects.filter(pk=second.pk).update(
        status=Application.Status.WITHDRAWN, withdrawn_reason="Sold the business"
    )

    with pytest.raises(TransitionNotAllowed) as refused:
        place(applications=[first, second], cohort_code="c0ffee01", cohort_name="Makers", by=manager, now=NOW)

    assert str(refused.value) == (
        f"Only applications waiting for a cohort can be placed in Makers; not waiting: {second.reference}"
    )
    assert sorted(Application.objects.values_list("status", flat=True)) == ["waiting", "withdrawn"]
    assert not AuditEntry.objects.exists()
