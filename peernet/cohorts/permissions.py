"""Who may see which cohorts and memberships: staff their hub's, a partner its own, a facilitator the
cohorts they run, a participant their own; board members and national viewers none (aggregates only).
Proposed cohorts are for hub staff alone; a proposed membership is not yet a place, so its leader does not
see it either."""

from django.db.models import QuerySet

from peernet.accounts import permissions as can


def cohorts_visible_to(queryset: QuerySet, user) -> QuerySet:
    if can.is_hub_staff(user):
        return queryset.filter(round__programme__hub_id=user.hub_id)
    # A proposal is the hub's working draft: partners and facilitators see a cohort once it is confirmed.
    if can.is_partner_manager(user):
        return queryset.filter(partner_id=user.delivery_partner_id).exclude(status="proposed")
    if can.is_facilitator(user):
        return queryset.filter(facilitator__user=user).exclude(status="proposed")
    if can.is_participant(user):
        return queryset.filter(
            memberships__application__leader__user=user,
            memberships__status__in=CURRENT_MEMBER_STATUSES,
        ).distinct()
    return queryset.none()


def memberships_visible_to(queryset: QuerySet, user) -> QuerySet:
    from peernet.cohorts.models import Cohort

    return queryset.filter(cohort__in=cohorts_visible_to(Cohort.objects.all(), user))


CURRENT_MEMBER_STATUSES = ("placed", "active", "completed")
