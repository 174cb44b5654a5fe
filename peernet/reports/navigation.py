"""The service navigation: the sections each role may go to, and which one the page is in.

It names pages of several apps, so it lives on the top floor; the header shows it through the
{% service_navigation %} tag. It runs no query.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from peernet.accounts import permissions as can


@dataclass(frozen=True)
class Item:
    text: str
    href: str
    current: bool
    # "page" when the link is the page itself, "true" when the page is elsewhere in its section.
    aria_current: str = ""


# (text, URL name, fragment, the URL namespaces or names that belong to the section)
STAFF = [
    ("Home", "home", "", {"home"}),
    ("Rounds", "programmes:rounds", "", {"programmes", "applications:close_round"}),
    ("Applications", "applications:rounds", "", {"applications"}),
    ("Cohorts", "cohorts:rounds", "", {"cohorts"}),
    ("People", "people:list", "", {"people"}),
]
PARTNER = [
    ("Home", "home", "", {"home"}),
    ("My cohorts", "home", "#cohorts", {"cohorts"}),
    ("People", "people:list", "", {"people"}),
]
FACILITATOR = [("My cohorts", "home", "", {"home", "cohorts"})]
PARTICIPANT = [("My cohort", "home", "", {"home", "cohorts"})]
AGGREGATES = [("Home", "home", "", {"home"})]


def sections_for(user) -> list:
    if can.is_hub_staff(user):
        return STAFF
    if can.is_partner_manager(user):
        return PARTNER
    if can.is_facilitator(user):
        return FACILITATOR
    if can.is_participant(user):
        return PARTICIPANT
    if can.is_board_member(user) or can.is_national_viewer(user):
        return AGGREGATES
    return []


def _belongs(view_name: str, owners: set) -> bool:
    namespace = view_name.split(":", 1)[0] if ":" in view_name else ""
    return view_name in owners or namespace in owners or any(view_name.startswith(f"{o}_") for o in owners)


def items_for(user, *, view_name: str, path: str = "") -> list[Item]:
    """The links this person's navigation shows; view_name ("cohorts:detail") marks the current one.

    A section whose page does not exist (yet) in this deployment is left out rather than linked to a 404.
    """
    items = []
    for text, url_name, fragment, owners in sections_for(user):
        try:
            href = reverse(url_name) + fragment
        except NoReverseMatch:
            continue
        items.append(Item(text=text, href=href, current=_belongs(view_name, owners)))
    # A page in two sections (a partner's home is Home and My cohorts) is marked in the first only.
    seen = False
    marked = []
    for item in items:
        current = item.current and not seen
        aria = ("page" if item.href == path else "true") if current else ""
        marked.append(Item(item.text, item.href, current, aria))
        seen = seen or item.current
    return marked
