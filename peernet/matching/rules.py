"""The hard rules of a cohort, and the meeting keys (mode, area, slot) an applicant fits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .model import EITHER, IN_PERSON, ONLINE, Applicant

# A key is where a cohort meets: (mode, area, slot); the area is empty for online cohorts.
Key = tuple[str, str, str]


def keys_of(a: Applicant) -> list[Key]:
    """Every (mode, area, slot) a cohort could have with this applicant in it, sorted."""
    keys: list[Key] = []
    for slot in a.slots:
        if a.mode in (ONLINE, EITHER):
            keys.append((ONLINE, "", slot))
        if a.mode in (IN_PERSON, EITHER):
            keys.append((IN_PERSON, a.area, slot))
    return sorted(set(keys))


def fits(a: Applicant, key: Key) -> bool:
    """Whether the applicant can be in a cohort meeting at this key."""
    mode, area, slot = key
    if slot not in a.slots:
        return False
    if mode == ONLINE:
        return a.mode in (ONLINE, EITHER)
    return a.mode in (IN_PERSON, EITHER) and a.area == area


def competitors(a: Applicant, b: Applicant) -> bool:
    """Same 4-digit SIC class in the same district; an unknown SIC never clashes."""
    return bool(a.sic_class) and a.sic_class == b.sic_class and a.district == b.district


def excluded(a: Applicant, b: Applicant) -> bool:
    """Either side names the other in not_with."""
    return b.id in a.not_with or a.id in b.not_with


def clash(a: Applicant, b: Applicant) -> bool:
    """The two may not share a cohort."""
    return competitors(a, b) or excluded(a, b)


def check_cohort(
    members: Sequence[Applicant],
    *,
    slot: str,
    mode: str,
    area: str = "",
    min_size: int = 8,
    max_size: int = 10,
) -> list[str]:
    """Every hard rule the cohort breaks, one sentence each; empty when it is valid.

    The app calls this before saving a manual move to show what the move would break.
    For an in-person cohort with no area given, the members must still share one area.
    """
    problems: list[str] = []
    n = len(members)
    if n < min_size:
        problems.append(f"{n} members, fewer than the minimum of {min_size}")
    if n > max_size:
        problems.append(f"{n} members, more than the maximum of {max_size}")
    ids = [m.id for m in members]
    if len(set(ids)) != n:
        problems.append("an applicant is listed twice")
    if mode not in (ONLINE, IN_PERSON):
        problems.append(f"mode '{mode}' is neither online nor in-person")
    for m in members:
        if slot not in m.slots:
            problems.append(f"{m.id} cannot meet at {slot} (lists {';'.join(m.slots)})")
        if mode == ONLINE and m.mode == IN_PERSON:
            problems.append(f"{m.id} meets only in person, and the cohort meets online")
        if mode == IN_PERSON and m.mode == ONLINE:
            problems.append(f"{m.id} meets only online, and the cohort meets in person")
    if mode == IN_PERSON:
        areas = sorted({m.area for m in members})
        if area:
            for m in members:
                if m.area != area:
                    problems.append(f"{m.id} is in {m.area}, not {area}")
        elif len(areas) > 1:
            problems.append(f"members come from {len(areas)} areas: {', '.join(areas)}")
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if competitors(a, b):
                problems.append(
                    f"{a.id} and {b.id} are competitors (SIC class {a.sic_class} in {a.district})"
                )
            if excluded(a, b):
                problems.append(f"{a.id} and {b.id} must not be grouped (not_with)")
    return problems


def clash_free(a: Applicant, others: Iterable[Applicant]) -> bool:
    """Whether the applicant clashes with none of the others."""
    return not any(clash(a, b) for b in others)
