"""SIC 2007: the common codes with their official descriptions, search over them, and a sector from any code.

data/sic2007.csv holds the 21 sections and a few hundred of the five-digit codes small businesses use most.
A code missing from the file is still valid when its division exists: its sector comes from the division.
"""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "sic2007.csv"

# Short sector labels, one per section, used on screens, in reports and by the matching engine.
SECTORS = {
    "A": "Agriculture, forestry and fishing",
    "B": "Mining and quarrying",
    "C": "Manufacturing",
    "D": "Energy supply",
    "E": "Water and waste",
    "F": "Construction",
    "G": "Wholesale and retail",
    "H": "Transport and storage",
    "I": "Accommodation and food",
    "J": "Information and communication",
    "K": "Finance and insurance",
    "L": "Real estate",
    "M": "Professional, scientific and technical",
    "N": "Administrative and support services",
    "O": "Public administration",
    "P": "Education",
    "Q": "Health and social work",
    "R": "Arts, entertainment and recreation",
    "S": "Other services",
    "T": "Households as employers",
    "U": "Extraterritorial organisations",
}

# Each section's two-digit divisions, as SIC 2007 defines them.
DIVISIONS = {
    "A": range(1, 4),
    "B": range(5, 10),
    "C": range(10, 34),
    "D": range(35, 36),
    "E": range(36, 40),
    "F": range(41, 44),
    "G": range(45, 48),
    "H": range(49, 54),
    "I": range(55, 57),
    "J": range(58, 64),
    "K": range(64, 67),
    "L": range(68, 69),
    "M": range(69, 76),
    "N": range(77, 83),
    "O": range(84, 85),
    "P": range(85, 86),
    "Q": range(86, 89),
    "R": range(90, 94),
    "S": range(94, 97),
    "T": range(97, 99),
    "U": range(99, 100),
}

CODE = re.compile(r"^[0-9]{5}$")


@dataclass(frozen=True)
class SicCode:
    code: str
    description: str
    section: str

    @property
    def sector(self) -> str:
        return SECTORS[self.section]

    @property
    def label(self) -> str:
        return f"{self.code} – {self.description}"


@cache
def codes() -> dict[str, SicCode]:
    with DATA.open(newline="", encoding="utf-8") as f:
        rows = [SicCode(r["code"], r["description"], r["section"]) for r in csv.DictReader(f)]
    return {row.code: row for row in rows if CODE.match(row.code)}


def section_of(code: str) -> str | None:
    if not CODE.match(code or ""):
        return None
    division = int(code[:2])
    return next((s for s, divisions in DIVISIONS.items() if division in divisions), None)


def normalise(value: str) -> str:
    """A code as typed or as a spreadsheet stored it ('1110' lost its leading zero, '62020.0' is a float)."""
    text = str(value or "").strip()
    if re.fullmatch(r"[0-9]+\.0+", text):
        text = text.split(".")[0]
    if re.fullmatch(r"[0-9]{4}", text):
        text = "0" + text
    return text


def is_valid(code: str) -> bool:
    return section_of(code) is not None


def lookup(code: str) -> SicCode | None:
    """The code's entry, or a bare one with no description for a valid code outside our list."""
    code = normalise(code)
    if code in codes():
        return codes()[code]
    section = section_of(code)
    return SicCode(code, "", section) if section else None


def sector_for(code: str) -> str:
    found = lookup(code)
    return found.sector if found else ""


def search(query: str, *, limit: int = 20) -> list[SicCode]:
    """Codes whose description holds every word of the query, or whose code starts with it."""
    query = (query or "").strip().lower()[:100]
    if not query:
        return []
    if query.isdigit():
        return [c for code, c in codes().items() if code.startswith(query)][:limit]
    words = re.findall(r"[a-z0-9]+", query)
    if not words:
        return []
    found = []
    for c in codes().values():
        haystack = f"{c.description} {c.sector}".lower()
        if all(word in haystack for word in words):
            found.append(c)
    # Shorter descriptions are usually the better match ("Machining" before "... machining centres").
    found.sort(key=lambda c: (len(c.description), c.code))
    return found[:limit]
