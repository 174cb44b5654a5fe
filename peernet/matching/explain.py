"""Sentences that say why a cohort belongs together and why an applicant is still waiting."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .model import IN_PERSON, ONLINE, Applicant

DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
PARTS = {"am": "mornings", "pm": "afternoons", "eve": "evenings"}


def slot_words(slot: str) -> str:
    """mon-am -> Monday mornings; any other label is shown as it is."""
    day, _, part = slot.partition("-")
    if day in DAYS and part in PARTS:
        return f"{DAYS[day]} {PARTS[part]}"
    return slot


def _top(counter: Counter[str]) -> tuple[str, int]:
    # Ties go to the alphabetically first value so the sentence never depends on hashing.
    if not counter:
        return "", 0
    value, count = min(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return value, count


def describe_cohort(members: Sequence[Applicant], *, slot: str, mode: str, area: str) -> tuple[str, str, str]:
    """The sentence for a cohort, and its basis (sector/ownership/organisation/open) and value."""
    n = len(members)
    sector, s_count = _top(Counter(m.sector for m in members if m.sector))
    theme, t_count = _top(Counter(t for m in members for t in m.themes))
    owner, o_count = _top(Counter(t for m in members for t in m.ownership))
    org, g_count = _top(Counter(m.organisation for m in members if m.organisation))

    parts = [f"{n} members"]
    if s_count == n:
        parts[0] += f", all {sector}"
    elif s_count >= 2:
        parts[0] += f", {s_count} of {n} in {sector}"
    else:
        parts[0] += ", mixed sectors"
    if t_count >= 2:
        parts.append(f"{t_count} of {n} name {theme}")
    if o_count * 2 >= n:
        parts.append(f"{o_count} of {n} {owner}")
    if g_count * 2 >= n:
        parts.append(f"{g_count} of {n} in {org}")
    where = f"{slot_words(slot)}, in person, {area}" if mode == IN_PERSON else f"{slot_words(slot)}, online"
    parts.append(where)

    # The basis is the shared trait held by the most members, when at least half share it.
    basis, value = "open", ""
    best = 0
    for name, val, count in (
        ("sector", sector, s_count),
        ("organisation", org, g_count),
        ("ownership", owner, o_count),
    ):
        if count * 2 >= n and count > best:
            basis, value, best = name, val, count
    return "; ".join(parts), basis, value


def who(a: Applicant, count: int = 1) -> str:
    """How the applicant can meet, as a noun phrase: 'online applicant', ..."""
    s = "" if count == 1 else "s"
    if a.mode == ONLINE:
        return f"online applicant{s}"
    if a.mode == IN_PERSON:
        return f"in-person applicant{s} in {a.area}"
    return f"applicant{s} meeting online or in person in {a.area}"


def unplaced_reason(
    a: Applicant,
    *,
    fitting: dict[str, int],
    compatible: dict[str, int],
    cohorts: int,
    clashing_cohorts: int,
    open_cohorts: int,
    free_compatible: int,
    min_size: int,
    max_size: int,
    converged: bool,
) -> str:
    """Why an applicant is unplaced, from counts the engine took over its slots.

    fitting[slot] counts the other applicants who could meet with it at that slot (mode and
    area included); compatible[slot] the same less competitors and not_with exclusions.
    """
    slots = ";".join(a.slots)
    most = max(fitting.values(), default=0)
    best_slot = min((s for s in fitting if fitting[s] == most), default=a.slots[0])
    if most == 0:
        if len(a.slots) == 1:
            return f"no other {who(a)} shares slot {slots}"
        return f"no other {who(a)} shares any of slots {slots}"
    if most + 1 < min_size:
        return (
            f"only {most} other {who(a, most)} {'shares' if most == 1 else 'share'} slot "
            f"{best_slot}{'' if len(a.slots) == 1 else ', the best of ' + slots}; "
            f"a cohort needs {min_size}"
        )
    most_ok = max(compatible.values(), default=0)
    if most_ok + 1 < min_size:
        rivals = "competitors (same SIC class in the same district) or not_with exclusions"
        return (
            f"{rivals} leave at most {most_ok} others they could meet at {slots}; a cohort needs {min_size}"
        )
    if not converged:
        return "the time limit ended the search before they could be placed"
    if cohorts and clashing_cohorts == cohorts:
        return f"every cohort they could join ({cohorts}) holds a competitor or someone on a not_with list"
    if cohorts and open_cohorts == 0:
        return (
            f"the {cohorts} cohort{'s' if cohorts > 1 else ''} they could join "
            f"{'are' if cohorts > 1 else 'is'} full ({max_size}) or hold a competitor, and only "
            f"{free_compatible} other unplaced applicants could meet with them; a new cohort needs {min_size}"
        )
    return (
        f"the {most_ok} applicants who could meet with them at {best_slot} are needed in other "
        f"cohorts, and placing them here would leave more people out"
    )
