import subprocess
import sys
from pathlib import Path

from .helpers import pool_text, row

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "peernet.matching", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_cli_writes_cohorts_in_input_order(tmp_path):
    rows = [row(f"A{n:02d}", sic="", employees=str(5 + n)) for n in range(9)] + [
        row("Z", slots="mon-pm", sic="")
    ]
    pool = tmp_path / "pool.csv"
    pool.write_text(pool_text(list(reversed(rows))))
    out = tmp_path / "cohorts.csv"
    done = run(str(pool), "--output", str(out), "--seed", "3", "--time-limit", "20")
    assert done.returncode == 0
    assert done.stdout.startswith("placed 9 of 10 in 1 cohorts, Q=")
    assert done.stdout.rstrip().endswith(", invalid=0")
    lines = out.read_text().splitlines()
    assert lines[0] == "id,cohort,slot,mode"
    assert lines[1] == "Z,,,"
    assert lines[2:] == [f"A{n:02d},C01,tue-am,online" for n in reversed(range(9))]


def test_cli_refuses_a_malformed_file_and_writes_nothing(tmp_path):
    pool = tmp_path / "applicants.csv"
    pool.write_text(pool_text([row("A1"), row("A1", employees="abc"), row("A3", slots="", not_with="Q")]))
    out = tmp_path / "cohorts.csv"
    done = run(str(pool), "--output", str(out))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "applicants.csv line 3: id 'A1' repeats the id on line 2",
        "applicants.csv line 3: employees 'abc' is not a whole number",
        "applicants.csv line 4: slots is empty; list at least one slot, like tue-am",
        "applicants.csv line 4: not_with 'Q' is not an id in the file",
    ]
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [pool]


def test_cli_refuses_non_utf8(tmp_path):
    pool = tmp_path / "applicants.csv"
    pool.write_bytes(pool_text([row("A1", district="Caf\u00e9")]).encode("cp1252"))
    done = run(str(pool), "--output", str(tmp_path / "out.csv"))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "applicants.csv line 2: bytes b'\\xe9' at character 27 are not UTF-8; save the file as CSV UTF-8"
    ]


def test_cli_refuses_a_file_over_the_size_limit(tmp_path):
    pool = tmp_path / "applicants.csv"
    pool.write_text(pool_text([row(f"A{n}") for n in range(20000)]))
    done = run(str(pool), "--output", str(tmp_path / "out.csv"), "--max-mb", "1")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "applicants.csv: is 2 MB, over the 1 MiB limit for one pool; is it the right file?"
    ]


def test_cli_explain_writes_a_line_per_cohort_and_unplaced(tmp_path):
    pool = tmp_path / "pool.csv"
    pool.write_text(
        pool_text([row(f"A{n}", sic="") for n in range(8)] + [row("Z", mode="in-person", sic="")])
    )
    explain = tmp_path / "why.txt"
    done = run(str(pool), "--output", str(tmp_path / "c.csv"), "--explain", str(explain))
    assert done.returncode == 0
    lines = explain.read_text().splitlines()
    assert lines[0].startswith(
        "C01: 8 members, all Manufacturing; 8 of 8 name exporting; 8 of 8 family; 8 of 8 in FSB; "
        "Tuesday mornings, online"
    )
    assert lines[1] == "Z unplaced: no other in-person applicant in Central Lancashire shares slot tue-am"
