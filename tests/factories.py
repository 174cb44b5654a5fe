"""Boring factories for every model. Tests say what matters to them and leave the rest to these."""

import datetime as dt

import factory
from django.utils import timezone

from peernet.accounts.models import District, Hub, Role, User
from peernet.applications.models import Application, Business, EligibilityDecision, Leader
from peernet.cohorts.models import Cohort, Membership
from peernet.delivery.models import Action, Attendance, Challenge, Meeting, SupportSession
from peernet.feedback.models import CaseStudy, Response, Survey
from peernet.programmes.models import (
    Contract,
    DeliveryPartner,
    Facilitator,
    Payment,
    Programme,
    Round,
    Theme,
)

PASSWORD = "peer-networks-test"


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Growth Hub {n}")
    short_name = factory.Sequence(lambda n: f"Hub {n}")
    slug = factory.Sequence(lambda n: f"hub-{n}")
    area_name = "Lancashire"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"District {n}")
    travel_area = "Central Lancashire"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    role = Role.PROGRAMME_MANAGER
    hub = factory.SubFactory(HubFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    hub = factory.SubFactory(HubFactory)
    name = "Peer Networks"
    slug = factory.Sequence(lambda n: f"peer-networks-{n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"Round {o.number}")
    slug = factory.LazyAttribute(lambda o: f"round-{o.number}")
    status = Round.Status.OPEN
    funder = "Department for Business and Trade"
    grant_pence = 39_000_000
    starts_on = dt.date(2027, 1, 1)
    ends_on = dt.date(2027, 7, 31)
    cost_per_place_pence = 150_000


class DeliveryPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryPartner

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = DeliveryPartner.Kind.CONSULTANCY


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    round = factory.SubFactory(RoundFactory)
    partner = factory.SubFactory(DeliveryPartnerFactory, hub=factory.SelfAttribute("..round.programme.hub"))
    cohorts_awarded = 2
    price_per_cohort_pence = 1_400_000


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    contract = factory.SubFactory(ContractFactory)
    milestone = "Cohort started"
    amount_pence = 700_000
    due_on = dt.date(2027, 3, 1)


class FacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facilitator

    partner = factory.SubFactory(DeliveryPartnerFactory)
    full_name = factory.Sequence(lambda n: f"Facilitator {n}")
    email = factory.Sequence(lambda n: f"facilitator{n}@example.com")


class BusinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Business

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Business {n} Ltd")
    company_number = factory.Sequence(lambda n: f"{n:08d}")
    trading_since = dt.date(2015, 4, 1)
    employees = 12
    turnover_pence = 50_000_000
    sic = "25620"
    sector = "Manufacturing"
    postcode = "PR1 2HE"
    district = factory.SubFactory(DistrictFactory, hub=factory.SelfAttribute("..hub"))


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader

    hub = factory.SubFactory(HubFactory)
    business = factory.SubFactory(BusinessFactory, hub=factory.SelfAttribute("..hub"))
    full_name = factory.Sequence(lambda n: f"Leader {n}")
    job_title = "Managing director"
    email = factory.Sequence(lambda n: f"leader{n}@example.com")


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    round = factory.SubFactory(RoundFactory)
    leader = factory.SubFactory(LeaderFactory, hub=factory.SelfAttribute("..round.programme.hub"))
    business = factory.SelfAttribute("leader.business")
    # The facts as given: the same as the records unless a test says otherwise.
    business_name = factory.SelfAttribute("business.name")
    company_number = factory.LazyAttribute(lambda a: a.business.company_number or "")
    legal_form = factory.SelfAttribute("business.legal_form")
    trading_since = factory.SelfAttribute("business.trading_since")
    employees = factory.SelfAttribute("business.employees")
    turnover_pence = factory.SelfAttribute("business.turnover_pence")
    sic = factory.SelfAttribute("business.sic")
    sector = factory.SelfAttribute("business.sector")
    postcode = factory.SelfAttribute("business.postcode")
    district = factory.SelfAttribute("business.district")
    ownership = factory.LazyAttribute(lambda a: list(a.business.ownership))
    leader_name = factory.SelfAttribute("leader.full_name")
    job_title = factory.SelfAttribute("leader.job_title")
    phone = factory.SelfAttribute("leader.phone")
    status = Application.Status.WAITING
    submitted_at = factory.LazyFunction(timezone.now)
    mode = Application.Mode.EITHER
    slots = factory.LazyFunction(lambda: ["tue-am", "thu-pm"])
    privacy_notice_version = "1.0"
    consented_at = factory.LazyFunction(timezone.now)


class EligibilityDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityDecision

    application = factory.SubFactory(ApplicationFactory)
    outcome = EligibilityDecision.Outcome.ELIGIBLE
    decided_at = factory.LazyFunction(timezone.now)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    status = Cohort.Status.RUNNING
    partner = factory.SubFactory(DeliveryPartnerFactory, hub=factory.SelfAttribute("..round.programme.hub"))
    facilitator = factory.SubFactory(FacilitatorFactory, partner=factory.SelfAttribute("..partner"))
    slot = "tue-am"
    mode = Cohort.Mode.ONLINE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    cohort = factory.SubFactory(CohortFactory)
    application = factory.SubFactory(
        ApplicationFactory,
        round=factory.SelfAttribute("..cohort.round"),
        status=Application.Status.ACTIVE,
    )
    status = Membership.Status.ACTIVE


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    cohort = factory.SubFactory(CohortFactory)
    number = factory.Sequence(lambda n: n + 1)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    duration_minutes = 180


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    membership = factory.SubFactory(MembershipFactory, cohort=factory.SelfAttribute("..meeting.cohort"))
    present = True
    minutes = 180


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    membership = factory.SubFactory(MembershipFactory)
    meeting = factory.SubFactory(MeetingFactory, cohort=factory.SelfAttribute("..membership.cohort"))
    theme = factory.SubFactory(
        ThemeFactory, hub=factory.SelfAttribute("..membership.cohort.round.programme.hub")
    )
    summary = "Recruiting skilled welders"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    membership = factory.SubFactory(MembershipFactory)
    meeting = factory.SubFactory(MeetingFactory, cohort=factory.SelfAttribute("..membership.cohort"))
    description = "Call two colleges about apprenticeships"


class SupportSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportSession

    membership = factory.SubFactory(MembershipFactory)
    kind = SupportSession.Kind.COACHING
    held_on = dt.date(2027, 2, 1)
    minutes = 90


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    round = factory.SubFactory(RoundFactory)
    kind = Survey.Kind.END
    title = "End of programme survey"
    opens_on = dt.date(2027, 7, 1)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyFactory)
    application = factory.SubFactory(ApplicationFactory, round=factory.SelfAttribute("..survey.round"))
    invited_at = factory.LazyFunction(timezone.now)


class CaseStudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseStudy

    application = factory.SubFactory(ApplicationFactory)
    title = "From one site to three"
    challenge = "Growing without losing quality"
    outcome = "Hired an operations manager"


class ProposedCohortFactory(CohortFactory):
    """A cohort the engine suggested: no partner or facilitator until it is confirmed."""

    status = Cohort.Status.PROPOSED
    origin = Cohort.Origin.ENGINE
    partner = None
    facilitator = None


class ProposedMembershipFactory(MembershipFactory):
    cohort = factory.SubFactory(ProposedCohortFactory)
    application = factory.SubFactory(
        ApplicationFactory,
        round=factory.SelfAttribute("..cohort.round"),
        status=Application.Status.WAITING,
    )
    status = Membership.Status.PROPOSED
