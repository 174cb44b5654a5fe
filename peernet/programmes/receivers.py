"""How programmes follows accounts' events, announced by peernet.accounts.signals.

Connected in ProgrammesConfig.ready(). Each receiver runs inside the transaction of the change that sent it.
"""

from peernet.accounts.models import Role
from peernet.programmes.models import Facilitator


def link_facilitator(*, user, invitation, **kwargs) -> None:
    """An invited facilitator's user becomes the partner's facilitator record with their address (made if the
    partner has none yet), so the cohorts they are given to run are theirs to see."""
    if invitation.role == Role.FACILITATOR and invitation.delivery_partner_id is not None:
        _link(user, invitation.delivery_partner_id)


def link_new_facilitator(*, user, **kwargs) -> None:
    """Someone made a facilitator on the people pages is linked the same way."""
    if user.role == Role.FACILITATOR and user.delivery_partner_id is not None:
        _link(user, user.delivery_partner_id)


def _link(user, partner_id: int) -> None:
    if Facilitator.objects.filter(user=user).exists():
        Facilitator.objects.filter(user=user).update(partner_id=partner_id)
        return
    facilitator = (
        Facilitator.objects.filter(partner_id=partner_id, email__iexact=user.email, user__isnull=True)
        .order_by("pk")
        .first()
    )
    if facilitator is None:
        Facilitator.objects.create(
            partner_id=partner_id, user=user, full_name=user.full_name, email=user.email
        )
    else:
        facilitator.user = user
        facilitator.save(update_fields=["user"])
