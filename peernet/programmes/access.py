"""The access helper for hub staff's round pages: the round, or 403 for other roles and 404 for other hubs."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from peernet.accounts import permissions as can
from peernet.programmes.models import Round


def staff_round(request, round_id: int) -> Round:
    """The round, if the user is staff of its hub: 403 for other roles, 404 for another hub's round."""
    if not can.is_hub_staff(request.user):
        raise PermissionDenied
    return get_object_or_404(
        Round.objects.visible_to(request.user).select_related("programme__hub"), pk=round_id
    )
