"""Who may see survey responses and case studies. Aggregates are computed elsewhere; these are the records."""

from django.db.models import QuerySet

from peernet.accounts import permissions as can


def responses_visible_to(queryset: QuerySet, user) -> QuerySet:
    if can.is_hub_staff(user):
        return queryset.filter(survey__round__programme__hub_id=user.hub_id)
    if can.is_participant(user):
        return queryset.filter(application__leader__user=user)
    return queryset.none()


def case_studies_visible_to(queryset: QuerySet, user) -> QuerySet:
    if can.is_hub_staff(user):
        return queryset.filter(application__round__programme__hub_id=user.hub_id)
    if can.is_participant(user):
        return queryset.filter(application__leader__user=user)
    return queryset.none()
