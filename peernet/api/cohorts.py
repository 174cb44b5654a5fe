"""Cohorts the user may see (Cohort.objects.visible_to), with their members' references."""

import datetime as dt

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from peernet.accounts import permissions as can
from peernet.api.errors import answers
from peernet.cohorts.models import Cohort, Membership

router = Router(tags=["cohorts"])


class CohortOut(Schema):
    code: str
    name: str
    round: str
    status: str
    basis: str
    basis_value: str
    slot: str
    mode: str
    partner: str | None
    facilitator: str | None
    starts_on: dt.date | None
    members: int


class MemberOut(Schema):
    reference: str
    name: str
    business: str
    status: str


class CohortDetailOut(CohortOut):
    member_list: list[MemberOut]


def refuse_aggregate_roles(user) -> None:
    if can.is_board_member(user) or can.is_national_viewer(user):
        raise HttpError(403, "This role sees aggregate figures only")


def cohort_out(cohort: Cohort) -> dict:
    return {
        "code": cohort.code,
        "name": cohort.name,
        "round": cohort.round.slug,
        "status": cohort.status,
        "basis": cohort.basis,
        "basis_value": cohort.basis_value,
        "slot": cohort.slot,
        "mode": cohort.mode,
        "partner": cohort.partner.name if cohort.partner else None,
        "facilitator": cohort.facilitator.full_name if cohort.facilitator else None,
        "starts_on": cohort.starts_on,
        "members": cohort.member_count,
    }


def visible_cohorts(user):
    return (
        Cohort.objects.visible_to(user)
        .select_related("round", "partner", "facilitator")
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__status__in=Membership.Status.LISTED), distinct=True
            )
        )
        .order_by("round__number", "name")
    )


@router.get("", response=answers(list[CohortOut], 403), summary="Cohorts the user may see")
def list_cohorts(request, round: str | None = None):
    refuse_aggregate_roles(request.auth)
    cohorts = visible_cohorts(request.auth)
    if round:
        cohorts = cohorts.filter(round__slug=round)
    return [cohort_out(cohort) for cohort in cohorts]


@router.get("/{code}", response=answers(CohortDetailOut, 403, 404), summary="One cohort and its members")
def get_cohort(request, code: str):
    refuse_aggregate_roles(request.auth)
    members = Membership.objects.select_related("application__leader", "application__business")
    cohort = get_object_or_404(
        visible_cohorts(request.auth).prefetch_related(Prefetch("memberships", queryset=members)), code=code
    )
    member_list = [
        {
            "reference": m.application.reference,
            "name": m.application.leader.full_name,
            "business": m.application.business.name,
            "status": m.status,
        }
        for m in cohort.memberships.all()
    ]
    return {**cohort_out(cohort), "member_list": member_list}
