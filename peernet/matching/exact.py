"""An exact CP-SAT model of the whole problem, for small pools: the benchmark's yardstick.

Stage one finds the most applicants any set of valid cohorts can place; stage two keeps
that many and maximises F = sum over cohorts of 2 W / (s - 1), which is Q times the number
placed. Affinities are scaled to integers (1/1000), so Q is exact to about 0.001.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .instance import Instance
from .model import DEFAULT_WEIGHTS, Applicant, Weights

SCALE = 1000


@dataclass
class ExactResult:
    """Cohorts (as id lists with their key), the Q found and the best bound proven on Q."""

    cohorts: list[tuple[tuple[str, str, str], list[str]]]
    placed: int
    q: float
    q_bound: float
    optimal: bool


def solve_exact(
    applicants: Sequence[Applicant],
    *,
    min_size: int = 8,
    max_size: int = 10,
    weights: Weights = DEFAULT_WEIGHTS,
    time_limit: float = 600.0,
    workers: int = 2,
    hint: Sequence[Sequence[str]] = (),
    deterministic_time: float | None = None,
) -> ExactResult:
    """Solve the pool exactly (or as far as time_limit allows); hint: cohorts to start from.

    With deterministic_time (and one worker) the answer no longer depends on machine speed.
    """
    inst = Instance(applicants, weights)
    n = inst.n
    fit_count: dict[int, int] = {}
    for ks in inst.keys_of:
        for k in ks:
            fit_count[k] = fit_count.get(k, 0) + 1
    keys = sorted(k for k, c in fit_count.items() if c >= min_size)
    slots = n // min_size
    model = cp_model.CpModel()
    use = {(c, k): model.new_bool_var("") for c in range(slots) for k in keys}
    active = []
    for c in range(slots):
        a = model.new_bool_var("")
        model.add(sum(use[c, k] for k in keys) == a)
        active.append(a)
    for c in range(slots - 1):
        model.add(active[c] >= active[c + 1])
    x = {}
    for i in range(n):
        ks = [k for k in inst.keys_of[i] if k in fit_count and fit_count[k] >= min_size]
        # Cohorts are ordered by their first member, so applicant i sits in cohort <= i.
        for c in range(min(slots, i + 1)):
            if ks:
                v = model.new_bool_var("")
                model.add(v <= sum(use[c, k] for k in ks))
                x[i, c] = v
        model.add(sum(x[i, c] for c in range(slots) if (i, c) in x) <= 1)
    size = []
    for c in range(slots):
        s = sum(x[i, c] for i in range(n) if (i, c) in x)
        model.add(s >= min_size * active[c])
        model.add(s <= max_size * active[c])
        size.append(s)
    pairs = []
    for i in range(n):
        for j in range(i + 1, n):
            if not inst.key_sets[i] & inst.key_sets[j]:
                continue
            if inst.clashes(i, j):
                for c in range(slots):
                    if (i, c) in x and (j, c) in x:
                        model.add(x[i, c] + x[j, c] <= 1)
            else:
                pairs.append((i, j, round(SCALE * float(inst.features.pair(i, j)))))
    placed = sum(x.values())
    index = {a.id: i for i, a in enumerate(inst.applicants)}
    hint_of = {}
    for c, members in enumerate(sorted((sorted(index[m] for m in h) for h in hint), key=min)):
        for i in members:
            hint_of[i] = c
    for (i, c), v in x.items():
        model.add_hint(v, hint_of.get(i) == c)

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.max_time_in_seconds = time_limit / 2
    if deterministic_time is not None:
        solver.parameters.max_deterministic_time = deterministic_time / 2
    model.maximize(placed)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return ExactResult([], 0, 0.0, 1.0, False)
    best_placed = round(solver.objective_value)
    cover_optimal = status == cp_model.OPTIMAL
    model.add(placed >= best_placed)
    model.clear_hints()
    for v in x.values():
        model.add_hint(v, bool(solver.value(v)))

    objective = []
    top_w = SCALE * max_size * (max_size - 1)
    for c in range(slots):
        w = []
        for i, j, a in pairs:
            if (i, c) in x and (j, c) in x and a > 0:
                y = model.new_bool_var("")
                model.add(y <= x[i, c])
                model.add(y <= x[j, c])
                w.append(a * y)
        total = sum(w)
        size_is = {s: model.new_bool_var("") for s in range(min_size, max_size + 1)}
        model.add(sum(size_is.values()) == active[c])
        model.add(sum(s * b for s, b in size_is.items()) == size[c])
        f = model.new_int_var(0, 2 * top_w, "")
        model.add(f <= 2 * top_w * active[c])
        for s, b in size_is.items():
            # f * (s - 1) <= 2 W when the cohort has s members.
            model.add(f * (s - 1) <= 2 * total + 2 * top_w * (max_size - 1) * (1 - b))
        objective.append(f)
    model.clear_objective()
    model.maximize(sum(objective))
    solver.parameters.max_time_in_seconds = time_limit / 2
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or best_placed == 0:
        return ExactResult([], best_placed, 0.0, 0.0, cover_optimal)
    cohorts = []
    for c in range(slots):
        members = [inst.applicants[i].id for i in range(n) if (i, c) in x and solver.value(x[i, c])]
        if members:
            key = next(inst.keys[k] for k in keys if solver.value(use[c, k]))
            cohorts.append((key, members))
    return ExactResult(
        cohorts=cohorts,
        placed=best_placed,
        q=solver.objective_value / SCALE / best_placed,
        q_bound=solver.best_objective_bound / SCALE / best_placed,
        optimal=cover_optimal and status == cp_model.OPTIMAL,
    )
