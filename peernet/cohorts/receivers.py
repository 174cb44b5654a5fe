"""How cohorts follow an application's moves, announced by peernet.applications.signals.

Connected in CohortsConfig.ready(). Each receiver runs inside the transaction of the move that sent it.
"""

from peernet.applications.models import Application
from peernet.cohorts.models import Membership


def leave_proposed_cohort(*, application: Application, **kwargs) -> None:
    """An application no longer waiting loses the place suggested for it; the leader was never told of it."""
    Membership.objects.filter(application=application, status=Membership.Status.PROPOSED).delete()


def end_membership(*, application: Application, reason: str, on, **kwargs) -> None:
    """A withdrawn application's place in a confirmed cohort ends that day, with the officer's reason.

    A withdrawn member stays on the staff's list of the cohort, marked withdrawn, and no longer sees it.
    A completed membership is history and stays as it was.
    """
    Membership.objects.filter(
        application=application, status__in=(Membership.Status.PLACED, Membership.Status.ACTIVE)
    ).update(status=Membership.Status.WITHDRAWN, left_on=on, withdrawn_reason=reason)
