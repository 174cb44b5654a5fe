"""Seeded generator of realistic Lancashire applicant pools, as Applicants or as CSV.

Run `python bench/pools.py --size 500 --seed 1 > pool.csv` for a pool file.
"""

from __future__ import annotations

import argparse
import math
import random
import sys

from peernet.matching import Applicant, write_applicants

# District -> (relative number of businesses, travel area).
DISTRICTS = {
    "Preston": (14, "Central Lancashire"),
    "Chorley": (10, "Central Lancashire"),
    "South Ribble": (10, "Central Lancashire"),
    "Blackburn with Darwen": (12, "Pennine Lancashire"),
    "Burnley": (8, "Pennine Lancashire"),
    "Pendle": (7, "Pennine Lancashire"),
    "Hyndburn": (7, "East Lancashire"),
    "Rossendale": (6, "East Lancashire"),
    "Ribble Valley": (6, "East Lancashire"),
    "Blackpool": (11, "Fylde Coast"),
    "Fylde": (6, "Fylde Coast"),
    "Wyre": (7, "Fylde Coast"),
    "Lancaster": (10, "North Lancashire"),
    "West Lancashire": (8, "West Lancashire"),
}
# Sector -> (share, SIC codes, themes it leans to).
SECTORS = {
    "Manufacturing": (
        18,
        ["25620", "25110", "22290", "28290", "10890"],
        ["production", "supply-chain", "staffing", "exporting", "net-zero"],
    ),
    "Construction": (
        12,
        ["41201", "43210", "43390", "43220"],
        ["staffing", "supply-chain", "net-zero", "finance"],
    ),
    "Digital and Technology": (
        11,
        ["62012", "62020", "63110"],
        ["growth-strategy", "staffing", "finance", "marketing"],
    ),
    "Professional Services": (
        13,
        ["69201", "70229", "71122", "69102"],
        ["digital", "marketing", "leadership", "growth-strategy"],
    ),
    "Retail": (9, ["47190", "47710", "47789"], ["digital", "marketing", "finance", "staffing"]),
    "Hospitality and Tourism": (
        9,
        ["56101", "55100", "56302"],
        ["staffing", "marketing", "finance", "net-zero"],
    ),
    "Logistics": (7, ["49410", "52103", "52290"], ["supply-chain", "net-zero", "staffing", "digital"]),
    "Health and Care": (8, ["86900", "87300", "88100"], ["staffing", "leadership", "finance"]),
    "Creative Industries": (
        7,
        ["73110", "74100", "59112"],
        ["marketing", "digital", "growth-strategy", "exporting"],
    ),
    "Food and Agriculture": (
        6,
        ["01500", "10710", "11050"],
        ["production", "exporting", "net-zero", "supply-chain"],
    ),
}
THEMES = [
    "supply-chain",
    "staffing",
    "exporting",
    "production",
    "finance",
    "digital",
    "marketing",
    "leadership",
    "net-zero",
    "growth-strategy",
]
OWNERSHIP = {
    "women-led": 0.25,
    "family": 0.3,
    "ethnic-minority-led": 0.1,
    "employee-owned": 0.03,
    "social-enterprise": 0.05,
}
ORGANISATIONS = {"FSB": 20, "Chamber": 20, "Make UK": 5, "CBI": 3, "IoD": 7, "": 45}
MODES = {"online": 35, "in-person": 30, "either": 35}
# Mornings midweek are the popular times for business owners.
SLOTS = {
    "mon-am": 6,
    "mon-pm": 3,
    "tue-am": 12,
    "tue-pm": 6,
    "wed-am": 12,
    "wed-pm": 6,
    "thu-am": 11,
    "thu-pm": 6,
    "fri-am": 6,
    "fri-pm": 2,
}


def _pick(rng: random.Random, table: dict) -> str:
    keys = list(table)
    weights = [v[0] if isinstance(v, tuple) else v for v in table.values()]
    return rng.choices(keys, weights=weights)[0]


def generate(size: int, seed: int = 0) -> list[Applicant]:
    """A pool of `size` applicants; the same size and seed give the same pool."""
    rng = random.Random(seed)
    out: list[Applicant] = []
    for n in range(size):
        district = _pick(rng, DISTRICTS)
        sector = _pick(rng, SECTORS)
        _, sics, leaning = SECTORS[sector]
        sic = "" if rng.random() < 0.05 else rng.choice(sics)
        employees = max(1, min(249, round(math.exp(rng.gauss(math.log(12), 1.1)))))
        turnover = round(employees * rng.lognormvariate(math.log(80_000), 0.5), -3)
        k = rng.choice([1, 2, 2, 3])
        themes = set()
        while len(themes) < k:
            themes.add(rng.choice(leaning) if rng.random() < 0.7 else rng.choice(THEMES))
        ownership = {t for t, p in OWNERSHIP.items() if rng.random() < p}
        org = _pick(rng, ORGANISATIONS)
        if sector == "Manufacturing" and not org and rng.random() < 0.3:
            org = "Make UK"
        slots: set[str] = set()
        want = rng.choice([1, 2, 2, 3, 3, 4])
        while len(slots) < want:
            slots.add(_pick(rng, SLOTS))
        out.append(
            Applicant(
                id=f"A{n + 1:05d}",
                sector=sector,
                sic=sic,
                district=district,
                area=DISTRICTS[district][1],
                employees=employees,
                turnover=int(turnover),
                ownership=frozenset(ownership),
                organisation=org,
                themes=frozenset(themes),
                mode=_pick(rng, MODES),
                slots=tuple(sorted(slots, key=list(SLOTS).index)),
            )
        )
    # A few people name a rival or a former partner they would rather not meet.
    ids = [a.id for a in out]
    for n, a in enumerate(out):
        if size > 1 and rng.random() < 0.02:
            others = frozenset(x for x in rng.sample(ids, min(2, size)) if x != a.id)
            out[n] = Applicant(**{**a.__dict__, "not_with": others})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_applicants(generate(args.size, args.seed), sys.stdout)


if __name__ == "__main__":
    main()
