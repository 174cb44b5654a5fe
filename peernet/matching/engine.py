"""form_cohorts: the whole engine, from a list of applicants to checked, explained cohorts."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from .affinity import cohort_quality
from .assign import plan_keys
from .complete import complete_cohort
from .construct import build_key
from .exact import solve_exact
from .explain import describe_cohort, unplaced_reason
from .instance import Instance
from .model import DEFAULT_WEIGHTS, IN_PERSON, Applicant, Cohort, Result, Unplaced, Weights
from .rules import check_cohort, keys_of
from .search import Search

Progress = Callable[[float, str], None]
EXACT_POOL = 80  # pools this small also go through the exact CP-SAT model
EXACT_WORK = 30.0  # its budget in CP-SAT's deterministic seconds, so the result repeats
DEFAULT_SEARCH_SECONDS = 240.0  # cap when no time limit is given; the search usually ends sooner


def form_cohorts(
    applicants: Sequence[Applicant],
    *,
    min_size: int = 8,
    max_size: int = 10,
    weights: Weights = DEFAULT_WEIGHTS,
    time_limit: float | None = None,
    seed: int = 0,
    locked: Sequence[Cohort | Sequence[str]] = (),
    pinned: Sequence[Cohort] = (),
    progress: Progress | None = None,
    exact_pool: int = EXACT_POOL,
) -> Result:
    """Form cohorts from a pool: as many placed as the hard rules allow, then the best Q.

    locked: cohorts to keep exactly as they are (a Cohort from an earlier Result, or a list
    of ids); their members are not placed again and everyone else is formed around them.
    pinned: partial cohorts whose members must stay together at the cohort's slot, mode and area;
    each is completed from the pool to min_size (best affinity first) and then kept like a locked one.
    progress(fraction, message) is called as the work advances, for a progress bar.
    exact_pool: pools up to this size are also polished by the exact CP-SAT model (0: never).
    time_limit: seconds for the whole call; the result is the same for the same seed
    whenever the search finishes inside it, which it does at the sizes benchmarked.
    """
    start = time.monotonic()
    if not 2 <= min_size <= max_size:
        raise ValueError(f"sizes must satisfy 2 <= min_size <= max_size, got {min_size}, {max_size}")
    ids = [a.id for a in applicants]
    if len(set(ids)) != len(ids):
        repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
        raise ValueError(f"ids repeat: {', '.join(repeated[:5])}")
    budget = time_limit if time_limit is not None else DEFAULT_SEARCH_SECONDS
    deadline = start + max(0.1, budget * 0.92 - 0.2)

    def report(fraction: float, message: str) -> None:
        if progress:
            progress(min(1.0, fraction), message)

    by_id = {a.id: a for a in applicants}
    kept = [_locked_cohort(item, by_id, min_size, max_size) for item in locked]
    taken = {m for c in kept for m in c.members}
    pinned_at: list[int] = []
    for group in pinned:
        unknown = [i for i in group.members if i not in by_id]
        if unknown:
            raise ValueError(f"pinned cohort names unknown ids: {', '.join(unknown)}")
        taken.update(group.members)
    for group in pinned:
        free_now = [a for a in applicants if a.id not in taken]
        members = complete_cohort(
            [by_id[i] for i in group.members],
            free_now,
            slot=group.slot,
            mode=group.mode,
            area=group.area,
            min_size=min_size,
            weights=weights,
        )
        taken.update(a.id for a in members)
        whole = replace(group, members=tuple(a.id for a in members))
        pinned_at.append(len(kept))
        kept.append(_locked_cohort(whole, by_id, min_size, max_size))
    pool = [a for a in applicants if a.id not in taken]
    report(0.02, f"{len(pool)} applicants to place")

    inst = Instance(pool, weights)
    everyone = list(range(inst.n))
    plan_time = min(30.0, max(0.5, (deadline - time.monotonic()) * 0.2))
    plan = plan_keys(inst, everyone, min_size=min_size, max_size=max_size, time_limit=plan_time, seed=seed)
    report(0.15, f"planned {sum(plan.cohorts.values())} cohorts over {len(plan.cohorts)} meeting times")

    cohorts: list[list[int]] = []
    keys: list[int] = []
    free: set[int] = set(everyone)
    for k in sorted(plan.cohorts):
        built, _ = build_key(
            inst, plan.members.get(k, []), plan.cohorts[k], min_size=min_size, max_size=max_size
        )
        for c in built:
            cohorts.append(c)
            keys.append(k)
            free.difference_update(c)
    search = Search(inst, cohorts, keys, sorted(free), min_size=min_size, max_size=max_size)
    report(0.25, f"first cut: {search.placed()} placed in {len(cohorts)} cohorts")

    rng = np.random.default_rng(seed)

    def step(fraction: float) -> None:
        report(0.25 + 0.65 * fraction, f"improving: {search.placed()} placed")

    search.cover(everyone, len(inst.keys), deadline)
    passes = search.run(everyone, rng=rng, deadline=deadline, progress=step)
    if time.monotonic() < deadline and search.open_cohorts(everyone, len(inst.keys)):
        passes += search.run(everyone, rng=rng, deadline=deadline, progress=step)
    if inst.n <= exact_pool and time.monotonic() + 1.0 < deadline:
        report(0.85, "checking against the exact model")
        search = _polish_exactly(inst, search, min_size, max_size, deadline)
    converged = time.monotonic() < deadline
    if pinned_at:
        waiting = [inst.applicants[i] for i in range(inst.n) if search.where[i] < 0]
        for at in pinned_at:
            kept[at] = _top_up(kept[at], waiting, by_id, min_size, max_size)
    report(0.92, "writing explanations")

    result = _result(inst, search, kept, applicants, min_size, max_size, converged)
    seconds = time.monotonic() - start
    stats = {"passes": float(passes), "plan_bound": float(plan.bound), "plan_optimal": float(plan.optimal)}
    report(1.0, result.summary())
    return Result(
        cohorts=result.cohorts,
        unplaced=result.unplaced,
        placed=result.placed,
        total=result.total,
        q=result.q,
        invalid=result.invalid,
        seconds=seconds,
        stats=stats,
    )


def _polish_exactly(inst: Instance, search: Search, min_size: int, max_size: int, deadline: float) -> Search:
    """On a small pool, let CP-SAT improve the search's cohorts; keep whichever is better."""
    ids = [[inst.applicants[i].id for i in m] for m in search.members if m]
    remaining = deadline - time.monotonic()
    exact = solve_exact(
        inst.applicants,
        min_size=min_size,
        max_size=max_size,
        weights=inst.features.weights,
        time_limit=remaining,
        workers=1,
        hint=ids,
        deterministic_time=min(EXACT_WORK, remaining),
    )
    if not exact.cohorts or exact.placed < search.placed():
        return search
    cohorts = [[inst.index[m] for m in members] for _, members in exact.cohorts]
    keys = [inst.key_id[key] for key, _ in exact.cohorts]
    placed = {i for c in cohorts for i in c}
    free = [i for i in range(inst.n) if i not in placed]
    other = Search(inst, cohorts, keys, free, min_size=min_size, max_size=max_size)
    better = (other.placed(), other.objective() / max(1, other.placed())) > (
        search.placed(),
        search.objective() / max(1, search.placed()) + 1e-9,
    )
    return other if better else search


def _top_up(
    cohort: Cohort, waiting: list[Applicant], by_id: dict[str, Applicant], min_size: int, max_size: int
) -> Cohort:
    """Give a completed pinned cohort anyone the search left waiting who fits it, up to max_size.

    Whoever joins is removed from waiting, so the next pinned cohort cannot take them too.
    """
    members = [by_id[i] for i in cohort.members]
    joined = []
    for a in waiting:
        if len(members) >= max_size:
            break
        rules = check_cohort(
            [*members, a], slot=cohort.slot, mode=cohort.mode, area=cohort.area, min_size=1, max_size=max_size
        )
        if not rules:
            members.append(a)
            joined.append(a)
    if not joined:
        return cohort
    for a in joined:
        waiting.remove(a)
    return _locked_cohort(replace(cohort, members=tuple(m.id for m in members)), by_id, min_size, max_size)


def _locked_cohort(
    item: Cohort | Sequence[str], by_id: dict[str, Applicant], min_size: int, max_size: int
) -> Cohort:
    if isinstance(item, Cohort):
        ids, slot, mode, area, label = item.members, item.slot, item.mode, item.area, item.label
    else:
        ids, slot, mode, area, label = tuple(item), "", "", "", ""
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise ValueError(f"locked cohort names unknown ids: {', '.join(unknown)}")
    members = [by_id[i] for i in ids]
    if not slot:
        # Pick the first meeting key every member fits, if there is one.
        shared = set(keys_of(members[0])) if members else set()
        for m in members[1:]:
            shared &= set(keys_of(m))
        if shared:
            mode, area, slot = min(shared)
        else:
            mode, area, slot = keys_of(members[0])[0] if members else ("online", "", "")
    problems = check_cohort(members, slot=slot, mode=mode, area=area, min_size=min_size, max_size=max_size)
    text, basis, value = describe_cohort(members, slot=slot, mode=mode, area=area)
    return Cohort(
        label=label,
        slot=slot,
        mode=mode,
        area=area,
        members=tuple(ids),
        quality=cohort_quality(members),
        explanation=text,
        basis=basis,
        basis_value=value,
        locked=True,
        problems=tuple(problems),
    )


def _result(
    inst: Instance,
    search: Search,
    kept: list[Cohort],
    applicants: Sequence[Applicant],
    min_size: int,
    max_size: int,
    converged: bool,
) -> Result:
    order = {a.id: n for n, a in enumerate(applicants)}
    weights = inst.features.weights
    made: list[Cohort] = []
    dropped: list[int] = []
    for c, members in enumerate(search.members):
        if not members:
            continue
        mode, area, slot = inst.keys[search.key[c]]
        people = sorted((inst.applicants[i] for i in members), key=lambda a: order[a.id])
        # A last check with the plain rules: the engine never hands back an invalid cohort.
        if check_cohort(people, slot=slot, mode=mode, area=area, min_size=min_size, max_size=max_size):
            dropped.extend(members)
            continue
        text, basis, value = describe_cohort(people, slot=slot, mode=mode, area=area)
        made.append(
            Cohort(
                label="",
                slot=slot,
                mode=mode,
                area=area if mode == IN_PERSON else "",
                members=tuple(a.id for a in people),
                quality=cohort_quality(people, weights),
                explanation=text,
                basis=basis,
                basis_value=value,
            )
        )
    for i in dropped:
        search.where[i] = -1
    everything = list(kept) + made
    everything.sort(key=lambda c: min(order[m] for m in c.members) if c.members else 0)
    width = max(2, len(str(len(everything))))
    labelled = []
    used = {c.label for c in kept if c.label}
    n = 0
    for c in everything:
        if c.label:
            labelled.append(c)
            continue
        n += 1
        while f"C{n:0{width}d}" in used:
            n += 1
        labelled.append(_relabel(c, f"C{n:0{width}d}"))
    placed_ids = {m for c in labelled for m in c.members}
    unplaced = _explain_unplaced(inst, search, placed_ids, applicants, min_size, max_size, converged)
    placed = len(placed_ids)
    q = sum(c.quality * len(c.members) for c in labelled) / placed if placed else 0.0
    invalid = sum(1 for c in labelled if c.problems)
    return Result(tuple(labelled), tuple(unplaced), placed, len(applicants), q, invalid, 0.0)


def _relabel(c: Cohort, label: str) -> Cohort:
    return Cohort(
        label,
        c.slot,
        c.mode,
        c.area,
        c.members,
        c.quality,
        c.explanation,
        c.basis,
        c.basis_value,
        c.locked,
        c.problems,
    )


def _explain_unplaced(
    inst: Instance,
    search: Search,
    placed_ids: set[str],
    applicants: Sequence[Applicant],
    min_size: int,
    max_size: int,
    converged: bool,
) -> list[Unplaced]:
    waiting = [i for i in range(inst.n) if inst.applicants[i].id not in placed_ids]
    if not waiting:
        return []
    fit_count: Counter[int] = Counter(k for ks in inst.keys_of for k in ks)
    code_count: Counter[tuple[int, int]] = Counter(
        (k, inst.clash_code[i]) for i in range(inst.n) if inst.clash_code[i] >= 0 for k in inst.keys_of[i]
    )
    free_by_key: dict[int, int] = defaultdict(int)
    for i in waiting:
        for k in inst.keys_of[i]:
            free_by_key[k] += 1
    reasons = {}
    for i in waiting:
        a = inst.applicants[i]
        fitting: dict[str, int] = defaultdict(int)
        compatible: dict[str, int] = defaultdict(int)
        for k in inst.keys_of[i]:
            slot = inst.keys[k][2]
            others = fit_count[k] - 1
            rivals = code_count[k, inst.clash_code[i]] - 1 if inst.clash_code[i] >= 0 else 0
            avoided = sum(
                1 for j in inst.avoid[i] if k in inst.key_sets[j] and not inst.clashes_by_code(i, j)
            )
            fitting[slot] = max(fitting[slot], others)
            compatible[slot] = max(compatible[slot], others - rivals - avoided)
        cands = [int(c) for c in search.candidates(i) if search.members[int(c)]]
        clashing = sum(1 for c in cands if inst.clashes_any(i, search.members[c]))
        with_room = sum(
            1
            for c in cands
            if len(search.members[c]) < max_size and not inst.clashes_any(i, search.members[c])
        )
        free_ok = max((free_by_key[k] - 1 for k in inst.keys_of[i]), default=0)
        reasons[a.id] = unplaced_reason(
            a,
            fitting=dict(fitting),
            compatible=dict(compatible),
            cohorts=len(cands),
            clashing_cohorts=clashing,
            open_cohorts=with_room,
            free_compatible=free_ok,
            min_size=min_size,
            max_size=max_size,
            converged=converged,
        )
    return [Unplaced(a.id, reasons[a.id]) for a in applicants if a.id in reasons]
