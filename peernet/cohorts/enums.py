"""The lifecycles of cohorts and memberships, and the named groups of their statuses.

This module imports no models, so permission predicates and any app may use the groups without importing
the models they filter. Each idea is named once here; code uses the group, never a list of literals.
"""

from enum import nonmember

from django.db import models


class CohortStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"

    # A cohort that goes ahead: it uses up one of its contract's awarded cohorts and counts in every figure.
    COUNTED = nonmember(("confirmed", "running", "completed"))


class MembershipStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    PLACED = "placed", "Placed"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"

    # A current member: a place in a confirmed cohort, taken up or finished. What fellow members, the
    # participant's own access and every member count go by.
    CURRENT = nonmember(("placed", "active", "completed"))
    # A place held now, in a proposal or a cohort under way: what the hard rules check a cohort against.
    HOLDING = nonmember(("proposed", "placed", "active"))
    # On the cohort's list at all: every membership but a withdrawn one (at most one per application).
    LISTED = nonmember(("proposed", "placed", "active", "completed"))
