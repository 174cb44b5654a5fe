"""Inviting a person to a hub in a role, resending the link, and accepting it: the one code path the people
pages, the create_hub command and a cohort's confirmation all use.

An invitation's link carries a random token; only its sha256 is stored. It works once, until it expires
(INVITATION_DAYS). Resending gives the same invitation a new token, so the old link stops working.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from peernet.accounts import audit, signals
from peernet.accounts.models import Hub, Invitation, Role, User, hash_token
from peernet.accounts.permissions import PARTNER_ROLES
from peernet.formats import long_date
from peernet.outbox import tasks as outbox


class InvitationRefused(ValueError):
    """The invitation cannot be sent or accepted as asked; the message says why, in words for the page."""


def link_for(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("accounts:invitation", args=[token])


def find(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, used or expired or not; None for a token never issued."""
    return (
        Invitation.objects.select_related("hub", "delivery_partner")
        .filter(token_hash=hash_token(token))
        .first()
    )


def is_expired(invitation: Invitation, now: dt.datetime | None = None) -> bool:
    return invitation.expires_at <= (now or timezone.now())


def _new_token(invitation: Invitation, now: dt.datetime) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = now + dt.timedelta(days=settings.INVITATION_DAYS)
    # Not stored: the caller puts the link in the email it sends.
    invitation.token = token
    invitation.link = link_for(token)
    return token


def _queue_email(invitation: Invitation) -> None:
    hub = invitation.hub
    outbox.queue(
        to=invitation.email,
        subject=f"You are invited to {hub.short_name or hub.name}'s Peer Networks service",
        body=render_to_string(
            "accounts/email/invitation.txt",
            {
                "invitation": invitation,
                "hub": hub,
                "expires_on": long_date(timezone.localdate(invitation.expires_at)),
            },
        ),
    )


@transaction.atomic
def invite(
    *,
    email: str,
    role: str,
    hub: Hub,
    delivery_partner=None,
    full_name: str = "",
    by,
    send_email: bool = True,
    now: dt.datetime | None = None,
) -> Invitation:
    """Invite `email` to `hub` as `role`, emailing the link unless `send_email` is False (a cohort's
    confirmation puts `invitation.link` in the email it sends instead).

    Inviting an address that already has an open invitation from this hub resends it with the new role: a
    new link, and the old one stops working. An address with an account, or invited by another hub, is
    refused. The returned invitation carries `token` and `link` for this once; neither is stored.
    """
    now = now or timezone.now()
    email = User.objects.normalize_email(email).strip().lower()
    if role not in Role.values or role == Role.NATIONAL_VIEWER:
        raise InvitationRefused("Choose the person's role")
    if role in PARTNER_ROLES:
        if delivery_partner is None:
            raise InvitationRefused("Choose the delivery partner the person works for")
        if delivery_partner.hub_id != hub.pk:
            raise InvitationRefused("Choose one of your hub's delivery partners")
    else:
        delivery_partner = None
    if User.objects.filter(email=email).exists():
        raise InvitationRefused(f"{email} already has an account; change their role on their page instead")
    invitation = Invitation.objects.select_for_update().filter(email=email, accepted_at__isnull=True).first()
    if invitation is not None and invitation.hub_id != hub.pk:
        raise InvitationRefused(f"{email} has been invited to another hub; ask them to use that invitation")
    resent = invitation is not None
    if invitation is None:
        invitation = Invitation(email=email, hub=hub)
    invitation.role = role
    invitation.delivery_partner = delivery_partner
    invitation.full_name = full_name.strip() or invitation.full_name
    invitation.invited_by = by if getattr(by, "is_authenticated", False) else None
    _new_token(invitation, now)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        # Someone else invited the same address at the same moment: theirs stands.
        raise InvitationRefused(f"{email} was invited a moment ago; see the people page") from None
    audit.record(
        actor=by,
        action="invitation.resent" if resent else "invitation.sent",
        subject=invitation,
        hub=hub,
        summary=f"{email} invited as {invitation.get_role_display().lower()}"
        + (f" of {delivery_partner.name}" if delivery_partner else ""),
        data={"role": role, "delivery_partner": delivery_partner.pk if delivery_partner else None},
    )
    if send_email:
        _queue_email(invitation)
    return invitation


@transaction.atomic
def resend(*, invitation: Invitation, by, now: dt.datetime | None = None) -> Invitation:
    """A new link for an invitation not yet accepted, emailed to its address; the old link stops working."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().select_related("hub").get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationRefused(f"{invitation.email} has already accepted their invitation")
    _new_token(invitation, now)
    invitation.save(update_fields=["token_hash", "expires_at"])
    audit.record(
        actor=by,
        action="invitation.resent",
        subject=invitation,
        hub=invitation.hub,
        summary=f"New invitation link sent to {invitation.email}",
    )
    _queue_email(invitation)
    return invitation


@transaction.atomic
def renew_for_holder(*, invitation: Invitation, now: dt.datetime | None = None) -> None:
    """Someone holding an expired or used link asked for a new one. The email goes to the invitation's own
    address, never to whoever asked: a fresh link if it was never accepted, else a reminder to sign in."""
    now = now or timezone.now()
    if invitation.accepted_at is None:
        resend(invitation=invitation, by=None, now=now)
        return
    outbox.queue(
        to=invitation.email,
        subject="Sign in to the Peer Networks service",
        body=render_to_string(
            "accounts/email/invitation_used.txt",
            {"invitation": invitation, "hub": invitation.hub, "site_url": settings.SITE_URL},
        ),
    )


@transaction.atomic
def accept(*, invitation: Invitation, password: str, full_name: str, now: dt.datetime | None = None) -> User:
    """Create (or reopen) the invited person's account with this password, and mark the invitation used.

    The password is checked against AUTH_PASSWORD_VALIDATORS by the form beforehand. Sends
    signals.invitation_accepted in this transaction, so the person's facilitator or leader record is linked
    with it.
    """
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("hub", "delivery_partner")
        .get(pk=invitation.pk)
    )
    if invitation.accepted_at is not None:
        raise InvitationRefused("This invitation has already been used")
    if is_expired(invitation, now):
        raise InvitationRefused("This invitation has expired")
    user = User.objects.select_for_update().filter(email=invitation.email).first()
    if user is not None and (user.hub_id != invitation.hub_id or user.is_superuser):
        raise InvitationRefused("This invitation cannot be used; ask your hub for a new one")
    if user is None:
        user = User(email=invitation.email)
    user.full_name = full_name.strip() or invitation.full_name or invitation.email
    user.role = invitation.role
    user.hub = invitation.hub
    user.delivery_partner = invitation.delivery_partner
    user.is_active = True
    user.set_password(password)
    user.save()
    invitation.accepted_at = now
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    audit.record(
        actor=user,
        action="invitation.accepted",
        subject=user,
        hub=invitation.hub,
        summary=f"{user.full_name} ({user.email}) accepted their invitation "
        f"as {user.get_role_display().lower()}",
        data={"invitation": invitation.pk},
    )
    signals.invitation_accepted.send(sender=Invitation, user=user, invitation=invitation)
    return user
