"""The Lancashire demo programme: Boost's Peer Networks, Rounds 1 and 2 as delivered and Round 3 open.

seed() is what `manage.py seed_demo` runs. It plans everything from one seeded generator, then writes only
what is missing, in one transaction: a second run writes nothing and a failed run leaves nothing behind.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from peernet.demo.history import plan_history, seed_history
from peernet.demo.lancashire import PASSWORD, USERS, seed_hub
from peernet.demo.people import People
from peernet.demo.round3 import plan_round3, seed_round3

SEED = 20201001


@dataclass
class Seeded:
    """What a run wrote: the parts it added, empty when everything was already there."""

    created: list[str] = field(default_factory=list)
    sign_ins: list[tuple[str, str]] = field(
        default_factory=lambda: [(email, role.label) for email, _, role, _ in USERS]
    )
    password: str = PASSWORD


def seed(*, today: dt.date | None = None) -> Seeded:
    """Load whatever of the demo programme is missing. `today` places Round 3's running cohort."""
    today = today or timezone.localdate()
    with transaction.atomic():
        ctx = seed_hub()
        people = People(random.Random(SEED))
        past = plan_history(people)
        returning = [m for plan in past for m in plan.members if m.business.company_number]
        current = plan_round3(people, returning=returning, today=today)
        created = ctx.created + seed_history(ctx, past) + seed_round3(ctx, current)
    return Seeded(created=created)
