"""What the applications app sends: the applicant's confirmation and the managers' daily digest."""

from django.core.mail import send_mail
from django.template.loader import render_to_string

from peernet.applications.models import Application, EligibilityDecision
from peernet.formats import long_date


def send_confirmation(*, application: Application, decision: EligibilityDecision) -> None:
    """Tell the applicant their reference and the decision, with every failed rule's reason."""
    round = application.round
    context = {"application": application, "decision": decision, "round": round, "hub": round.programme.hub}
    send_mail(
        subject=f"Your application to {round.programme.name} {round.name}: {application.reference}",
        message=render_to_string("applications/email/confirmation.txt", context),
        from_email=None,
        recipient_list=[application.leader.email],
    )


def send_digest(*, hub, day, applications: list[Application], recipients: list[str]) -> None:
    context = {"hub": hub, "day": day, "applications": applications}
    send_mail(
        subject=f"{len(applications)} new application{'s' if len(applications) != 1 else ''} on "
        f"{long_date(day)}",
        message=render_to_string("applications/email/digest.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
