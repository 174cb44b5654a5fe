"""The demo's cohorts as partners ran them (who, on what basis, when, where), and how members are found."""

import datetime as dt
from dataclasses import dataclass

from peernet.cohorts.enums import CohortStatus
from peernet.demo import names
from peernet.demo.delivery import CHALLENGES, LONDON, CohortPlan, MemberPlan
from peernet.demo.lancashire import PARTNERS
from peernet.demo.people import BusinessPlan, People, sics_in_sector, weighted
from peernet.slots import slot_label

FACILITATORS_AT = {key: count for key, _, _, _, count in PARTNERS}
TRAVEL_AREA = {row[0]: row[2] for row in names.DISTRICTS}
FOOD_AND_DRINK = ("10710", "10512", "10130", "10850", "11050")


@dataclass(frozen=True)
class Spec:
    """One cohort a partner ran: its basis, name, slot and mode, where its members came from."""

    partner: str
    basis: str
    value: str
    name: str
    slot: str
    mode: str = "online"
    where: tuple[str, ...] = ()  # districts or travel areas; an in-person cohort's members live there
    favour: tuple[str, ...] = ()  # themes its members brought more often than most
    venue: str = ""
    sics: tuple[str, ...] = ()


MANUFACTURING = "Manufacturing"
PROFESSIONAL = "Professional, scientific and technical"
DIGITAL = "Information and communication"
HOSPITALITY = "Accommodation and food"
LOGISTICS = "Transport and storage"
CONSTRUCTION = "Construction"
CENTRAL, EAST, FYLDE, NORTH, WEST = (
    "Central Lancashire", "East Lancashire", "Fylde Coast", "North Lancashire", "West Lancashire",
)  # fmt: skip

# Round 1 ran entirely online: it started in the second national lockdown.
ROUND_1 = [
    Spec(
        "LBN",
        "sector",
        MANUFACTURING,
        "Manufacturers, Central Lancashire",
        "tue-am",
        where=(CENTRAL,),
        favour=("production", "supply-chain"),
    ),
    Spec(
        "LBN", "open", "", "Growing businesses, Preston and Chorley", "wed-pm", where=("Preston", "Chorley")
    ),
    Spec(
        "NWLCC",
        "organisation",
        "Chamber of Commerce",
        "Chamber members, Preston and the Fylde",
        "tue-pm",
        where=(CENTRAL, FYLDE),
    ),
    Spec(
        "NWLCC",
        "sector",
        PROFESSIONAL,
        "Professional services leaders",
        "thu-am",
        favour=("staffing", "growth-strategy"),
    ),
    Spec(
        "ELCC",
        "organisation",
        "Chamber of Commerce",
        "Chamber members, East Lancashire",
        "wed-am",
        where=(EAST,),
    ),
    Spec(
        "ELCC",
        "sector",
        MANUFACTURING,
        "Manufacturers, Pennine Lancashire",
        "thu-am",
        where=(EAST,),
        favour=("production",),
    ),
    Spec("FSB", "organisation", "FSB", "FSB members, Central Lancashire", "tue-am", where=(CENTRAL,)),
    Spec("FSB", "organisation", "FSB", "FSB members, East Lancashire", "thu-pm", where=(EAST,)),
    Spec(
        "MAKEUK",
        "sector",
        MANUFACTURING,
        "Advanced manufacturing leaders",
        "wed-am",
        favour=("production", "supply-chain", "exporting"),
    ),
    Spec(
        "MAKEUK",
        "sector",
        MANUFACTURING,
        "Food and drink manufacturers",
        "tue-pm",
        sics=FOOD_AND_DRINK,
        favour=("supply-chain", "production"),
    ),
    Spec("FCE", "open", "", "Fylde Coast business leaders", "wed-am", where=(FYLDE,)),
    Spec(
        "FCE",
        "sector",
        HOSPITALITY,
        "Hospitality leaders, Blackpool and the Fylde",
        "mon-pm",
        where=(FYLDE,),
        favour=("staffing", "finance"),
    ),
    Spec(
        "PGP",
        "ownership",
        "ethnic-minority-led",
        "Ethnic minority business leaders, Pennine Lancashire",
        "tue-am",
        where=(EAST,),
    ),
    Spec(
        "PGP",
        "sector",
        CONSTRUCTION,
        "Construction and trades, East Lancashire",
        "fri-am",
        where=(EAST,),
        favour=("staffing", "supply-chain"),
    ),
    Spec("UCLAN", "open", "", "Scale-up leaders", "thu-pm", favour=("growth-strategy", "finance")),
    Spec("UCLAN", "sector", DIGITAL, "Tech and digital founders", "wed-pm", favour=("digital", "staffing")),
    Spec("LUMS", "open", "", "Lancaster and Morecambe Bay leaders", "tue-am", where=(NORTH,)),
    Spec(
        "LUMS",
        "sector",
        MANUFACTURING,
        "Manufacturing leaders, North Lancashire",
        "thu-am",
        where=(NORTH, FYLDE),
        favour=("production",),
    ),
    Spec(
        "BFC", "sector", LOGISTICS, "Logistics and distribution leaders", "wed-am", favour=("supply-chain",)
    ),
    Spec("BFC", "open", "", "Blackpool business leaders", "thu-am", where=("Blackpool",)),
    Spec(
        "RBL",
        "open",
        "",
        "Rossendale and Hyndburn business leaders",
        "mon-am",
        where=("Rossendale", "Hyndburn"),
    ),
    Spec("RBL", "ownership", "family", "Family businesses, East Lancashire", "wed-pm", where=(EAST,)),
    Spec(
        "RRCC",
        "ownership",
        "family",
        "Family businesses, Central Lancashire",
        "tue-pm",
        where=(CENTRAL,),
        favour=("leadership",),
    ),
    Spec("RRCC", "open", "", "Leaders in growth", "fri-am", favour=("growth-strategy",)),
    Spec(
        "WEL",
        "ownership",
        "women-led",
        "Women leaders, Central and West Lancashire",
        "tue-am",
        where=(CENTRAL, WEST),
    ),
    Spec("WEL", "ownership", "women-led", "Women leaders, East Lancashire", "thu-am", where=(EAST,)),
    Spec(
        "DLN", "sector", DIGITAL, "Digital and creative businesses", "wed-am", favour=("digital", "marketing")
    ),
    Spec("DLN", "sector", DIGITAL, "Software and IT services", "thu-pm", favour=("digital", "staffing")),
    Spec(
        "RVEA",
        "open",
        "",
        "Ribble Valley and Pendle business leaders",
        "tue-am",
        where=("Ribble Valley", "Pendle"),
    ),
    Spec("WLBF", "open", "", "West Lancashire business leaders", "wed-am", where=(WEST,)),
    Spec("LVL", "open", "", "Lune Valley and Wyre business leaders", "thu-am", where=("Lancaster", "Wyre")),
]

# Round 2 went back into rooms where partners and members wanted to.
ROUND_2 = [
    Spec(
        "LBN",
        "sector",
        MANUFACTURING,
        "Manufacturers, Central Lancashire",
        "tue-am",
        where=(CENTRAL,),
        favour=("production", "supply-chain"),
    ),
    Spec(
        "LBN",
        "open",
        "",
        "Growing businesses, South Ribble and Chorley",
        "wed-am",
        where=("South Ribble", "Chorley"),
    ),
    Spec(
        "NWLCC",
        "organisation",
        "Chamber of Commerce",
        "Chamber members, Preston and the Fylde",
        "tue-pm",
        where=(CENTRAL, FYLDE),
    ),
    Spec(
        "NWLCC",
        "sector",
        PROFESSIONAL,
        "Professional services leaders, Preston",
        "thu-am",
        mode="in-person",
        where=(CENTRAL,),
        favour=("staffing",),
        venue="Chamber Business Centre, Fulwood, Preston",
    ),
    Spec(
        "ELCC",
        "organisation",
        "Chamber of Commerce",
        "Chamber members, East Lancashire",
        "wed-am",
        where=(EAST,),
    ),
    Spec(
        "ELCC",
        "sector",
        MANUFACTURING,
        "Manufacturers, Burnley and Pendle",
        "thu-am",
        mode="in-person",
        where=("Burnley", "Pendle"),
        favour=("production",),
        venue="Innovation Hub, Burnley",
    ),
    Spec("FSB", "organisation", "FSB", "FSB members, Central Lancashire", "tue-am", where=(CENTRAL,)),
    Spec("FSB", "organisation", "FSB", "FSB members, Fylde Coast", "thu-pm", where=(FYLDE,)),
    Spec(
        "MAKEUK",
        "sector",
        MANUFACTURING,
        "Advanced manufacturing leaders",
        "wed-am",
        favour=("production", "exporting"),
    ),
    Spec(
        "MAKEUK",
        "sector",
        MANUFACTURING,
        "Manufacturers' supply chains",
        "tue-pm",
        favour=("supply-chain", "production"),
    ),
    Spec(
        "LUMS",
        "open",
        "",
        "Lancaster and Morecambe Bay leaders",
        "tue-am",
        mode="in-person",
        where=(NORTH,),
        venue="Management School, Bailrigg, Lancaster",
    ),
    Spec(
        "LUMS",
        "sector",
        MANUFACTURING,
        "Manufacturing leaders, North Lancashire",
        "thu-am",
        where=(NORTH, FYLDE),
        favour=("production",),
    ),
    Spec(
        "DLN", "sector", DIGITAL, "Digital and creative businesses", "wed-am", favour=("digital", "marketing")
    ),
    Spec("DLN", "sector", DIGITAL, "Software and IT services", "thu-pm", favour=("digital", "staffing")),
    Spec(
        "WEL",
        "ownership",
        "women-led",
        "Women leaders, Central and West Lancashire",
        "tue-am",
        where=(CENTRAL, WEST),
    ),
    Spec("WEL", "ownership", "women-led", "Women leaders, Fylde Coast", "wed-pm", where=(FYLDE,)),
    Spec("FCE", "open", "", "Fylde Coast business leaders", "wed-am", where=(FYLDE,)),
    Spec(
        "PGP",
        "ownership",
        "ethnic-minority-led",
        "Ethnic minority business leaders, Pennine Lancashire",
        "tue-am",
        where=(EAST,),
    ),
    Spec("UCLAN", "open", "", "Scale-up leaders", "thu-pm", favour=("growth-strategy", "finance")),
    Spec(
        "RBL",
        "ownership",
        "family",
        "Family businesses, Rossendale and Hyndburn",
        "wed-pm",
        mode="in-person",
        where=("Rossendale", "Hyndburn"),
        venue="The Boardroom, Rawtenstall",
    ),
    Spec("WLBF", "open", "", "West Lancashire business leaders", "wed-am", where=(WEST,)),
    Spec(
        "RRCC",
        "sector",
        CONSTRUCTION,
        "Construction and trades leaders",
        "fri-am",
        favour=("staffing", "supply-chain"),
    ),
    Spec(
        "LEC", "open", "", "Exporters and would-be exporters", "thu-am", favour=("exporting", "supply-chain")
    ),
]

BASIS_WORDS = {
    "sector": "leaders of {value} businesses",
    "ownership": "leaders of {value} businesses",
    "organisation": "{value} members",
    "open": "business leaders",
}


def cohort_plan(spec: Spec, *, index: int, round_number: int, facilitator: int) -> CohortPlan:
    in_person = spec.mode == "in-person"
    area = TRAVEL_AREA.get(spec.where[0], spec.where[0]) if in_person else ""
    where = " and ".join(spec.where) if spec.where else "across Lancashire"
    if spec.where:
        where = f"from {where}"
    value = spec.value.lower() if spec.basis == "sector" else spec.value
    explanation = (
        f"{BASIS_WORDS[spec.basis].format(value=value).capitalize()} {where}, meeting "
        f"{'in person' if in_person else 'online'} on {slot_label(spec.slot)}s."
    )
    return CohortPlan(
        name=spec.name,
        partner=spec.partner,
        facilitator=facilitator % FACILITATORS_AT[spec.partner],
        basis=spec.basis,
        basis_value=spec.value,
        slot=spec.slot,
        mode=spec.mode,
        area=area,
        venue=spec.venue,
        online_link="" if in_person else f"https://meet.boost.example/pn{round_number}-{index + 1:02d}",
        status=CohortStatus.COMPLETED,
        explanation=explanation,
    )


def fits(spec: Spec, business: BusinessPlan) -> bool:
    """Whether a business belongs in the cohort's basis and area."""
    if spec.basis == "sector" and business.sector != spec.value:
        return False
    if spec.basis == "ownership" and spec.value not in business.ownership:
        return False
    if spec.sics and business.sic not in spec.sics:
        return False
    return (
        not spec.where or business.district in spec.where or TRAVEL_AREA.get(business.district) in spec.where
    )


def competes(business: BusinessPlan, cohort: CohortPlan | None) -> bool:
    """The matching engine's rule: no two members in the same SIC class and district."""
    return cohort is not None and any(
        m.business.sic[:4] == business.sic[:4] and m.business.district == business.district
        for m in cohort.members
    )


def member_for(
    people: People,
    spec: Spec,
    cohort: CohortPlan | None,
    *,
    start: dt.date,
    opens: dt.date,
    closes: dt.date,
    used: set[str],
    returning: list[MemberPlan],
    mode_weights,
    returning_share: float = 0.12,
) -> MemberPlan:
    """A leader who applied a few weeks before the cohort started and fits its basis."""
    rng = people.rng
    day = min(max(start - dt.timedelta(days=rng.randint(14, 50)), opens), closes)
    submitted_at = dt.datetime.combine(day, dt.time(rng.randint(8, 21), rng.randint(0, 59)), tzinfo=LONDON)

    leader = None
    if returning and rng.random() < returning_share:
        candidates = [
            m
            for m in returning
            if m.business.key not in used and fits(spec, m.business) and not competes(m.business, cohort)
        ]
        if candidates:
            earlier = rng.choice(candidates)
            leader = earlier.leader if rng.random() < 0.7 else people.leader(earlier.business)
    tries = 0
    while leader is None:
        tries += 1
        sic = rng.choice(spec.sics) if spec.sics else ""
        if spec.basis == "sector" and not sic:
            sic = weighted(rng, sics_in_sector(spec.value))
        business = people.business(
            before=day,
            sic=sic,
            within=spec.where,
            ownership=spec.value if spec.basis == "ownership" else "",
        )
        # A small area and sector can run out of non-competing businesses; then a rival joins.
        if tries > 20 or not competes(business, cohort):
            leader = people.leader(business)
    used.add(leader.business.key)

    themes = people.themes(favour=spec.favour)
    if spec.mode == "in-person":
        mode = weighted(rng, [("in-person", 60), ("either", 40)])
    else:
        mode = weighted(rng, [(m, w) for m, w in mode_weights if m != "in-person"])
    return MemberPlan(
        leader=leader,
        submitted_at=submitted_at,
        themes=themes,
        mode=mode,
        slots=people.slots(include=spec.slot),
        organisation=spec.value
        if spec.basis == "organisation"
        else people.organisation(sic=leader.business.sic),
        recruited_by=spec.partner if rng.random() < 0.3 else None,
        challenge=rng.choice(CHALLENGES[themes[0]]),
        prior_assistance_pence=weighted(
            rng, [(0, 70), (250_000, 10), (750_000, 8), (1_500_000, 7), (4_000_000, 5)]
        ),
    )
