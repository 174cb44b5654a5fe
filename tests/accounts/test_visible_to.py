"""Every queryset of personal data, tried as each role: the owner, colleagues with less right, outsiders."""

import pytest
from django.contrib.auth.models import AnonymousUser

from peernet.applications.models import Application, Leader
from peernet.cohorts.models import Cohort, Membership
from peernet.delivery.models import Meeting
from peernet.feedback.models import CaseStudy, Response
from peernet.programmes.models import Round
from tests import factories
from tests.world import build_world

EVERYONE = ["Pat Participant", "Fiona Fellow", "Oscar Outsider"]
MAKERS = ["Fiona Fellow", "Pat Participant"]
NOBODY: list[str] = []

PEOPLE_SEEN_BY = {
    "hub_admin": EVERYONE,
    "manager": EVERYONE,
    "partner_manager": MAKERS,
    "facilitator": MAKERS,
    "participant": ["Pat Participant"],
    "outsider_participant": ["Oscar Outsider"],
    "other_partner_manager": ["Oscar Outsider"],
    "other_facilitator": ["Oscar Outsider"],
    "board": NOBODY,
    "national": NOBODY,
    "other_hub_manager": NOBODY,
}


@pytest.fixture
def world(hub, other_hub):
    return build_world(hub, other_hub)


@pytest.mark.parametrize(("who", "names"), PEOPLE_SEEN_BY.items())
def test_leaders_visible_to_each_role(world, who, names):
    visible = Leader.objects.visible_to(getattr(world, who))

    assert sorted(leader.full_name for leader in visible) == sorted(names)


@pytest.mark.parametrize(("who", "names"), PEOPLE_SEEN_BY.items())
def test_applications_visible_to_each_role(world, who, names):
    visible = Application.objects.visible_to(getattr(world, who))

    assert sorted(application.leader.full_name for application in visible) == sorted(names)


@pytest.mark.parametrize(
    ("who", "cohorts"),
    [
        ("hub_admin", ["Fylde Coast Leaders", "Makers of Preston"]),
        ("manager", ["Fylde Coast Leaders", "Makers of Preston"]),
        ("partner_manager", ["Makers of Preston"]),
        ("facilitator", ["Makers of Preston"]),
        ("participant", ["Makers of Preston"]),
        ("outsider_participant", ["Fylde Coast Leaders"]),
        ("other_partner_manager", ["Fylde Coast Leaders"]),
        ("other_facilitator", ["Fylde Coast Leaders"]),
        ("board", []),
        ("national", []),
        ("other_hub_manager", []),
        ("other_hub_admin", []),
    ],
)
def test_cohorts_visible_to_each_role(world, who, cohorts):
    visible = Cohort.objects.visible_to(getattr(world, who))

    assert sorted(cohort.name for cohort in visible) == cohorts


@pytest.mark.parametrize(
    ("who", "names"),
    [
        ("manager", sorted(EVERYONE)),
        ("partner_manager", MAKERS),
        ("facilitator", MAKERS),
        # Fellow members of one's own cohort, and no one else.
        ("participant", MAKERS),
        ("outsider_participant", ["Oscar Outsider"]),
        ("board", NOBODY),
        ("national", NOBODY),
        ("other_hub_manager", NOBODY),
    ],
)
def test_memberships_visible_to_each_role(world, who, names):
    visible = Membership.objects.visible_to(getattr(world, who))

    assert sorted(m.application.leader.full_name for m in visible) == names


@pytest.mark.parametrize(
    ("who", "count"),
    [
        ("manager", 2),
        ("partner_manager", 2),
        ("facilitator", 2),
        ("participant", 2),
        ("outsider_participant", 0),
        ("other_facilitator", 0),
        ("board", 0),
        ("national", 0),
        ("other_hub_manager", 0),
    ],
)
def test_meetings_visible_to_each_role(world, who, count):
    assert Meeting.objects.visible_to(getattr(world, who)).count() == count


@pytest.fixture
def answers(world):
    """An end-of-programme response and a case study each for Pat and for Oscar."""
    survey = factories.SurveyFactory(round=world.round)
    for membership in (world.membership, world.outsider):
        factories.ResponseFactory(survey=survey, application=membership.application)
        factories.CaseStudyFactory(application=membership.application)
    return world


RECORDS_SEEN_BY = [
    ("hub_admin", sorted(["Oscar Outsider", "Pat Participant"])),
    ("manager", sorted(["Oscar Outsider", "Pat Participant"])),
    ("participant", ["Pat Participant"]),
    ("outsider_participant", ["Oscar Outsider"]),
    # Survey answers and case studies stay with the hub until published: partners see aggregates.
    ("partner_manager", NOBODY),
    ("facilitator", NOBODY),
    ("board", NOBODY),
    ("national", NOBODY),
    ("other_hub_manager", NOBODY),
]


@pytest.mark.parametrize(("who", "names"), RECORDS_SEEN_BY)
def test_responses_visible_to_each_role(answers, who, names):
    visible = Response.objects.visible_to(getattr(answers, who))

    assert sorted(r.application.leader.full_name for r in visible) == names


@pytest.mark.parametrize(("who", "names"), RECORDS_SEEN_BY)
def test_case_studies_visible_to_each_role(answers, who, names):
    visible = CaseStudy.objects.visible_to(getattr(answers, who))

    assert sorted(c.application.leader.full_name for c in visible) == names


def test_anonymous_sees_no_personal_data(world):
    anonymous = AnonymousUser()

    assert not Leader.objects.visible_to(anonymous).exists()
    assert not Application.objects.visible_to(anonymous).exists()
    assert not Cohort.objects.visible_to(anonymous).exists()
    assert not Membership.objects.visible_to(anonymous).exists()
    assert not Meeting.objects.visible_to(anonymous).exists()
    assert not Response.objects.visible_to(anonymous).exists()
    assert not CaseStudy.objects.visible_to(anonymous).exists()


@pytest.mark.parametrize(
    ("who", "hubs"),
    [
        ("manager", ["own"]),
        ("board", ["own"]),
        ("participant", ["own"]),
        ("national", ["other", "own"]),
        ("other_hub_manager", ["other"]),
    ],
)
def test_rounds_visible_to_each_role(world, other_hub, who, hubs):
    factories.RoundFactory(programme__hub=other_hub, name="Another hub's round")
    visible = Round.objects.visible_to(getattr(world, who))

    assert sorted("other" if r.programme.hub_id == other_hub.pk else "own" for r in visible) == hubs


def test_anonymous_sees_no_round(world):
    assert not Round.objects.visible_to(AnonymousUser()).exists()
