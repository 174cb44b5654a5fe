"""What an application's moves announce, so apps above (cohorts) can follow them without being imported here.

Each is sent by the workflow function that makes the move, inside its transaction: a receiver's change is
saved with the move or not at all.
"""

from django.dispatch import Signal

# The application was waiting for a cohort and is not any more (decided or overridden not eligible,
# withdrawn). Sent with `application`.
application_left_pool = Signal()

# The application was withdrawn: any place it holds in a cohort ends. Sent with `application`, `reason`
# (the officer's words) and `on` (the day it ends).
application_withdrawn = Signal()
