"""Benchmark of the cohort engine on generated pools: placed, Q, bound, invalid, time, memory.

.venv/bin/python bench/bench_matching.py                      # 50, 500, 5,000, 50,000
.venv/bin/python bench/bench_matching.py --sizes 50,500       # a quick look
.venv/bin/python bench/bench_matching.py --exact 600          # engine vs CP-SAT on 50-60
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baselines  # noqa: E402
import pools  # noqa: E402

from peernet.matching import check_cohort, form_cohorts, score  # noqa: E402
from peernet.matching.exact import solve_exact  # noqa: E402


def one(size: int, seed: int, time_limit: float | None, bound_max: int) -> dict:
    """Run the engine once on a fresh pool; measured in its own process for a true peak RSS."""
    pool = pools.generate(size, seed)
    started = time.monotonic()
    result = form_cohorts(pool, seed=seed, time_limit=time_limit)
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    by_id = {a.id: a for a in pool}
    # Re-check every cohort with the plain rules rather than trusting the engine's count.
    invalid = sum(
        1
        for c in result.cohorts
        if check_cohort([by_id[m] for m in c.members], slot=c.slot, mode=c.mode, area=c.area)
    )
    q = score([[by_id[m] for m in c.members] for c in result.cohorts])
    row = {
        "size": size,
        "placed": result.placed,
        "cohorts": len(result.cohorts),
        "q": q,
        "invalid": invalid,
        "seconds": seconds,
        "peak_mib": peak,
        "bound": baselines.q_bound(pool, result.placed) if size <= bound_max else None,
    }
    sheet = baselines.spreadsheet(pool)
    row.update({f"sheet_{k}": v for k, v in sheet.items()})
    tool = baselines.greedy(pool)
    row.update({f"greedy_{k}": v for k, v in tool.items()})
    return row


def table(rows: list[dict]) -> str:
    head = (
        f"{'N':>6} {'placed':>6} {'cohorts':>7} {'Q':>6} {'bound':>6} {'invalid':>7} {'seconds':>7} "
        f"{'peakMiB':>7} | {'sheet placed':>12} {'sheet Q':>7} {'sheet invalid':>13} | "
        f"{'greedy placed':>13} {'greedy Q':>8}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        bound = f"{r['bound']:.3f}" if r["bound"] is not None else "n/a"
        lines.append(
            f"{r['size']:>6} {r['placed']:>6} {r['cohorts']:>7} {r['q']:>6.3f} {bound:>6} {r['invalid']:>7} "
            f"{r['seconds']:>7.1f} {r['peak_mib']:>7.0f} | {r['sheet_placed']:>12} {r['sheet_q']:>7.3f} "
            f"{r['sheet_invalid']:>13} | {r['greedy_placed']:>13} {r['greedy_q']:>8.3f}"
        )
    return "\n".join(lines)


def exact_comparison(seconds: float, seeds: list[int]) -> None:
    """The engine against CP-SAT given `seconds` on pools of 50 and 60."""
    print(
        f"{'N':>4} {'seed':>4} {'placed':>6} {'Q engine':>8} {'s':>5} "
        f"{'Q exact':>7} {'proven<=':>8} {'gap':>6}"
    )
    for size in (50, 60):
        for seed in seeds:
            pool = pools.generate(size, seed)
            started = time.monotonic()
            r = form_cohorts(pool, seed=seed)
            took = time.monotonic() - started
            # The exact model starts from nothing: no hint from the engine.
            e = solve_exact(pool, time_limit=seconds)
            by_id = {a.id: a for a in pool}
            qe = score([[by_id[m] for m in members] for _, members in e.cohorts])
            best = max(qe, r.q) if e.placed == r.placed else qe
            gap = (best - r.q) / best if best else 0.0
            print(
                f"{size:>4} {seed:>4} {r.placed:>3}/{e.placed:<2} {r.q:>8.4f} {took:>5.1f} {qe:>7.4f} "
                f"{min(1.0, e.q_bound):>8.4f} {gap:>6.1%}",
                flush=True,
            )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="50,500,5000,50000")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--time-limit", type=float, default=None, help="passed to the engine")
    p.add_argument("--bound-max", type=int, default=5000, help="largest pool to compute the Q bound for")
    p.add_argument("--exact", type=float, metavar="SECONDS", help="compare with CP-SAT on pools of 50-60")
    p.add_argument("--exact-seeds", default="1,2,3")
    p.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.seed, args.time_limit, args.bound_max)))
        return
    if args.exact:
        exact_comparison(args.exact, [int(s) for s in args.exact_seeds.split(",")])
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [
            sys.executable,
            __file__,
            "--one",
            str(size),
            "--seed",
            str(args.seed),
            "--bound-max",
            str(args.bound_max),
        ]
        if args.time_limit:
            cmd += ["--time-limit", str(args.time_limit)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout  # noqa: S603
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()
