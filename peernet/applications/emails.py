"""What the applications app sends: the applicant's confirmation and the managers' daily digest.

Each is queued in the outbox inside the caller's transaction and sent by the worker once it commits.
"""

from django.template.loader import render_to_string

from peernet.applications.models import Application, EligibilityDecision
from peernet.formats import long_date
from peernet.outbox import tasks as outbox


def send_confirmation(*, application: Application, decision: EligibilityDecision) -> None:
    """Tell the applicant their reference and the decision, with every failed rule's reason."""
    round = application.round
    context = {"application": application, "decision": decision, "round": round, "hub": round.programme.hub}
    outbox.queue(
        to=application.leader.email,
        subject=f"Your application to {round.programme.name} {round.name}: {application.reference}",
        body=render_to_string("applications/email/confirmation.txt", context),
    )


def send_digest(*, hub, day, applications: list[Application], recipients: list[str]) -> None:
    context = {"hub": hub, "day": day, "applications": applications}
    outbox.queue(
        to=recipients,
        subject=f"{len(applications)} new application{'s' if len(applications) != 1 else ''} on "
        f"{long_date(day)}",
        body=render_to_string("applications/email/digest.txt", context),
    )
