"""Who may see which cohorts and memberships: staff their hub's, a partner its own, a facilitator the
cohorts they run, a participant their own; board members and national viewers none (aggregates only).
Proposed cohorts are for hub staff alone; a proposed membership is not yet a place, so its leader does not
see it either.

The predicates take a path to the cohort (`"cohort__"` from a membership or a meeting), so they filter any
queryset that reaches a cohort without importing a model.
"""

from django.db.models import QuerySet

from peernet.accounts import permissions as can
from peernet.cohorts.enums import CohortStatus, MembershipStatus


def cohorts_visible_to(queryset: QuerySet, user, *, path: str = "") -> QuerySet:
    """`queryset` filtered to the cohorts (reached through `path`) that the user may see."""
    if can.is_hub_staff(user):
        return queryset.filter(**{f"{path}round__programme__hub_id": user.hub_id})
    # A proposal is the hub's working draft: partners and facilitators see a cohort once it is confirmed.
    if can.is_partner_manager(user):
        return queryset.filter(**{f"{path}partner_id": user.delivery_partner_id}).exclude(
            **{f"{path}status": CohortStatus.PROPOSED}
        )
    if can.is_facilitator(user):
        return queryset.filter(**{f"{path}facilitator__user": user}).exclude(
            **{f"{path}status": CohortStatus.PROPOSED}
        )
    if can.is_participant(user):
        return queryset.filter(
            **{
                f"{path}memberships__application__leader__user": user,
                f"{path}memberships__status__in": MembershipStatus.CURRENT,
            }
        ).distinct()
    return queryset.none()


def memberships_visible_to(queryset: QuerySet, user) -> QuerySet:
    return cohorts_visible_to(queryset, user, path="cohort__")
