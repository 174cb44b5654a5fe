"""How applications follows accounts' events, announced by peernet.accounts.signals.

Connected in ApplicationsConfig.ready(). Each receiver runs inside the transaction of the change that sent it.
"""

from peernet.accounts.models import Role
from peernet.applications.models import Leader


def link_leader(*, user, invitation, **kwargs) -> None:
    """An invited participant's user becomes the leader with their address in the invitation's hub, so
    they see their own record and cohort once signed in."""
    if invitation.role != Role.PARTICIPANT or Leader.objects.filter(user=user).exists():
        return
    leader = (
        Leader.objects.filter(hub_id=invitation.hub_id, email__iexact=user.email, user__isnull=True)
        .order_by("pk")
        .first()
    )
    if leader is not None:
        leader.user = user
        leader.save(update_fields=["user"])
