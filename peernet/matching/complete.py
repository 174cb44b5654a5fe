"""Completing a partial cohort: a manager pinned some members; fill it from the pool to a valid size."""

from __future__ import annotations

from collections.abc import Sequence

from .affinity import affinity
from .model import DEFAULT_WEIGHTS, IN_PERSON, Applicant, Weights
from .rules import clash_free, fits


def complete_cohort(
    members: Sequence[Applicant],
    candidates: Sequence[Applicant],
    *,
    slot: str,
    mode: str,
    area: str = "",
    min_size: int = 8,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[Applicant]:
    """The pinned members plus the candidates that fit best, one at a time, until min_size is reached.

    A candidate must fit the cohort's meeting key and clash with nobody already in; among those the one
    with the highest total affinity to the cohort joins next (ties to the earliest in the pool). Stops
    short of min_size when nobody else fits: the caller reports the cohort's problems.
    """
    if mode == IN_PERSON and not area and members:
        area = members[0].area
    key = (mode, area if mode == IN_PERSON else "", slot)
    chosen = list(members)
    taken = {m.id for m in chosen}
    fitting = [c for c in candidates if c.id not in taken and fits(c, key)]
    while len(chosen) < min_size:
        best, best_score = None, -1.0
        for c in fitting:
            if c.id in taken or not clash_free(c, chosen):
                continue
            total = sum(affinity(c, m, weights) for m in chosen)
            if total > best_score + 1e-12:
                best, best_score = c, total
        if best is None:
            break
        chosen.append(best)
        taken.add(best.id)
    return chosen
