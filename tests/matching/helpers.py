"""Boring builders of applicants and pool files for the engine's tests."""

from __future__ import annotations

from peernet.matching import Applicant

HEADER = "id,sector,sic,district,area,employees,turnover,ownership,organisation,themes,mode,slots,not_with"


def person(ident: str, **fields) -> Applicant:
    """An online Manufacturing applicant in Preston, free on tue-am, unless told otherwise."""
    base = {
        "district": "Preston",
        "area": "Central Lancashire",
        "mode": "online",
        "slots": ("tue-am",),
        "sector": "Manufacturing",
        "sic": "",
        "employees": 10,
    }
    base.update(fields)
    return Applicant(id=ident, **base)


def row(ident: str, **fields: str) -> str:
    """One CSV line in the input format, valid unless a field is overridden."""
    values = {
        "id": ident,
        "sector": "Manufacturing",
        "sic": "25620",
        "district": "Preston",
        "area": "Central Lancashire",
        "employees": "12",
        "turnover": "900000",
        "ownership": "family",
        "organisation": "FSB",
        "themes": "staffing;exporting",
        "mode": "online",
        "slots": "tue-am",
        "not_with": "",
    }
    values.update(fields)
    return ",".join(values[c] for c in HEADER.split(","))


def pool_text(rows: list[str]) -> str:
    return "\n".join([HEADER, *rows]) + "\n"
