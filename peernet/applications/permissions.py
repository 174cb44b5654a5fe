"""Who may see which leaders and applications. Every view, export and endpoint starts from these."""

from django.db.models import Q, QuerySet

from peernet.accounts import permissions as can


def leaders_visible_to(queryset: QuerySet, user) -> QuerySet:
    if can.is_hub_staff(user):
        return queryset.filter(hub_id=user.hub_id)
    if can.is_partner_manager(user):
        return queryset.filter(
            Q(applications__memberships__cohort__partner_id=user.delivery_partner_id)
            | Q(applications__recruited_by_id=user.delivery_partner_id)
        ).distinct()
    if can.is_facilitator(user):
        return queryset.filter(applications__memberships__cohort__facilitator__user=user).distinct()
    if can.is_participant(user):
        return queryset.filter(user=user)
    return queryset.none()


def applications_visible_to(queryset: QuerySet, user) -> QuerySet:
    if can.is_hub_staff(user):
        return queryset.filter(round__programme__hub_id=user.hub_id)
    if can.is_partner_manager(user):
        return queryset.filter(
            Q(memberships__cohort__partner_id=user.delivery_partner_id)
            | Q(recruited_by_id=user.delivery_partner_id)
        ).distinct()
    if can.is_facilitator(user):
        return queryset.filter(memberships__cohort__facilitator__user=user).distinct()
    if can.is_participant(user):
        return queryset.filter(leader__user=user)
    return queryset.none()
