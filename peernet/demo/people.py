"""Fictional businesses and their leaders for the demo, drawn from one seeded random generator."""

import datetime as dt
import random
from dataclasses import dataclass

from django.utils.text import slugify

from peernet.applications.sic import sector_for
from peernet.demo import names
from peernet.slots import SLOT_CHOICES

INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
# Roughly where Companies House numbering stood at the start of each year, to give plausible numbers.
COMPANY_NUMBER_AT = [
    (1970, 980_000), (1980, 1_450_000), (1990, 2_450_000), (2000, 3_900_000), (2005, 5_330_000),
    (2010, 7_100_000), (2015, 9_350_000), (2018, 11_150_000), (2020, 12_400_000), (2022, 13_850_000),
    (2024, 15_400_000), (2027, 17_600_000),
]  # fmt: skip
SLOT_ORDER = [slot for slot, _ in SLOT_CHOICES]
LLP_NUMBER_AT = [(2001, 300_000), (2010, 350_000), (2020, 430_000), (2027, 460_000)]


def weighted(rng: random.Random, pairs):
    """One value from (value, weight) pairs."""
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _interpolate(table, day: dt.date) -> int:
    year = day.year + (day.timetuple().tm_yday - 1) / 365
    for (y0, n0), (y1, n1) in zip(table, table[1:], strict=False):
        if y0 <= year <= y1:
            return int(n0 + (n1 - n0) * (year - y0) / (y1 - y0))
    return table[0][1] if year < table[0][0] else table[-1][1]


@dataclass
class BusinessPlan:
    name: str
    company_number: str | None
    legal_form: str
    trading_since: dt.date
    employees: int
    turnover_pence: int
    sic: str
    sector: str
    postcode: str
    district: str | None
    ownership: list[str]
    domain: str
    heritage: str = "white"  # of the family that leads it, so names and monitoring answers agree
    family: str = ""  # the surname in its name, if it carries one

    @property
    def key(self) -> str:
        return self.company_number or self.name


@dataclass
class LeaderPlan:
    business: BusinessPlan
    full_name: str
    job_title: str
    email: str
    phone: str
    gender: str
    age_band: str
    ethnicity: str
    disability: str


def sics_in_sector(sector: str) -> list[tuple[str, int]]:
    return [(sic, weight) for sic, weight, _, _ in names.SIC_TABLE if sector_for(sic) == sector]


# Software and video businesses are young: none traded in the 1980s under these codes.
YOUNG_SICS = {"62012", "62020", "59112", "47910"}
SIC_INFO = {sic: (nouns, per_head) for sic, _, nouns, per_head in names.SIC_TABLE + names.OTHER_SICS}


class People:
    """Makes businesses and leaders, never the same name, company number, email or phone twice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.business_names: set[str] = set()
        self.company_numbers: set[str] = set()
        self.emails: set[str] = set()
        self.phones = 0

    # Places.

    def district(self, *, within: tuple[str, ...] = (), minority: bool = False) -> str:
        """A district, weighted by its business base, among `within` (districts or travel areas) if given."""
        rows = [row for row in names.DISTRICTS if not within or row[0] in within or row[2] in within]
        # Lancashire's Asian-heritage business communities are largest in these towns.
        boost = {"Blackburn with Darwen", "Preston", "Pendle", "Burnley", "Hyndburn"} if minority else set()
        return weighted(self.rng, [(row[0], row[3] * (3 if row[0] in boost else 1)) for row in rows])

    def postcode(self, district: str) -> str:
        outward = self.rng.choice(next(row[4] for row in names.DISTRICTS if row[0] == district))
        return self.postcode_in(outward)

    def postcode_in(self, outward: str) -> str:
        rng = self.rng
        return f"{outward} {rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"

    # Businesses.

    def company_number(self, legal_form: str, since: dt.date) -> str | None:
        if legal_form in ("partnership", "sole_trader"):
            return None
        while True:
            if legal_form == "llp":
                number = f"OC{_interpolate(LLP_NUMBER_AT, since) + self.rng.randint(0, 4000):06d}"
            else:
                number = f"{_interpolate(COMPANY_NUMBER_AT, since) + self.rng.randint(0, 40_000):08d}"
            if number not in self.company_numbers:
                self.company_numbers.add(number)
                return number

    def trading_since(self, before: dt.date, *, young: bool = False) -> dt.date:
        spans = [((1.2, 3), 20), ((3, 7), 30), ((7, 15), 30), ((15, 20 if young else 45), 20)]
        years = weighted(self.rng, spans)
        return before - dt.timedelta(days=int(365.25 * self.rng.uniform(*years)))

    def employees(self) -> int:
        # Skewed small, as the programme's businesses are: median about 14, a few over 100.
        return max(6, min(200, round(self.rng.lognormvariate(2.65, 0.75))))

    def ownership(self, *, required: str = "") -> list[str]:
        tags = [tag for tag, share in names.OWNERSHIP_SHARES if self.rng.random() < share]
        if required and required not in tags:
            tags.append(required)
        if "employee-owned" in tags and "family" in tags:
            tags.remove("family")
        return sorted(tags)

    def legal_form(self, sic: str, ownership: list[str], employees: int) -> str:
        if "social-enterprise" in ownership:
            return "charity"
        if sic in ("69201", "69102"):
            return weighted(self.rng, [("llp", 35), ("partnership", 25), ("limited_company", 40)])
        options = [("limited_company", 90), ("partnership", 3), ("other", 2)]
        if employees < 20:
            options.append(("sole_trader", 5))
        return weighted(self.rng, options)

    def business_name(
        self, sic: str, legal_form: str, ownership: list[str], surname: str, place: str
    ) -> tuple[str, bool]:
        """A name not used before, and whether it carries the family's surname."""
        nouns = SIC_INFO[sic][0]
        suffix = {"limited_company": " Ltd", "llp": " LLP", "charity": " CIC", "other": " Ltd"}.get(
            legal_form, ""
        )
        for _ in range(200):
            noun = self.rng.choice(nouns)
            roll = self.rng.random()
            if roll < (0.4 if "family" in ownership else 0.12):
                stem = f"{surname} & Sons" if "family" in ownership and roll < 0.1 else f"{surname} {noun}"
            elif roll < 0.45:
                stem = f"{self.rng.choice(names.WORDS)} {noun}"
            else:
                stem = f"{self.rng.choice(names.PLACES[place])} {noun}"
            name = stem + suffix
            if name not in self.business_names:
                self.business_names.add(name)
                return name, stem.startswith(surname + " ")
        raise RuntimeError("Ran out of business names")  # pragma: no cover - thousands of combinations

    def business(
        self,
        *,
        before: dt.date,
        sector: str = "",
        sic: str = "",
        within: tuple[str, ...] = (),
        outward: str = "",
        ownership: str = "",
        **overrides,
    ) -> BusinessPlan:
        """A business trading since well before `before`; keyword arguments pin what a cohort needs.

        `within` limits its district to those districts or travel areas; `outward` puts it over the county
        boundary, in that postcode district, with no district of ours.
        """
        rng = self.rng
        if not sic:
            sic = weighted(
                rng, sics_in_sector(sector) if sector else [(row[0], row[1]) for row in names.SIC_TABLE]
            )
        tags = self.ownership(required=ownership)
        district = None if outward else self.district(within=within, minority="ethnic-minority-led" in tags)
        employees = overrides.pop("employees", None) or self.employees()
        per_head = SIC_INFO.get(sic, ([], (50, 90)))[1]
        turnover_pounds = round(employees * rng.uniform(*per_head) * 1000, -3)
        legal_form = overrides.pop("legal_form", None) or self.legal_form(sic, tags, employees)
        since = overrides.pop("trading_since", None) or self.trading_since(before, young=sic in YOUNG_SICS)
        heritage = "white"
        if "ethnic-minority-led" in tags:
            heritage = weighted(rng, [("muslim", 55), ("hindu", 25), ("black", 20)])
        surname = rng.choice(names.SURNAMES[heritage])
        name, named_for_family = self.business_name(sic, legal_form, tags, surname, place=outward or district)
        plan = BusinessPlan(
            name=name,
            company_number=self.company_number(legal_form, since),
            legal_form=legal_form,
            trading_since=since,
            employees=employees,
            turnover_pence=int(turnover_pounds) * 100,
            sic=sic,
            sector=sector_for(sic),
            postcode=self.postcode_in(outward) if outward else self.postcode(district),
            district=district,
            ownership=tags,
            domain=slugify(name.removesuffix(" Ltd").removesuffix(" LLP").removesuffix(" CIC")) + ".example",
            heritage=heritage,
            family=surname if named_for_family else "",
        )
        for attribute, value in overrides.items():
            setattr(plan, attribute, value)
        return plan

    # Leaders.

    def phone(self) -> str:
        # Ofcom keeps 07700 900000 to 900999 and 01632 960000 to 960999 for drama: numbers nobody has.
        n, self.phones = self.phones, self.phones + 1
        return f"07700 900{n:03d}" if n < 1000 else f"01632 960{n - 1000:03d}"

    def leader(
        self, business: BusinessPlan, *, gender: str = "", email: str = "", full_name: str = ""
    ) -> LeaderPlan:
        rng = self.rng
        heritage = business.heritage
        if not gender:
            woman = 0.9 if "women-led" in business.ownership else 0.2
            gender = "woman" if rng.random() < woman else "man"
        while True:
            first = rng.choice(names.FIRST_NAMES[(heritage, gender)])
            last = (
                business.family
                if business.family and rng.random() < 0.8
                else rng.choice(names.SURNAMES[heritage])
            )
            name = full_name or f"{first} {last}"
            address = email or f"{slugify(first)}.{slugify(last)}@{business.domain}"
            if address not in self.emails:
                self.emails.add(address)
                break
            if email:
                raise ValueError(f"{email} is used twice")
        answered = rng.random() < 0.88
        return LeaderPlan(
            business=business,
            full_name=name,
            job_title="Partner"
            if business.legal_form in ("llp", "partnership")
            else rng.choice(names.JOB_TITLES),
            email=address,
            phone=self.phone(),
            gender=gender if answered else "prefer_not",
            age_band=weighted(rng, names.AGE_BANDS) if answered else "",
            ethnicity=names.ETHNICITY[heritage] if answered else "",
            disability=weighted(rng, [("no", 90), ("yes", 6), ("prefer_not", 4)]) if answered else "",
        )

    # Preferences.

    def themes(self, *, favour: tuple[str, ...] = ()) -> list[str]:
        pairs = [(slug, weight * (3 if slug in favour else 1)) for slug, weight in names.THEME_WEIGHTS]
        chosen: list[str] = []
        for _ in range(weighted(self.rng, [(1, 25), (2, 45), (3, 30)])):
            remaining = [(slug, weight) for slug, weight in pairs if slug not in chosen]
            chosen.append(weighted(self.rng, remaining))
        return chosen

    def slots(self, *, include: str = "") -> list[str]:
        chosen = [include] if include else []
        for _ in range(weighted(self.rng, [(2, 35), (3, 40), (4, 25)]) - len(chosen)):
            remaining = [(slot, weight) for slot, weight in names.SLOT_WEIGHTS if slot not in chosen]
            chosen.append(weighted(self.rng, remaining))
        return sorted(chosen, key=SLOT_ORDER.index)

    def organisation(self, *, sic: str = "") -> str:
        pairs = list(names.ORGANISATIONS)
        if sector_for(sic) != "Manufacturing":
            pairs = [(org, weight) for org, weight in pairs if org != "Make UK"]
        return weighted(self.rng, pairs)
