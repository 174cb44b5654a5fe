"""Role predicates: who may do what, as plain functions tested on their own."""

from peernet.accounts.models import HUB_STAFF_ROLES, Role


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_operator(user) -> bool:
    """A platform operator: a superuser in no hub, the only person the Django admin lets in."""
    return is_signed_in(user) and user.is_superuser and user.hub_id is None


def is_hub_staff(user) -> bool:
    """Hub admins and programme managers: personal data across their own hub."""
    return is_signed_in(user) and user.role in HUB_STAFF_ROLES and user.hub_id is not None


def is_staff_of_hub(user, hub_id: int) -> bool:
    """Hub staff acting on one hub's records: their own hub only."""
    return is_hub_staff(user) and user.hub_id == hub_id


def is_hub_admin(user) -> bool:
    return is_signed_in(user) and user.role == Role.HUB_ADMIN and user.hub_id is not None


def is_partner_manager(user) -> bool:
    return is_signed_in(user) and user.role == Role.PARTNER_MANAGER and user.delivery_partner_id is not None


def is_facilitator(user) -> bool:
    return is_signed_in(user) and user.role == Role.FACILITATOR


def is_participant(user) -> bool:
    return is_signed_in(user) and user.role == Role.PARTICIPANT


def is_board_member(user) -> bool:
    return is_signed_in(user) and user.role == Role.BOARD_MEMBER and user.hub_id is not None


def is_national_viewer(user) -> bool:
    return is_signed_in(user) and user.role == Role.NATIONAL_VIEWER


def can_see_hub_aggregates(user, hub) -> bool:
    """Aggregate figures (never a person) for one hub: its staff, its board, and national viewers."""
    if is_national_viewer(user):
        return True
    return (is_hub_staff(user) or is_board_member(user)) and user.hub_id == hub.pk


# Who each role may invite, and give as a role: a hub admin anyone in the hub, a programme manager the
# partners' people, a partner manager their own partner's facilitators. Participants come by their cohort's
# confirmation, national viewers and operators by a command.
INVITES = {
    Role.HUB_ADMIN: (
        Role.HUB_ADMIN,
        Role.PROGRAMME_MANAGER,
        Role.BOARD_MEMBER,
        Role.PARTNER_MANAGER,
        Role.FACILITATOR,
    ),
    Role.PROGRAMME_MANAGER: (Role.PARTNER_MANAGER, Role.FACILITATOR),
    Role.PARTNER_MANAGER: (Role.FACILITATOR,),
}
PARTNER_ROLES = frozenset({Role.PARTNER_MANAGER, Role.FACILITATOR})


def roles_to_invite(user) -> tuple[str, ...]:
    """The roles this person may invite someone to, or give someone; empty for everyone else."""
    if not is_signed_in(user) or user.hub_id is None:
        return ()
    if user.role == Role.PARTNER_MANAGER and user.delivery_partner_id is None:
        return ()
    return INVITES.get(user.role, ())


def can_see_people(user) -> bool:
    """The people pages: hub staff see their hub's people, a partner manager their partner's."""
    return bool(roles_to_invite(user))


def can_invite(user, *, role: str, hub_id: int, delivery_partner_id: int | None) -> bool:
    """Whether this person may invite someone to `role` in that hub (and that partner, for partner roles)."""
    if role not in roles_to_invite(user) or user.hub_id != hub_id:
        return False
    if user.role == Role.PARTNER_MANAGER:
        return delivery_partner_id == user.delivery_partner_id
    return True


def can_manage_person(user, person) -> bool:
    """Change the role of, deactivate or reactivate `person`: never oneself, and only someone whose role
    this user may give (a partner manager: only their own partner's facilitators)."""
    if person.pk == getattr(user, "pk", None) or person.is_superuser:
        return False
    return can_invite(
        user, role=person.role, hub_id=person.hub_id, delivery_partner_id=person.delivery_partner_id
    )


def people_visible_to(queryset, user):
    """The users this person may see on the people pages: hub staff their hub's, a partner manager their
    partner's; nobody else anyone."""
    if not can_see_people(user):
        return queryset.none()
    if user.role == Role.PARTNER_MANAGER:
        return queryset.filter(hub_id=user.hub_id, delivery_partner_id=user.delivery_partner_id)
    return queryset.filter(hub_id=user.hub_id)


def invitations_visible_to(queryset, user):
    """The invitations this person may see and resend: the same people as people_visible_to."""
    if not can_see_people(user):
        return queryset.none()
    if user.role == Role.PARTNER_MANAGER:
        return queryset.filter(hub_id=user.hub_id, delivery_partner_id=user.delivery_partner_id)
    return queryset.filter(hub_id=user.hub_id)
