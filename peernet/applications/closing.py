"""Closing a round: its applicants still waiting for a cohort are told, and offered a place in the next
round's pool. The offer is a signed link; saying yes there applies them to the next open round with the
facts of their last application, through submit_application like any other application."""

import datetime as dt

from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from peernet.accounts import audit
from peernet.applications.answers import ApplicationAnswers
from peernet.applications.models import Application
from peernet.applications.records import EQUALITY_ANSWERS
from peernet.applications.workflow import submit_application
from peernet.outbox import tasks as outbox
from peernet.programmes.models import Round

SALT = "peernet.applications.carry-over"
# An offer stands long enough for the next round to open after this one closes.
OFFER_DAYS = 180
CLOSABLE = (Round.Status.OPEN, Round.Status.DELIVERING)
# Applicants who were eligible and never placed.
STILL_WAITING = (Application.Status.ELIGIBLE, Application.Status.WAITING)


class TransitionNotAllowed(ValueError):
    """The round cannot be closed from where it is; the message says why."""


class OfferNotValid(ValueError):
    """The link is not one we sent, or is too old; the message says what to do."""


def offer_token(application: Application) -> str:
    return signing.dumps({"application": application.pk}, salt=SALT, compress=True)


def application_for_token(token: str) -> Application:
    try:
        payload = signing.loads(token, salt=SALT, max_age=dt.timedelta(days=OFFER_DAYS))
    except signing.SignatureExpired:
        raise OfferNotValid(
            "This link has expired. Apply on the public form when the next round opens."
        ) from None
    except signing.BadSignature:
        raise OfferNotValid(
            "This link is not one we sent. Check you copied all of it from the email."
        ) from None
    application = (
        Application.objects.select_related("round__programme__hub", "leader", "district")
        .filter(pk=payload.get("application"))
        .first()
    )
    if application is None:
        raise OfferNotValid("We no longer hold the application this link was for.")
    return application


def still_waiting(round: Round):
    return Application.objects.filter(round=round, status__in=STILL_WAITING).select_related("leader")


@transaction.atomic
def close_round(*, round: Round, by, base_url: str) -> int:
    """Open or delivering → closed. Each applicant still waiting is emailed an offer of the next round's
    pool (base_url, like https://peer.example.org, starts the link). Returns how many were told."""
    moved = Round.objects.filter(pk=round.pk, status__in=CLOSABLE).update(status=Round.Status.CLOSED)
    if not moved:
        round.refresh_from_db(fields=["status"])
        raise TransitionNotAllowed(
            f"{round.name} is {round.get_status_display().lower()}; it cannot be closed"
        )
    round.status = Round.Status.CLOSED
    hub = round.programme.hub
    waiting = list(still_waiting(round))
    for application in waiting:
        link = base_url + reverse("applications:carry_over", kwargs={"token": offer_token(application)})
        outbox.queue(
            to=application.leader.email,
            subject=f"{round.programme.name} {round.name} has closed: a place in the next round",
            body=render_to_string(
                "applications/email/round_closed.txt",
                {"application": application, "round": round, "hub": hub, "link": link, "days": OFFER_DAYS},
            ),
        )
    audit.record(
        actor=by,
        action="round.closed",
        subject=round,
        summary=f"{round.name} closed; applicants still waiting told: {len(waiting)}",
        data={"told": [a.reference for a in waiting]},
    )
    return len(waiting)


def next_open_round(application: Application) -> Round | None:
    round = application.round
    return (
        Round.objects.filter(programme=round.programme, status=Round.Status.OPEN, number__gt=round.number)
        .select_related("programme__hub")
        .order_by("number")
        .first()
    )


def answers_from_application(application: Application, *, round: Round) -> ApplicationAnswers:
    """The last application's facts, as the applicant gave them, for their application to `round`."""
    offered = set(round.themes.values_list("pk", flat=True))
    return ApplicationAnswers(
        business_name=application.business_name,
        company_number=application.company_number,
        legal_form=application.legal_form,
        trading_since=application.trading_since,
        employees=application.employees,
        turnover_pence=application.turnover_pence,
        sic=application.sic,
        postcode=application.postcode,
        district=application.district,
        ownership=list(application.ownership),
        leader_name=application.leader_name,
        leader_role=application.job_title,
        email=application.leader.email,
        phone=application.phone,
        themes=[t for t in application.themes.all() if t.pk in offered],
        challenge=application.challenge,
        mode=application.mode,
        slots=list(application.slots),
        organisation=application.organisation,
        subsidy_within_threshold=application.subsidy_within_threshold,
        subsidy_prior_assistance_pence=application.subsidy_prior_assistance_pence,
        privacy_notice_version=round.privacy_notice_version,
        **{name: getattr(application, name) for name in EQUALITY_ANSWERS},
    )


def carry_over(*, application: Application) -> Application:
    """The applicant said yes: apply them to the next open round from their last application's facts.

    Raises OfferNotValid when no later round is open, and AlreadyApplied when they have applied to it."""
    round = next_open_round(application)
    if application.round.status != Round.Status.CLOSED:
        raise OfferNotValid("The round you applied to has not closed.")
    if round is None:
        raise OfferNotValid(
            "The next round is not open yet. Come back to this link once it opens; we will keep your answers."
        )
    return submit_application(round=round, answers=answers_from_application(application, round=round))
