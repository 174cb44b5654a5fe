"""Reading the applicants CSV (refusing a bad file whole) and writing the cohorts CSV."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .model import MODES, Applicant, Result

# Big enough for several million applicants; a bigger file is almost surely the wrong file,
# and refusing it up front avoids reading a gigabyte into memory to find that out.
MAX_BYTES = 200 * 1024 * 1024

REQUIRED = (
    "id",
    "sector",
    "sic",
    "district",
    "area",
    "employees",
    "turnover",
    "ownership",
    "organisation",
    "themes",
    "mode",
    "slots",
    "not_with",
)
OUTPUT_COLUMNS = ("id", "cohort", "slot", "mode")
_SIC = re.compile(r"[0-9]{5}")
_WHOLE = re.compile(r"[+]?[0-9]+")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input file."""

    line: int | None  # None for a problem with the file as a whole
    column: str
    value: str
    message: str

    def render(self, name: str) -> str:
        where = f"{name} line {self.line}" if self.line is not None else name
        return f"{where}: {self.message}"


class PoolError(ValueError):
    """The applicants file is malformed; carries every problem found, in line order."""

    def __init__(self, problems: Sequence[Problem], name: str = "applicants.csv") -> None:
        self.problems = list(problems)
        self.name = name
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [p.render(self.name) for p in self.problems]


def _tags(value: str) -> list[str]:
    return [t.strip() for t in value.split(";") if t.strip()]


def read_applicants(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> list[Applicant]:
    """Read an applicants CSV file; raise PoolError listing every problem if it is malformed."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PoolError([Problem(None, "", "", f"cannot be read ({exc.strerror})")], name) from exc
    if size > max_bytes:
        raise PoolError(
            [
                Problem(
                    None,
                    "",
                    "",
                    f"is {size / 1e6:,.0f} MB, over the {max_bytes // (1024 * 1024)} MiB limit "
                    "for one pool; is it the right file?",
                )
            ],
            name,
        )
    return parse_applicants(path.read_bytes(), name=name)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    problems = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = raw[exc.start : exc.end]
            problems.append(
                Problem(
                    number,
                    "",
                    repr(bad),
                    f"bytes {bad!r} at character {exc.start + 1} are not UTF-8; save the file as CSV UTF-8",
                )
            )
    raise PoolError(problems, name)


def parse_applicants(data: str | bytes, *, name: str = "applicants.csv") -> list[Applicant]:
    """Parse applicants CSV text (or UTF-8 bytes, e.g. an upload); raise PoolError if malformed."""
    text = _decode(data, name) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    if not text.strip():
        raise PoolError([Problem(None, "", "", "is empty; it needs a header row")], name)
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[Problem] = []
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise PoolError([Problem(1, "", "", f"is not valid CSV ({exc})")], name) from exc
    missing = [c for c in REQUIRED if c not in header]
    for c in missing:
        problems.append(Problem(1, c, "", f"the header has no '{c}' column"))
    for c in sorted({h for h in header if header.count(h) > 1 and h in REQUIRED}):
        problems.append(Problem(1, c, "", f"the header has the '{c}' column twice"))
    if problems:
        raise PoolError(problems, name)
    col = {c: header.index(c) for c in REQUIRED}

    rows: list[tuple[int, dict[str, str]]] = []
    line = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(reader.line_num, "", "", f"is not valid CSV ({exc})"))
            break
        line = reader.line_num
        if not fields or all(not f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            problems.append(Problem(line, "", "", f"has {len(fields)} fields; the header has {len(header)}"))
            continue
        rows.append((line, {c: fields[i].strip() for c, i in col.items()}))

    applicants: list[Applicant] = []
    first_line: dict[str, int] = {}
    for line, row in rows:
        before = len(problems)

        def bad(column: str, message: str, row: dict[str, str] = row, line: int = line) -> None:
            problems.append(Problem(line, column, row[column], message))

        ident = row["id"]
        if not ident:
            bad("id", "id is empty; every applicant needs an id")
        elif ident in first_line:
            bad("id", f"id '{ident}' repeats the id on line {first_line[ident]}")
        else:
            first_line[ident] = line
        if row["sic"] and not _SIC.fullmatch(row["sic"]):
            bad("sic", f"sic '{row['sic']}' is not a 5-digit SIC code (or empty)")
        for column in ("district", "area"):
            if not row[column]:
                bad(column, f"{column} is empty")
        employees = _whole(row["employees"])
        if employees is None:
            bad("employees", f"employees '{row['employees']}' is not a whole number")
        elif employees < 1:
            bad("employees", f"employees '{row['employees']}' is less than 1")
        turnover = _whole(row["turnover"])
        if turnover is None:
            bad("turnover", f"turnover '{row['turnover']}' is not a whole number of pounds")
        mode = row["mode"]
        if mode not in MODES:
            bad("mode", f"mode '{mode}' is not one of online, in-person, either")
        slots = _tags(row["slots"])
        if not slots:
            bad("slots", "slots is empty; list at least one slot, like tue-am")
        if len(problems) == before:
            applicants.append(
                Applicant(
                    id=ident,
                    sector=row["sector"],
                    sic=row["sic"],
                    district=row["district"],
                    area=row["area"],
                    employees=employees or 1,
                    turnover=turnover or 0,
                    ownership=frozenset(_tags(row["ownership"])),
                    organisation=row["organisation"],
                    themes=frozenset(_tags(row["themes"])),
                    mode=mode,
                    slots=tuple(dict.fromkeys(slots)),
                    not_with=frozenset(t for t in _tags(row["not_with"]) if t != ident),
                )
            )
    # not_with is checked once every id is known, so a forward reference is fine.
    for line, row in rows:
        for other in _tags(row["not_with"]):
            if other not in first_line:
                problems.append(
                    Problem(
                        line,
                        "not_with",
                        row["not_with"],
                        f"not_with '{other}' is not an id in the file",
                    )
                )
    if not rows and not problems:
        problems.append(Problem(None, "", "", "has a header but no applicants"))
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise PoolError(problems, name)
    return applicants


def _whole(value: str) -> int | None:
    return int(value) if _WHOLE.fullmatch(value) else None


def write_cohorts(result: Result, ids: Sequence[str], out: TextIO) -> None:
    """Write id,cohort,slot,mode, one row per input applicant in input order."""
    where = result.cohort_of()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    for ident in ids:
        c = where.get(ident)
        writer.writerow([ident, c.label, c.slot, c.mode] if c else [ident, "", "", ""])


def write_applicants(applicants: Sequence[Applicant], out: TextIO) -> None:
    """Write the applicants CSV that read_applicants reads back to the same applicants."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REQUIRED)
    for a in applicants:
        writer.writerow(
            [
                a.id,
                a.sector,
                a.sic,
                a.district,
                a.area,
                a.employees,
                a.turnover,
                ";".join(sorted(a.ownership)),
                a.organisation,
                ";".join(sorted(a.themes)),
                a.mode,
                ";".join(a.slots),
                ";".join(sorted(a.not_with)),
            ]
        )
