"""What accounts announce, so apps above (programmes, applications) can follow without being imported here.

Each is sent inside the transaction of the function that makes the change: a receiver's change is saved with
it or not at all.
"""

from django.dispatch import Signal

# Someone followed their invitation's link and set a password: their account exists and is active. Sent with
# `user` and `invitation`. Programmes links a facilitator's user to the partner's facilitator record;
# applications links a participant's user to the leader with that address in the invitation's hub.
invitation_accepted = Signal()

# Someone's role (or partner) was changed on the people pages. Sent with `user`, as saved. Programmes links
# a new facilitator to their partner's facilitator record, as it does for one who accepts an invitation.
role_changed = Signal()
