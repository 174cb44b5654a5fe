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
