"""Coverage: how many applicants of each kind go to each meeting key, solved exactly with CP-SAT.

Applicants who fit exactly the same keys are interchangeable for coverage, so the model works
on those kinds, not on people: small even for 50,000 applicants. Clashes are left to the
cohort builder; they are rare enough that the count here is nearly always achieved.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .instance import Instance


@dataclass
class KeyPlan:
    """Applicants sent to each key and how many cohorts each key gets."""

    members: dict[int, list[int]]
    cohorts: dict[int, int]
    bound: int  # most applicants any plan could place, ignoring clashes
    optimal: bool


def plan_keys(
    inst: Instance,
    eligible: list[int],
    *,
    min_size: int,
    max_size: int,
    time_limit: float,
    seed: int,
) -> KeyPlan:
    """Choose a key for as many eligible applicants as possible so every key can be cut into
    cohorts of min_size..max_size."""
    candidates: dict[int, int] = defaultdict(int)
    for i in eligible:
        for k in inst.keys_of[i]:
            candidates[k] += 1
    viable = {k for k, c in candidates.items() if c >= min_size}
    kinds: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i in eligible:
        ks = tuple(k for k in inst.keys_of[i] if k in viable)
        if ks:
            kinds[ks].append(i)
    if not kinds:
        return KeyPlan({}, {}, 0, True)

    model = cp_model.CpModel()
    count: dict[tuple[tuple[int, ...], int], cp_model.IntVar] = {}
    into: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for ks in sorted(kinds):
        size = len(kinds[ks])
        row = []
        for k in ks:
            v = model.new_int_var(0, size, "")
            count[ks, k] = v
            into[k].append(v)
            row.append(v)
        model.add(sum(row) <= size)
    groups = {}
    for k in sorted(into):
        g = model.new_int_var(0, candidates[k] // min_size, "")
        groups[k] = g
        total = sum(into[k])
        model.add(total >= min_size * g)
        model.add(total <= max_size * g)
    model.maximize(sum(count.values()))

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # one worker keeps the answer the same run to run
    solver.parameters.random_seed = 0  # plans differ by seed in quality, not just order; keep the best-tested
    # The LP relaxation is nearly tight here; without it one worker wanders for minutes.
    solver.parameters.linearization_level = 2
    # The LP relaxation is nearly tight here; without it one worker wanders for minutes.
    solver.parameters.linearization_level = 2
    solver.parameters.max_time_in_seconds = max(0.5, time_limit)
    solver.parameters.max_deterministic_time = max(0.5, time_limit)
    solver.parameters.max_deterministic_time = max(0.5, time_limit)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return KeyPlan({}, {}, 0, False)
    bound = int(solver.best_objective_bound)

    # Share each kind's quota out person by person, sending people where their sector
    # already gathers, so a key's cohorts can be built around one sector.
    sector = inst.features.sector
    gathered: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    members: dict[int, list[int]] = defaultdict(list)
    for ks in sorted(kinds, key=lambda ks: (len(ks), ks)):
        quota = {k: solver.value(count[ks, k]) for k in ks}
        people = sorted(kinds[ks], key=lambda i: (sector[i], i))
        for i in people:
            open_keys = [k for k in ks if quota[k] > 0]
            if not open_keys:
                break
            k = max(open_keys, key=lambda k: (gathered[k][sector[i]], quota[k], -k))
            quota[k] -= 1
            gathered[k][sector[i]] += 1
            members[k].append(i)
    cohorts = {k: solver.value(g) for k, g in groups.items() if solver.value(g) > 0}
    return KeyPlan(dict(members), cohorts, bound, status == cp_model.OPTIMAL)
