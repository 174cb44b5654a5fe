"""The one way to write the audit trail: every workflow function calls record()."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from peernet.accounts.models import AuditEntry, Hub

SUMMARY_MAX = AuditEntry._meta.get_field("summary").max_length


def _hub_of(subject) -> Hub | None:
    # Most subjects reach their hub directly or through a property; a subject without one is hub-less.
    try:
        hub = getattr(subject, "hub", None)
    except models.ObjectDoesNotExist:
        return None
    return hub if isinstance(hub, Hub) else None


def record(
    *,
    actor,
    action: str,
    subject=None,
    summary: str,
    reason: str = "",
    data: dict | None = None,
    hub: Hub | None = None,
) -> AuditEntry:
    """Write who (None for the system) did what to which record, and why. Never edited afterwards."""
    if summary and len(summary) > SUMMARY_MAX:
        summary = summary[: SUMMARY_MAX - 1] + "…"
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    entry = AuditEntry(
        hub=hub if hub is not None else _hub_of(subject),
        actor=actor,
        action=action,
        summary=summary,
        reason=reason or "",
        data=data or {},
    )
    if subject is not None and subject.pk is not None:
        entry.content_type = ContentType.objects.get_for_model(subject)
        entry.object_id = str(subject.pk)
    entry.save()
    return entry


def trail_for(subject) -> models.QuerySet:
    """The audit entries about one record, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).select_related("actor")
