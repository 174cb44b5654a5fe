"""The one audit helper: who did what to which record, when and why."""

import pytest

from peernet.accounts import audit
from peernet.accounts.models import AuditEntry, Role
from tests import factories


@pytest.mark.django_db
def test_record_takes_hub_from_subject_and_keeps_reason(hub, make_user):
    round_ = factories.RoundFactory(programme=factories.ProgrammeFactory(hub=hub))
    manager = make_user(Role.PROGRAMME_MANAGER, hub)

    entry = audit.record(
        actor=manager, action="round.changed", subject=round_, summary="Rules changed", reason="Funder asked"
    )

    assert entry.hub == hub
    assert entry.subject == round_
    assert entry.reason == "Funder asked"
    assert list(audit.trail_for(round_)) == [entry]


@pytest.mark.django_db
def test_record_without_actor_is_the_system_and_long_summary_is_cut(hub):
    entry = audit.record(actor=None, action="x", subject=None, hub=hub, summary="y" * 400)

    assert entry.actor is None
    assert len(entry.summary) == 300
    assert entry.summary.endswith("…")
    assert AuditEntry.objects.count() == 1
