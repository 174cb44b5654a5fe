"""peernet-match: form cohorts from an applicants CSV and write the cohorts CSV."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from .engine import form_cohorts
from .model import Result
from .pool_io import MAX_BYTES, PoolError, read_applicants, write_cohorts


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="peernet-match",
        description="Form peer-network cohorts from an applicants CSV (see docs/matching.md).",
    )
    p.add_argument("applicants", help="applicants CSV, UTF-8, header row")
    p.add_argument("--output", "-o", required=True, help="where to write the cohorts CSV")
    p.add_argument("--min-size", type=int, default=8, help="smallest cohort (default 8)")
    p.add_argument("--max-size", type=int, default=10, help="largest cohort (default 10)")
    p.add_argument("--time-limit", type=float, default=None, help="seconds for the search")
    p.add_argument("--seed", type=int, default=0, help="same input and seed, same output")
    p.add_argument("--explain", metavar="FILE", help="also write why each cohort and each wait")
    p.add_argument("--verbose", "-v", action="store_true", help="show progress on stderr")
    p.add_argument(
        "--max-mb",
        type=int,
        default=MAX_BYTES // (1024 * 1024),
        help=f"refuse input files larger than this many MiB (default {MAX_BYTES // (1024 * 1024)})",
    )
    return p


def _write_atomic(path: Path, write) -> None:
    # Write beside the target and rename, so a failure never leaves half a file.
    fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            write(out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _explanations(result: Result, out) -> None:
    for c in result.cohorts:
        out.write(f"{c.label}: {c.explanation} (Q={c.quality:.3f}; {' '.join(c.members)})\n")
    for u in result.unplaced:
        out.write(f"{u.id} unplaced: {u.reason}\n")


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns (and exits with) 0 on success, 2 on bad input or arguments."""
    args = _parser().parse_args(argv)
    if not 2 <= args.min_size <= args.max_size:
        print("peernet-match: --min-size must be at least 2 and at most --max-size", file=sys.stderr)
        sys.exit(2)
    if args.time_limit is not None and args.time_limit <= 0:
        print("peernet-match: --time-limit must be a positive number of seconds", file=sys.stderr)
        sys.exit(2)
    try:
        applicants = read_applicants(args.applicants, max_bytes=args.max_mb * 1024 * 1024)
    except PoolError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        sys.exit(2)

    def progress(fraction: float, message: str) -> None:
        print(f"[{fraction:4.0%}] {message}", file=sys.stderr)

    result = form_cohorts(
        applicants,
        min_size=args.min_size,
        max_size=args.max_size,
        time_limit=args.time_limit,
        seed=args.seed,
        progress=progress if args.verbose else None,
    )
    ids = [a.id for a in applicants]
    _write_atomic(Path(args.output), lambda out: write_cohorts(result, ids, out))
    if args.explain:
        _write_atomic(Path(args.explain), lambda out: _explanations(result, out))
    print(result.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
