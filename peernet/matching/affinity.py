"""Affinity between two applicants and the quality Q of a set of cohorts, exact and vectorised."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .model import DEFAULT_WEIGHTS, Applicant, Weights

LN10 = math.log(10)


def _jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    union = len(x | y)
    return len(x & y) / union if union else 0.0


def affinity(a: Applicant, b: Applicant, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """The affinity formula of docs/matching.md for one pair, in plain Python (the reference)."""
    same_sector = 1.0 if a.sector and a.sector == b.sector else 0.0
    size = 1 - min(1.0, abs(math.log(a.employees) - math.log(b.employees)) / LN10)
    same_org = 1.0 if a.organisation and a.organisation == b.organisation else 0.0
    return (
        weights.sector * same_sector
        + weights.themes * _jaccard(a.themes, b.themes)
        + weights.size * size
        + weights.ownership * _jaccard(a.ownership, b.ownership)
        + weights.organisation * same_org
    )


def cohort_quality(members: Sequence[Applicant], weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Mean over members of their mean affinity to the other members."""
    n = len(members)
    if n < 2:
        return 0.0
    total = sum(affinity(a, b, weights) for i, a in enumerate(members) for b in members[i + 1 :])
    return 2 * total / (n * (n - 1))


def score(cohorts: Sequence[Sequence[Applicant]], weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Q: the mean over placed applicants of their mean affinity to their cohort-mates."""
    placed = sum(len(c) for c in cohorts)
    if not placed:
        return 0.0
    return sum(cohort_quality(c, weights) * len(c) for c in cohorts) / placed


def _bitsets(tag_sets: Sequence[frozenset[str]]) -> np.ndarray:
    """Each tag set as a row of 64-bit words, so Jaccard is two popcounts."""
    # Sorted so the bit a tag gets never depends on string hashing.
    tags = sorted(set().union(*tag_sets)) if tag_sets else []
    bit = {t: i for i, t in enumerate(tags)}
    words = max(1, (len(tags) + 63) // 64)
    out = np.zeros((len(tag_sets), words), dtype=np.uint64)
    for row, s in enumerate(tag_sets):
        for t in s:
            b = bit[t]
            out[row, b // 64] |= np.uint64(1) << np.uint64(b % 64)
    return out


TABLE_MAX = 1024  # distinct tag sets up to which Jaccard values are tabulated


def _jaccard_table(
    sets: Sequence[frozenset[str]], weight: float
) -> tuple[np.ndarray, np.ndarray, int] | None:
    """Each applicant's tag-set number and the weighted Jaccard of every pair of sets."""
    distinct = sorted(set(sets), key=lambda x: sorted(x))
    if len(distinct) > TABLE_MAX:
        return None
    number = {x: n for n, x in enumerate(distinct)}
    ids = np.array([number[x] for x in sets], dtype=np.int64)
    width = len(distinct)
    values = np.array([weight * _jaccard(x, y) for x in distinct for y in distinct], dtype=np.float64)
    return ids, values, width


def _codes(values: Sequence[str]) -> np.ndarray:
    """Small integer per distinct non-empty value, -1 for empty."""
    code = {v: i for i, v in enumerate(sorted({v for v in values if v}))}
    return np.array([code[v] if v else -1 for v in values], dtype=np.int32)


class Features:
    """The applicants' features as arrays, for computing many affinities at once."""

    def __init__(self, applicants: Sequence[Applicant], weights: Weights = DEFAULT_WEIGHTS) -> None:
        self.weights = weights
        self.sector = _codes([a.sector for a in applicants])
        self.org = _codes([a.organisation for a in applicants])
        self.themes = _bitsets([a.themes for a in applicants])
        self.nthemes = np.bitwise_count(self.themes).sum(axis=1).astype(np.int32)
        self.owner = _bitsets([a.ownership for a in applicants])
        self.nowner = np.bitwise_count(self.owner).sum(axis=1).astype(np.int32)
        self.loge = np.array([math.log10(a.employees) for a in applicants], dtype=np.float64)
        # Few distinct tag sets occur in practice, so a table of their Jaccard values turns
        # two popcounts per pair into one lookup.
        self.theme_table = _jaccard_table([a.themes for a in applicants], weights.themes)
        self.owner_table = _jaccard_table([a.ownership for a in applicants], weights.ownership)

    def pair(self, i: np.ndarray | int, j: np.ndarray) -> np.ndarray:
        """affinity(i, j) elementwise; i and j broadcast against each other."""
        w = self.weights
        si, sj = self.sector[i], self.sector[j]
        out = w.sector * ((si == sj) & (si >= 0))
        oi, oj = self.org[i], self.org[j]
        out = out + w.organisation * ((oi == oj) & (oi >= 0))
        out += w.size * (1 - np.minimum(1.0, np.abs(self.loge[i] - self.loge[j])))
        for table, bits, count, weight in (
            (self.theme_table, self.themes, self.nthemes, w.themes),
            (self.owner_table, self.owner, self.nowner, w.ownership),
        ):
            if table is not None:
                ids, values, width = table
                out += values[ids[i] * width + ids[j]]
            else:
                out += weight * self._jac(bits, count, i, j)
        return out

    @staticmethod
    def _jac(bits: np.ndarray, count: np.ndarray, i: np.ndarray | int, j: np.ndarray) -> np.ndarray:
        if bits.shape[1] == 1:
            inter = np.bitwise_count(bits[i, 0] & bits[j, 0]).astype(np.int32)
        else:
            inter = np.bitwise_count(bits[i] & bits[j]).sum(axis=-1).astype(np.int32)
        union = count[i] + count[j] - inter
        return np.divide(inter, union, out=np.zeros(np.shape(union)), where=union > 0)

    def block(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """The affinity matrix between two index lists."""
        return self.pair(rows[:, None], cols[None, :])
