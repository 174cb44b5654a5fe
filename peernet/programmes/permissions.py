"""Who may see which rounds. A round holds no personal data: anyone signed in to a hub sees that hub's
rounds, a national viewer every hub's, and nobody else any."""

from django.db.models import QuerySet

from peernet.accounts import permissions as can


def rounds_visible_to(queryset: QuerySet, user) -> QuerySet:
    if can.is_national_viewer(user):
        return queryset
    if can.is_signed_in(user) and user.hub_id is not None:
        return queryset.filter(programme__hub_id=user.hub_id)
    return queryset.none()
