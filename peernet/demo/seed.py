"""Load the Lancashire demo programme: what `manage.py seed_demo` runs.

It plans everything from one seeded generator, then writes only what is missing, in one transaction: a second
run writes nothing and a failed run leaves nothing behind.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from peernet.demo.history import plan_history, seed_history
from peernet.demo.lancashire import seed_hub
from peernet.demo.people import People
from peernet.demo.round3 import plan_round3, seed_round3

SEED = 20201001


def seed(*, today: dt.date | None = None) -> list[str]:
    """Load whatever of the demo programme is missing and say what was added (nothing on a second run).

    `today` places Round 3's running cohort: two meetings before it, four after.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        ctx = seed_hub()
        people = People(random.Random(SEED))
        past = plan_history(people)
        returning = [m for plan in past for m in plan.members if m.business.company_number]
        current = plan_round3(people, returning=returning, today=today)
        return ctx.created + seed_history(ctx, past) + seed_round3(ctx, current)
