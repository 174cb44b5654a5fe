"""A small hub programme with one person in every role, for tests that try each role on a page.

The three personas every permission test tries are here: owners (the facilitator and participant of
"Makers of Preston"), colleagues with less right (the board member, a partner manager), and outsiders with
data that could leak (another partner's cohort in the same round, another hub's staff).
"""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from peernet.accounts.models import Role
from peernet.cohorts.models import Cohort
from peernet.programmes.models import Round
from tests import factories

LONDON = ZoneInfo("Europe/London")


def build_world(hub, other_hub) -> SimpleNamespace:
    programme = factories.ProgrammeFactory(hub=hub, name="Peer Networks")
    round_ = factories.RoundFactory(
        programme=programme, number=1, status=Round.Status.DELIVERING, grant_pence=43_200_000
    )
    partner = factories.DeliveryPartnerFactory(hub=hub, name="Red Rose Chamber")
    other_partner = factories.DeliveryPartnerFactory(hub=hub, name="Pennine Partners")
    contract = factories.ContractFactory(
        round=round_, partner=partner, cohorts_awarded=2, price_per_cohort_pence=1_400_000
    )

    def user(role, **fields):
        return factories.UserFactory(role=role, hub=None if role == Role.NATIONAL_VIEWER else hub, **fields)

    facilitator_user = user(Role.FACILITATOR, delivery_partner=partner, full_name="Fay Facilitator")
    facilitator = factories.FacilitatorFactory(
        partner=partner, user=facilitator_user, full_name="Fay Facilitator"
    )
    cohort = factories.CohortFactory(
        round=round_,
        name="Makers of Preston",
        partner=partner,
        contract=contract,
        facilitator=facilitator,
        status=Cohort.Status.RUNNING,
        slot="tue-am",
    )
    other_cohort = factories.CohortFactory(
        round=round_, name="Fylde Coast Leaders", partner=other_partner, status=Cohort.Status.RUNNING
    )

    participant_user = user(Role.PARTICIPANT, full_name="Pat Participant")
    membership = factories.MembershipFactory(
        cohort=cohort,
        application__leader__hub=hub,
        application__leader__user=participant_user,
        application__leader__full_name="Pat Participant",
        application__leader__business__name="Pat's Pies Ltd",
    )
    fellow = factories.MembershipFactory(
        cohort=cohort,
        application__leader__full_name="Fiona Fellow",
        application__leader__business__name="Fellow Fabrication Ltd",
    )
    outsider_user = user(Role.PARTICIPANT, full_name="Oscar Outsider")
    outsider = factories.MembershipFactory(
        cohort=other_cohort,
        application__leader__user=outsider_user,
        application__leader__full_name="Oscar Outsider",
        application__leader__business__name="Outsider Ovens Ltd",
    )
    next_meeting = factories.MeetingFactory(
        cohort=cohort,
        number=2,
        starts_at=dt.datetime(2030, 12, 1, 9, 30, tzinfo=LONDON),
        duration_minutes=150,
    )
    held = factories.MeetingFactory(
        cohort=cohort, number=1, starts_at=dt.datetime(2026, 1, 6, 9, 30, tzinfo=LONDON), duration_minutes=180
    )
    factories.AttendanceFactory(meeting=held, membership=membership, minutes=180)

    other_partner_manager = user(Role.PARTNER_MANAGER, delivery_partner=other_partner)
    other_facilitator_user = user(Role.FACILITATOR, delivery_partner=other_partner)
    other_cohort.facilitator.user = other_facilitator_user
    other_cohort.facilitator.save()
    return SimpleNamespace(
        hub=hub,
        round=round_,
        partner=partner,
        cohort=cohort,
        other_cohort=other_cohort,
        membership=membership,
        fellow=fellow,
        outsider=outsider,
        next_meeting=next_meeting,
        hub_admin=user(Role.HUB_ADMIN),
        manager=user(Role.PROGRAMME_MANAGER),
        partner_manager=user(Role.PARTNER_MANAGER, delivery_partner=partner),
        facilitator=facilitator_user,
        participant=participant_user,
        board=user(Role.BOARD_MEMBER),
        national=user(Role.NATIONAL_VIEWER),
        outsider_participant=outsider_user,
        other_partner_manager=other_partner_manager,
        other_facilitator=other_facilitator_user,
        other_hub_manager=factories.UserFactory(role=Role.PROGRAMME_MANAGER, hub=other_hub),
        other_hub_admin=factories.UserFactory(role=Role.HUB_ADMIN, hub=other_hub),
    )
