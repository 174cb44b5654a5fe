"""Local search over cohorts: insert, relocate and swap applicants with incremental scoring.

The objective kept is F = sum over cohorts of 2 W / (s - 1), where W is the cohort's sum of
pair affinities and s its size; Q is F divided by the number placed. Coverage moves are
always taken first; quality moves only when they raise F.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable

import numpy as np

from .instance import Instance

EPS = 1e-9
EJECT_COHORTS = 24  # full cohorts tried when placing someone by ejection
# A pass gaining less than this share of F ends the search: later passes add almost nothing.
STOP_GAIN = 3e-4
SWAP_COHORTS = 8  # cohorts examined for swaps per applicant: the most promising by affinity


class Search:
    """Cohorts of one pool, with every sum needed to score a move in O(cohort size)."""

    def __init__(
        self,
        inst: Instance,
        cohorts: list[list[int]],
        keys: list[int],
        free: list[int],
        *,
        min_size: int,
        max_size: int,
    ) -> None:
        self.inst = inst
        self.f = inst.features
        self.min = min_size
        self.max = max_size
        self.where = np.full(inst.n, -2, dtype=np.int64)  # -2: not in play, -1: unplaced
        self.own = np.zeros(inst.n)
        self.members: list[list[int]] = []
        self.key: list[int] = []
        self.by_key: dict[int, list[int]] = defaultdict(list)
        self.M = np.full((0, max_size), -1, dtype=np.int64)
        self.size = np.zeros(0, dtype=np.int64)
        self.W = np.zeros(0)
        for i in free:
            self.where[i] = -1
        rows = []
        for c, k in zip(cohorts, keys, strict=True):
            rows.append(self._add(c, k))
        if rows:
            self.M = np.array(rows, dtype=np.int64)
            self.size = np.array([len(c) for c in self.members], dtype=np.int64)
            self.W = np.zeros(len(self.members))
            for c in range(len(self.members)):
                self._rescore(c)
        self._cand_cache: dict[int, np.ndarray] = {}

    # --- bookkeeping -------------------------------------------------------------------

    def _add(self, members: list[int], key: int) -> list[int]:
        c = len(self.members)
        self.members.append(list(members))
        self.key.append(key)
        self.by_key[key].append(c)
        for i in members:
            self.where[i] = c
        return list(members) + [-1] * (self.max - len(members))

    def new_cohort(self, members: list[int], key: int) -> None:
        """Open a cohort (members already checked) and score it."""
        row = self._add(members, key)
        self.M = np.vstack([self.M, np.array([row], dtype=np.int64)])
        self.size = np.append(self.size, len(members))
        self.W = np.append(self.W, 0.0)
        self._rescore(len(self.members) - 1)
        self._cand_cache.clear()

    def _rescore(self, c: int) -> None:
        m = self.members[c]
        self.M[c, :] = -1
        self.M[c, : len(m)] = m
        self.size[c] = len(m)
        idx = np.array(m, dtype=np.int64)
        block = self.f.block(idx, idx)
        np.fill_diagonal(block, 0.0)
        sums = block.sum(axis=1)
        self.own[idx] = sums
        self.W[c] = sums.sum() / 2

    def objective(self) -> float:
        """F: Q times the number placed."""
        s = self.size
        return float(np.sum(2 * self.W / np.maximum(s - 1, 1)))

    def placed(self) -> int:
        return int(self.size.sum())

    def candidates(self, i: int) -> np.ndarray:
        """Cohorts whose key the applicant fits."""
        got = self._cand_cache.get(i)
        if got is None:
            lists = [self.by_key[k] for k in self.inst.keys_of[i] if k in self.by_key]
            got = np.array([c for lst in lists for c in lst], dtype=np.int64)
            self._cand_cache[i] = got
        return got

    def fits(self, j: int, c: int) -> bool:
        return self.key[c] in self.inst.key_sets[j]

    def _move(self, i: int, src: int, dst: int) -> None:
        if src >= 0:
            self.members[src].remove(i)
            self._rescore(src)
        else:
            self.own[i] = 0.0
        self.where[i] = dst
        if dst >= 0:
            self.members[dst].append(i)
            self._rescore(dst)
        else:
            self.own[i] = 0.0

    # --- moves ---------------------------------------------------------------------------

    def _affinities(self, i: int, C: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        Mi = self.M[C]
        mask = Mi >= 0
        aff = self.f.pair(i, np.where(mask, Mi, i)) * mask
        return Mi, mask, aff

    def insert(self, i: int) -> bool:
        """Place an unplaced applicant in the cohort with room that suits it best."""
        C = self.candidates(i)
        if not len(C):
            return False
        room = self.size[C] < self.max
        if not room.any():
            return False
        C = C[room]
        _, _, aff = self._affinities(i, C)
        S = aff.sum(axis=1)
        s = self.size[C]
        gain = 2 * (self.W[C] + S) / s - 2 * self.W[C] / (s - 1)
        for n in np.argsort(-gain, kind="stable"):
            c = int(C[n])
            if not self.inst.clashes_any(i, self.members[c]):
                self._move(i, -1, c)
                return True
        return False

    def improve(self, i: int) -> float:
        """Make the best move for applicant i that raises F; return the gain (0 if none)."""
        A = int(self.where[i])
        C = self.candidates(i)
        if A >= 0:
            C = C[C != A]
        if not len(C):
            return 0.0
        Mi, mask, aff = self._affinities(i, C)
        S = aff.sum(axis=1)
        s = self.size[C].astype(np.float64)
        WB = self.W[C]
        moves: list[tuple[float, int, int]] = []  # (gain, cohort, partner or -1)
        own = self.own
        if A >= 0:
            sA, WA, oi = float(self.size[A]), float(self.W[A]), float(own[i])
            leave = 0.0
            if sA > self.min:
                leave = 2 * (WA - oi) / (sA - 2) - 2 * WA / (sA - 1)
                room = s < self.max
                if room.any():
                    join = 2 * (WB + S) / s - 2 * WB / (s - 1)
                    g = np.where(room, leave + join, -np.inf)
                    n = int(np.argmax(g))
                    if g[n] > EPS:
                        moves.append((float(g[n]), int(C[n]), -1))
            # Swaps: only with the cohorts i likes most, to keep the cost per applicant flat.
            top = np.argsort(-(S / s), kind="stable")[:SWAP_COHORTS]
            Mt, mt, at = Mi[top], mask[top], aff[top]
            Am = np.array([m for m in self.members[A] if m != i], dtype=np.int64)
            J = np.where(mt, Mt, i)
            SjA = self.f.pair(J[..., None], Am[None, None, :]).sum(axis=-1)
            gA = 2 * (SjA - oi) / (sA - 1)  # Am already leaves i out
            gB = 2 * (S[top, None] - at - own[J]) / (s[top, None] - 1)
            g = np.where(mt, gA + gB, -np.inf)
            self._collect(g, C[top], Mt, moves)
        else:
            g = np.where(
                mask, 2 * (S[:, None] - aff - own[np.where(mask, Mi, i)]) / (s[:, None] - 1), -np.inf
            )
            self._collect(g, C, Mi, moves)
        moves.sort(key=lambda m: -m[0])
        for gain, c, j in moves:
            if j < 0:
                if not self.inst.clashes_any(i, self.members[c]):
                    self._move(i, A, c)
                    return gain
                continue
            rest_b = [m for m in self.members[c] if m != j]
            if self.inst.clashes_any(i, rest_b):
                continue
            if A >= 0:
                if not self.fits(j, A):
                    continue
                rest_a = [m for m in self.members[A] if m != i]
                if self.inst.clashes_any(j, rest_a):
                    continue
            self._swap(i, A, j, c)
            return gain
        return 0.0

    @staticmethod
    def _collect(g: np.ndarray, C: np.ndarray, M: np.ndarray, moves: list) -> None:
        flat = g.ravel()
        good = np.flatnonzero(flat > EPS)
        if not len(good):
            return
        best = good[np.argsort(-flat[good], kind="stable")[:6]]
        width = g.shape[1]
        for n in best:
            r, q = divmod(int(n), width)
            moves.append((float(flat[n]), int(C[r]), int(M[r, q])))

    def _swap(self, i: int, A: int, j: int, B: int) -> None:
        self.members[B].remove(j)
        self.members[B].append(i)
        self.where[i] = B
        self.where[j] = A
        if A >= 0:
            self.members[A].remove(i)
            self.members[A].append(j)
            self._rescore(A)
        else:
            self.own[j] = 0.0
        self._rescore(B)

    # --- coverage repair -------------------------------------------------------------------

    def eject_insert(self, i: int) -> bool:
        """Place i in a full cohort by moving one of its members to another cohort with room."""
        C = self.candidates(i)
        for B in C[self.size[C] >= self.max][:EJECT_COHORTS].tolist():
            for j in list(self.members[B]):
                rest = [m for m in self.members[B] if m != j]
                if self.inst.clashes_any(i, rest):
                    continue
                Cj = self.candidates(j)
                for D in Cj[self.size[Cj] < self.max].tolist():
                    if self.inst.clashes_any(j, self.members[D]):
                        continue
                    self._move(j, B, D)
                    self._move(i, -1, B)
                    return True
        return False

    def open_cohorts(self, free: list[int], key_count: int) -> int:
        """Start cohorts from unplaced applicants, borrowing spare members where needed."""
        opened = 0
        for k in range(key_count):
            pool = [i for i in free if self.where[i] == -1 and k in self.inst.key_sets[i]]
            if not pool:
                continue
            pool.sort(key=lambda i: (self.f.sector[i], i))
            group: list[int] = []
            for i in pool:
                if len(group) < self.max and not self.inst.clashes_any(i, group):
                    group.append(i)
            borrowed: list[tuple[int, int]] = []
            if len(group) < self.min:
                spare = {c: int(self.size[c]) - self.min for c in range(len(self.members))}
                need = self.min - len(group)
                for c in range(len(self.members)):
                    if need == 0:
                        break
                    for j in list(self.members[c]):
                        if need == 0 or spare[c] <= 0:
                            break
                        if k in self.inst.key_sets[j] and not self.inst.clashes_any(j, group):
                            group.append(j)
                            borrowed.append((j, c))
                            spare[c] -= 1
                            need -= 1
                if need:
                    continue
            for j, c in borrowed:
                self.members[c].remove(j)
                self._rescore(c)
            self.new_cohort(group, k)
            opened += 1
        return opened

    # --- driver ------------------------------------------------------------------------------

    def run(
        self,
        people: list[int],
        *,
        rng: np.random.Generator,
        deadline: float,
        max_passes: int = 40,
        progress: Callable[[float], None] | None = None,
    ) -> int:
        """Passes of moves over everyone in play until none helps or time is up."""
        passes = 0
        for passes in range(1, max_passes + 1):
            gained = 0.0
            order = rng.permutation(np.array(people, dtype=np.int64))
            for n, i in enumerate(order.tolist()):
                if n % 64 == 0 and time.monotonic() > deadline:
                    return passes
                if self.where[i] == -1 and (self.insert(i) or self.eject_insert(i)):
                    gained += 1.0
                    continue
                gained += self.improve(i)
            if progress:
                progress(passes / max_passes)
            if gained < STOP_GAIN * max(1.0, self.objective()):
                break
        return passes

    def cover(self, people: list[int], key_count: int, deadline: float) -> None:
        """Place whoever the first cut left out, wherever the rules allow."""
        for _ in range(2):
            for n, i in enumerate(people):
                if n % 64 == 0 and time.monotonic() > deadline:
                    return
                if self.where[i] == -1 and not self.insert(i):
                    self.eject_insert(i)
            if not self.open_cohorts(people, key_count):
                return
