"""What the engine is measured against: a spreadsheet cut, a greedy grouping tool, a Q bound."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from peernet.matching import Applicant, check_cohort, keys_of, score
from peernet.matching.instance import Instance


def _valid_key(group: Sequence[Applicant], min_size: int, max_size: int) -> tuple | None:
    """A meeting key under which the group breaks no rule, or None."""
    shared = Counter(k for a in group for k in keys_of(a))
    for key, count in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
        if count < len(group):
            break
        mode, area, slot = key
        if not check_cohort(group, slot=slot, mode=mode, area=area, min_size=min_size, max_size=max_size):
            return key
    return None


def spreadsheet(pool: Sequence[Applicant], *, min_size: int = 8, max_size: int = 10) -> dict:
    """Sort by mode, area, slots and sector as a manager would, then cut every ten rows."""
    rows = sorted(pool, key=lambda a: (a.mode, a.area, a.slots, a.sector, a.id))
    groups = [rows[n : n + 10] for n in range(0, len(rows), 10)]
    valid = [g for g in groups if _valid_key(g, min_size, max_size)]
    return {
        "placed": sum(len(g) for g in valid),
        "q": score(valid),
        "invalid": len(groups) - len(valid),
    }


def greedy(pool: Sequence[Applicant], *, min_size: int = 8, max_size: int = 10) -> dict:
    """A general-purpose grouping tool: first fit in input order, rules checked, small groups dropped."""
    groups: list[tuple[tuple, list[Applicant]]] = []
    for a in pool:
        for key, members in groups:
            if len(members) < max_size and key in keys_of(a):
                mode, area, slot = key
                if not check_cohort(
                    members + [a], slot=slot, mode=mode, area=area, min_size=1, max_size=max_size
                ):
                    members.append(a)
                    break
        else:
            groups.append((keys_of(a)[0], [a]))
    valid = [m for _, m in groups if len(m) >= min_size]
    return {"placed": sum(len(g) for g in valid), "q": score(valid)}


def q_bound(pool: Sequence[Applicant], placed: int, *, min_size: int = 8, chunk: int = 256) -> float:
    """An upper bound on Q for `placed` applicants: each one's mean affinity to its best
    min_size - 1 compatible peers can only fall in a real cohort, so the mean of the
    `placed` highest such values bounds Q."""
    inst = Instance(pool)
    n = inst.n
    if not placed or n < 2:
        return 0.0
    k = min_size - 1
    keymat = np.zeros((n, len(inst.keys)), dtype=bool)
    for i, ks in enumerate(inst.keys_of):
        keymat[i, list(ks)] = True
    code = np.array(inst.clash_code)
    best = np.zeros(n)
    allj = np.arange(n)
    for start in range(0, n, chunk):
        rows = np.arange(start, min(n, start + chunk))
        aff = inst.features.block(rows, allj)
        ok = (keymat[rows].astype(np.uint8) @ keymat.T.astype(np.uint8)) > 0
        ok &= ~((code[rows, None] == code[None, :]) & (code[rows, None] >= 0))
        ok[np.arange(len(rows)), rows] = False
        for r, i in enumerate(rows):
            for j in inst.avoid[i]:
                ok[r, j] = False
        aff = np.where(ok, aff, -np.inf)
        top = -np.partition(-aff, k - 1, axis=1)[:, :k] if n - 1 >= k else aff
        top = np.where(np.isfinite(top), top, 0.0)
        best[rows] = top.mean(axis=1)
    return float(np.sort(best)[::-1][:placed].mean())
