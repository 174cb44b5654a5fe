"""Cohort pages. Every cohort is found through Cohort.objects.visible_to(user): anyone else gets a 404."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from peernet.accounts import permissions as can
from peernet.cohorts.models import Cohort, Membership
from peernet.programmes.models import Round


@login_required
def cohort_detail(request, code: str):
    user = request.user
    cohort = get_object_or_404(
        Cohort.objects.visible_to(user).select_related(
            "round__programme", "partner", "facilitator", "confirmed_by"
        ),
        code=code,
    )
    members = cohort.memberships.select_related("application__leader", "application__business").order_by(
        "application__leader__full_name"
    )
    if can.is_participant(user):
        # Fellow members see who is in the group now, not who left it.
        members = members.filter(status__in=Membership.Status.CURRENT)
    return render(
        request,
        "cohorts/cohort_detail.html",
        {
            "cohort": cohort,
            "members": members,
            "meetings": cohort.meetings.order_by("starts_at"),
            "show_member_status": not can.is_participant(user),
            "is_staff": can.is_hub_staff(user),
        },
    )


@login_required
def rounds(request):
    """Hub staff's way in to each round's cohorts: how many there are, and the round's cohorts page."""
    if not can.is_hub_staff(request.user):
        raise PermissionDenied
    hub_rounds = (
        Round.objects.visible_to(request.user)
        .select_related("programme")
        .annotate(
            cohort_count=Count("cohorts", filter=Q(cohorts__status__in=Cohort.Status.COUNTED), distinct=True)
        )
        .order_by("programme__name", "-number")
    )
    return render(request, "cohorts/rounds.html", {"rounds": hub_rounds})
