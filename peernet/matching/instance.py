"""A pool turned into integer indices: the keys each applicant fits and who clashes with whom."""

from __future__ import annotations

from collections.abc import Sequence

from .affinity import Features
from .model import DEFAULT_WEIGHTS, Applicant, Weights
from .rules import Key, keys_of


class Instance:
    """Applicants by position, their keys by number, and their clashes as index sets."""

    def __init__(self, applicants: Sequence[Applicant], weights: Weights = DEFAULT_WEIGHTS) -> None:
        self.applicants = list(applicants)
        self.n = len(self.applicants)
        self.features = Features(self.applicants, weights)
        index = {a.id: i for i, a in enumerate(self.applicants)}
        self.index = index
        all_keys = sorted({k for a in self.applicants for k in keys_of(a)})
        self.keys: list[Key] = all_keys
        key_id = {k: n for n, k in enumerate(all_keys)}
        self.key_id = key_id
        self.keys_of: list[tuple[int, ...]] = [tuple(key_id[k] for k in keys_of(a)) for a in self.applicants]
        self.key_sets: list[frozenset[int]] = [frozenset(ks) for ks in self.keys_of]
        # Competitors share a (SIC class, district) code; -1 never clashes.
        codes: dict[tuple[str, str], int] = {}
        self.clash_code: list[int] = []
        for a in self.applicants:
            if a.sic_class:
                self.clash_code.append(codes.setdefault((a.sic_class, a.district), len(codes)))
            else:
                self.clash_code.append(-1)
        # not_with made symmetric; ids outside this pool (e.g. locked away) are irrelevant.
        self.avoid: list[set[int]] = [set() for _ in self.applicants]
        for i, a in enumerate(self.applicants):
            for other in a.not_with:
                j = index.get(other)
                if j is not None and j != i:
                    self.avoid[i].add(j)
                    self.avoid[j].add(i)

    def clashes(self, i: int, j: int) -> bool:
        """Whether applicants i and j may not share a cohort."""
        c = self.clash_code[i]
        return (c >= 0 and c == self.clash_code[j]) or j in self.avoid[i]

    def clashes_by_code(self, i: int, j: int) -> bool:
        """Whether i and j are competitors (same SIC class and district)."""
        c = self.clash_code[i]
        return c >= 0 and c == self.clash_code[j]

    def clashes_any(self, i: int, members: Sequence[int]) -> bool:
        """Whether applicant i clashes with any of the members (i itself is skipped)."""
        c = self.clash_code[i]
        avoid = self.avoid[i]
        codes = self.clash_code
        return any(m != i and ((c >= 0 and codes[m] == c) or m in avoid) for m in members)
