"""Rounds of the user's hub (every hub for a national viewer): no personal data."""

import datetime as dt

from ninja import Router, Schema

from peernet.api.errors import answers
from peernet.programmes.models import Round

router = Router(tags=["rounds"])


class RoundOut(Schema):
    hub: str
    programme: str
    slug: str
    name: str
    status: str
    funder: str
    starts_on: dt.date
    ends_on: dt.date
    grant_pence: int
    planned_cohorts: int
    planned_participants: int


def rounds_for(user):
    return (
        Round.objects.visible_to(user)
        .select_related("programme__hub")
        .order_by("programme__hub__name", "programme", "number")
    )


@router.get("", response=answers(list[RoundOut], 422), summary="Rounds the user may see")
def list_rounds(request, status: Round.Status | None = None):
    rounds = rounds_for(request.auth)
    if status:
        rounds = rounds.filter(status=status)
    return [
        RoundOut(
            hub=r.programme.hub.slug,
            programme=r.programme.slug,
            slug=r.slug,
            name=r.name,
            status=r.status,
            funder=r.funder,
            starts_on=r.starts_on,
            ends_on=r.ends_on,
            grant_pence=r.grant_pence,
            planned_cohorts=r.planned_cohorts,
            planned_participants=r.planned_participants,
        )
        for r in rounds
    ]
