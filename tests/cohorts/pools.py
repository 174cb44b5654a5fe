"""A round's waiting pool built with the factories: leaders of different trades, online, free on Tuesday
mornings, who applied a minute apart; and proposed cohorts built from them by hand."""

import datetime as dt

from peernet.accounts.models import District
from peernet.applications.models import Application
from peernet.programmes.models import Theme
from tests import factories

# One second for every engine run in these tests: on pools this small the search settles in milliseconds,
# and the exact polish, which needs a spare second, is skipped; each run is quick and repeats exactly.
TIME_LIMIT = 1.0

FIRST_APPLIED = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

# (sector, SIC 2007 code): no two share a 4-digit class, so nobody in the pool is anyone's competitor.
TRADES = [
    ("Manufacturing", "25620"),
    ("Manufacturing", "22290"),
    ("Manufacturing", "10710"),
    ("Manufacturing", "28290"),
    ("Hospitality", "56101"),
    ("Hospitality", "55100"),
    ("Retail", "47190"),
    ("Retail", "47710"),
    ("Construction", "41201"),
    ("Construction", "43210"),
    ("Digital", "62012"),
    ("Digital", "63110"),
    ("Logistics", "49410"),
    ("Logistics", "52103"),
    ("Professional services", "69201"),
    ("Professional services", "70229"),
    ("Health and care", "87300"),
    ("Health and care", "86900"),
    ("Creative", "74100"),
    ("Creative", "59112"),
    ("Engineering", "71121"),
    ("Engineering", "33120"),
    ("Food and drink", "11050"),
    ("Food and drink", "10820"),
]
THEMES = ["staffing", "exporting", "finance"]
OWNERSHIP = [["women-led"], ["family"], []]


def district(hub, name: str = "Preston", travel_area: str = "Central Lancashire") -> District:
    return District.objects.get_or_create(hub=hub, name=name, defaults={"travel_area": travel_area})[0]


def theme(hub, slug: str) -> Theme:
    return Theme.objects.get_or_create(hub=hub, slug=slug, defaults={"name": slug.title()})[0]


def waiting(round_, full_name: str, *, business: dict | None = None, **fields) -> Application:
    """One leader waiting for a cohort: online, free on Tuesday mornings, a retailer in Preston unless
    told otherwise; business= overrides fields of the business, the rest go to the application."""
    hub = round_.programme.hub
    business_fields = {"district": district(hub), "sector": "Retail", "sic": "", **(business or {})}
    defaults = {"mode": Application.Mode.ONLINE, "slots": ["tue-am"]}
    return factories.ApplicationFactory(
        round=round_,
        leader__full_name=full_name,
        **{f"leader__business__{name}": value for name, value in business_fields.items()},
        **{**defaults, **fields},
    )


def waiting_pool(round_, count: int = 20) -> list[Application]:
    """count leaders "Leader 01", "Leader 02", ... in the order they applied, with mixed trades, sizes,
    ownership and themes; every fourth is an FSB member."""
    assert count <= len(TRADES), "more leaders than trades would make competitors"
    hub = round_.programme.hub
    applications = []
    for n in range(1, count + 1):
        sector, sic = TRADES[n - 1]
        application = waiting(
            round_,
            f"Leader {n:02d}",
            business={
                "name": f"{sector} {n:02d} Ltd",
                "sector": sector,
                "sic": sic,
                "employees": 6 + 3 * n,
                "turnover_pence": 20_000_000 + 5_000_000 * n,
                "ownership": OWNERSHIP[n % 3],
            },
            leader__email=f"leader{n:02d}@{round_.slug}.example.com",
            organisation="FSB" if n % 4 == 0 else "",
            submitted_at=FIRST_APPLIED + dt.timedelta(minutes=n),
        )
        application.themes.set([theme(hub, slug) for slug in THEMES if slug != THEMES[n % 3]])
        applications.append(application)
    return applications


def proposed_cohort(round_, members: list[Application], **fields):
    """A proposed cohort holding these applications, as the engine would have saved it."""
    cohort = factories.ProposedCohortFactory(round=round_, **fields)
    for application in members:
        factories.ProposedMembershipFactory(cohort=cohort, application=application)
    return cohort
