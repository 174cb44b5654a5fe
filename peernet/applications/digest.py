"""The managers' daily digest of new applications: one email per hub per day, however often it runs."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from peernet.accounts.models import HUB_STAFF_ROLES, Hub, User
from peernet.applications import emails
from peernet.applications.models import Application, DigestRun


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Midnight to midnight in Europe/London, whatever the clocks did that day."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    return start, end


def send_for_hub(*, hub: Hub, day: dt.date) -> int | None:
    """Send the hub's digest for `day`; None when it was already sent or there is nothing to send."""
    start, end = day_bounds(day)
    applications = list(
        Application.objects.filter(round__programme__hub=hub, submitted_at__gte=start, submitted_at__lt=end)
        .select_related("round")
        .order_by("submitted_at", "pk")
    )
    recipients = list(
        User.objects.filter(hub=hub, role__in=HUB_STAFF_ROLES, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
    )
    if not applications or not recipients:
        return None
    try:
        with transaction.atomic():
            # The marker row is the guard: a second run for the same day fails here and sends nothing. The
            # email is queued in the outbox in the same transaction, so marker and email are saved together.
            DigestRun.objects.create(hub=hub, day=day, application_count=len(applications))
            emails.send_digest(hub=hub, day=day, applications=applications, recipients=recipients)
    except IntegrityError:
        return None
    return len(applications)


def send_all(*, day: dt.date) -> dict[str, int]:
    sent = {}
    for hub in Hub.objects.order_by("name"):
        count = send_for_hub(hub=hub, day=day)
        if count is not None:
            sent[hub.slug] = count
    return sent
