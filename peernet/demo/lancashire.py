"""The demo hub: Boost, its 14 districts, challenge themes, programme, delivery partners and sign-ins."""

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from peernet.accounts.models import District, Hub, Role, User
from peernet.demo import names
from peernet.programmes.models import DeliveryPartner, Facilitator, Programme, Theme

PASSWORD = "peer-networks-demo"  # noqa: S105 - the published demo password, printed by `make run`

HUB = {
    "name": "Boost — Lancashire's Business Growth Hub",
    "short_name": "Boost",
    "slug": "boost",
    "area_name": "Lancashire",
    "contact_email": "peernetworks@boost.example",
}

THEMES = [
    ("supply-chain", "Supply chain and logistics"),
    ("staffing", "Staffing and recruitment"),
    ("exporting", "Exporting"),
    ("production", "Production"),
    ("finance", "Finance"),
    ("digital", "Digital"),
    ("marketing", "Marketing"),
    ("leadership", "Leadership"),
    ("net-zero", "Net zero"),
    ("growth-strategy", "Growth strategy"),
]

# key, name, kind, home travel area, facilitators. Fictional organisations in the style of Lancashire's own.
PARTNERS = [
    ("LBN", "Lancashire Business Network", "other", "Central Lancashire", 2),
    ("NWLCC", "North & Western Lancashire Chamber of Commerce", "chamber", "Central Lancashire", 2),
    ("ELCC", "East Lancashire Chamber of Commerce", "chamber", "East Lancashire", 2),
    ("FSB", "FSB Lancashire", "trade_body", "Central Lancashire", 2),
    ("MAKEUK", "Make UK North", "trade_body", "East Lancashire", 2),
    ("FCE", "Fylde Coast Enterprise", "other", "Fylde Coast", 2),
    ("PGP", "Pennine Growth Partners", "consultancy", "East Lancashire", 2),
    ("UCLAN", "UCLan Enterprise", "university", "Central Lancashire", 2),
    ("LUMS", "Lancaster University Management School", "university", "North Lancashire", 2),
    ("BFC", "Blackpool and The Fylde College", "university", "Fylde Coast", 1),
    ("RBL", "Rossendale Business Leaders", "other", "East Lancashire", 1),
    ("RVEA", "Ribble Valley Enterprise Agency", "other", "East Lancashire", 1),
    ("WLBF", "West Lancashire Business Forum", "other", "West Lancashire", 1),
    ("RRCC", "Red Rose Coaching Collective", "consultancy", "Central Lancashire", 2),
    ("LVL", "Lune Valley Leadership", "consultancy", "North Lancashire", 1),
    ("WEL", "Women's Enterprise Lancashire", "other", "Central Lancashire", 2),
    ("DLN", "Digital Lancashire Network", "trade_body", "Central Lancashire", 2),
    ("LEC", "Lancashire Export Club", "trade_body", "Central Lancashire", 1),
]
DEMO_PARTNER = "LBN"

# email, full name, role, whether they work for the demo partner.
USERS = [
    ("admin@boost.example", "Helen Whitworth", Role.HUB_ADMIN, False),
    ("manager@boost.example", "Rachel Entwistle", Role.PROGRAMME_MANAGER, False),
    ("partner@boost.example", "Imran Patel", Role.PARTNER_MANAGER, True),
    ("facilitator@boost.example", "Claire Haworth", Role.FACILITATOR, True),
    ("participant@boost.example", "Daniel Greenwood", Role.PARTICIPANT, False),
    ("board@boost.example", "Margaret Holden", Role.BOARD_MEMBER, False),
    ("national@peernetworks.example", "Tom Ashby", Role.NATIONAL_VIEWER, False),
]


@dataclass
class Lancashire:
    """The hub's records the rounds are built from, keyed the way the demo's tables name them."""

    hub: Hub
    programme: Programme
    districts: dict[str, District]
    themes: dict[str, Theme]
    partners: dict[str, DeliveryPartner]
    facilitators: dict[str, list[Facilitator]]
    users: dict[str, User]
    created: list[str] = field(default_factory=list)


def _domain(partner_name: str) -> str:
    return slugify(partner_name.replace("&", "and")) + ".example"


def seed_hub() -> Lancashire:
    """Create whatever of the hub, its districts, themes, programme, partners and users is missing."""
    created: list[str] = []
    hub, made = Hub.objects.get_or_create(slug=HUB["slug"], defaults=HUB)
    if made:
        created.append("hub")
    districts = {}
    for name, kind, area, _, _ in names.DISTRICTS:
        districts[name], _ = District.objects.get_or_create(
            hub=hub, name=name, defaults={"kind": kind, "travel_area": area}
        )
    themes = {}
    for slug, name in THEMES:
        themes[slug], _ = Theme.objects.get_or_create(hub=hub, slug=slug, defaults={"name": name})
    programme, _ = Programme.objects.get_or_create(
        hub=hub,
        slug="peer-networks",
        defaults={
            "name": "Peer Networks",
            "description": (
                "Action-learning groups of 8 to 10 business leaders who meet fortnightly with a facilitator "
                "for 18 hours, with one-to-one coaching, mentoring or advice alongside."
            ),
        },
    )

    users = {}
    password = make_password(PASSWORD)  # hashed once: the seven share a password and hashing is slow
    partners, facilitators = _seed_partners(hub)
    for email, full_name, role, at_partner in USERS:
        users[role], made = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": full_name,
                "role": role,
                "hub": None if role == Role.NATIONAL_VIEWER else hub,
                "delivery_partner": partners[DEMO_PARTNER] if at_partner else None,
                "password": password,
            },
        )
        if made:
            created.append(email)

    facilitator_user = users[Role.FACILITATOR]
    demo_facilitator, _ = Facilitator.objects.get_or_create(
        user=facilitator_user,
        defaults={
            "partner": partners[DEMO_PARTNER],
            "full_name": facilitator_user.full_name,
            "email": facilitator_user.email,
            "phone": "01632 961001",
        },
    )
    facilitators[DEMO_PARTNER].insert(0, demo_facilitator)
    return Lancashire(hub, programme, districts, themes, partners, facilitators, users, created)


def _seed_partners(hub: Hub) -> tuple[dict[str, DeliveryPartner], dict[str, list[Facilitator]]]:
    # Its own generator, so the partners' people never shift when the rounds' data changes.
    rng = random.Random(2020)
    partners: dict[str, DeliveryPartner] = {}
    facilitators: dict[str, list[Facilitator]] = {}
    for key, name, kind, _, count in PARTNERS:
        domain = _domain(name)
        people = [
            (rng.choice(names.FIRST_NAMES[("white", gender)]), rng.choice(names.SURNAMES["white"]))
            for gender in ("woman", "man", "woman")[: count + 1]
        ]
        contact = "Imran Patel" if key == DEMO_PARTNER else " ".join(people[0])
        contact_email = "partner@boost.example" if key == DEMO_PARTNER else f"peernetworks@{domain}"
        partners[key], _ = DeliveryPartner.objects.get_or_create(
            hub=hub,
            name=name,
            defaults={"kind": kind, "contact_name": contact, "contact_email": contact_email},
        )
        facilitators[key] = []
        # The demo partner's first facilitator is the demo sign-in, added by seed_hub.
        for n, (first, last) in enumerate(people[1 : count if key == DEMO_PARTNER else count + 1]):
            email = f"{slugify(first)}.{slugify(last)}@{domain}"
            facilitator, _ = Facilitator.objects.get_or_create(
                partner=partners[key],
                email=email,
                defaults={"full_name": f"{first} {last}", "phone": f"01632 96{len(partners):02d}{n:02d}"},
            )
            facilitators[key].append(facilitator)
    return partners, facilitators
