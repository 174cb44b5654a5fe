"""A hub's people: changing someone's role, deactivating and reactivating them. Each is one function that
checks, saves and writes the audit entry; the people pages call them after checking permissions."""

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from peernet.accounts import audit, signals
from peernet.accounts.models import User
from peernet.accounts.permissions import PARTNER_ROLES


class PersonRefused(ValueError):
    """The change cannot be made as asked; the message says why."""


@transaction.atomic
def change_role(*, person: User, role: str, delivery_partner=None, by) -> User:
    """Give `person` a new role (and partner, for a partner role)."""
    if role in PARTNER_ROLES:
        if delivery_partner is None:
            raise PersonRefused("Choose the delivery partner the person works for")
        if delivery_partner.hub_id != person.hub_id:
            raise PersonRefused("Choose one of your hub's delivery partners")
    else:
        delivery_partner = None
    before = person.get_role_display().lower()
    before_partner = person.delivery_partner_id
    person.role = role
    person.delivery_partner = delivery_partner
    person.save(update_fields=["role", "delivery_partner"])
    audit.record(
        actor=by,
        action="person.role_changed",
        subject=person,
        hub=person.hub,
        summary=f"{person.full_name}: {before} → {person.get_role_display().lower()}"
        + (f" of {delivery_partner.name}" if delivery_partner else ""),
        data={
            "role": role,
            "delivery_partner": delivery_partner.pk if delivery_partner else None,
            "previous_delivery_partner": before_partner,
        },
    )
    signals.role_changed.send(sender=User, user=person)
    return person


@transaction.atomic
def deactivate(*, person: User, by) -> User:
    """Close someone's account: they cannot sign in, and every session they have open ends now."""
    if not person.is_active:
        raise PersonRefused(f"{person.full_name} is already deactivated")
    person.is_active = False
    person.save(update_fields=["is_active"])
    # A new generation changes the hash every session keeps of its user, so a session the store could not be
    # searched for (a cookie or cache store) ends too, and stays ended after a reactivation.
    User.objects.filter(pk=person.pk).update(sessions_generation=F("sessions_generation") + 1)
    person.refresh_from_db(fields=["sessions_generation"])
    ended = end_sessions(person)
    audit.record(
        actor=by,
        action="person.deactivated",
        subject=person,
        hub=person.hub,
        summary=f"{person.full_name} deactivated; {ended} open session{'s' if ended != 1 else ''} ended",
    )
    return person


@transaction.atomic
def reactivate(*, person: User, by) -> User:
    """Reopen a closed account: they sign in with the password they had."""
    if person.is_active:
        raise PersonRefused(f"{person.full_name} is already active")
    person.is_active = True
    person.save(update_fields=["is_active"])
    audit.record(
        actor=by,
        action="person.reactivated",
        subject=person,
        hub=person.hub,
        summary=f"{person.full_name} reactivated",
    )
    return person


def end_sessions(user: User) -> int:
    """Delete every session signed in as `user` from the session store; returns how many ended.

    A session records its user only inside its encoded data, so the store's unexpired sessions are read one
    by one: deactivating someone is rare. An inactive user is refused by the authentication backend on
    their next request anyway; deleting the sessions makes sure a reactivation does not bring them back.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not issubclass(store_class, DatabaseSessionStore):
        # A cookie or cache store cannot be searched; deactivate() has changed the sessions' hash instead.
        return 0
    model = store_class.get_model_class()
    ended = 0
    wanted = str(user.pk)
    for session in model.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == wanted:
            # Through the store, so a cached_db store forgets its cached copy too.
            store_class(session_key=session.session_key).delete()
            ended += 1
    return ended
