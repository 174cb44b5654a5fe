"""A first set of cohorts for one meeting key: like people side by side, cut into even sizes."""

from __future__ import annotations

from .instance import Instance


def build_key(
    inst: Instance, members: list[int], groups: int, *, min_size: int, max_size: int
) -> tuple[list[list[int]], list[int]]:
    """Cut a key's applicants into `groups` clash-free cohorts; return cohorts and leftovers."""
    if groups <= 0 or len(members) < min_size:
        return [], list(members)
    f = inst.features
    # Sector first because it carries the largest weight; then organisation, themes, size.
    order = sorted(
        members,
        key=lambda i: (
            f.sector[i],
            f.org[i],
            int(f.themes[i, 0]),
            int(f.owner[i, 0]),
            f.loge[i],
            i,
        ),
    )
    groups = min(groups, len(order) // min_size)
    base, extra = divmod(len(order), groups)
    cohorts: list[list[int]] = []
    start = 0
    for g in range(groups):
        size = min(max_size, base + (1 if g < extra else 0))
        cohorts.append(order[start : start + size])
        start += size
    leftovers = order[start:]
    _repair(inst, cohorts, leftovers)
    kept = []
    for c in cohorts:
        if len(c) >= min_size:
            kept.append(c)
        else:
            leftovers.extend(c)
    return kept, leftovers


def _repair(inst: Instance, cohorts: list[list[int]], leftovers: list[int]) -> None:
    """Swap clashing members into other cohorts of the key; drop those no swap can fix."""
    for c in cohorts:
        pos = 0
        while pos < len(c):
            i = c[pos]
            rest = c[:pos] + c[pos + 1 :]
            if not inst.clashes_any(i, rest):
                pos += 1
                continue
            if not _swap_out(inst, cohorts, c, pos, rest):
                leftovers.append(c.pop(pos))


def _swap_out(inst: Instance, cohorts: list[list[int]], c: list[int], pos: int, rest: list[int]) -> bool:
    i = c[pos]
    for d in cohorts:
        if d is c:
            continue
        for q, j in enumerate(d):
            if inst.clashes_any(j, rest):
                continue
            others = d[:q] + d[q + 1 :]
            if inst.clashes_any(i, others):
                continue
            c[pos], d[q] = j, i
            return True
    return False
