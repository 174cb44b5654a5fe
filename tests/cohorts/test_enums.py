"""The named groups of cohort and membership statuses: each a set of real statuses, each idea once."""

from peernet.cohorts.enums import CohortStatus, MembershipStatus
from peernet.cohorts.models import Cohort, Membership


def test_cohort_groups_are_statuses_of_cohorts():
    assert set(CohortStatus.COUNTED) == {CohortStatus.CONFIRMED, CohortStatus.RUNNING, CohortStatus.COMPLETED}
    assert CohortStatus.PROPOSED not in CohortStatus.COUNTED
    assert Cohort.Status is CohortStatus


def test_membership_groups_are_statuses_of_memberships():
    values = set(MembershipStatus.values)

    assert set(MembershipStatus.CURRENT) == {"placed", "active", "completed"}
    assert set(MembershipStatus.HOLDING) == {"proposed", "placed", "active"}
    assert set(MembershipStatus.LISTED) == values - {MembershipStatus.WITHDRAWN}
    assert set(MembershipStatus.CURRENT) | set(MembershipStatus.HOLDING) <= values
    assert Membership.Status is MembershipStatus


def test_groups_are_not_choices():
    assert "COUNTED" not in CohortStatus.names
    assert len(MembershipStatus.choices) == 5
