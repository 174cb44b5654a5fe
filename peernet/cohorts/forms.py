"""Forms for forming cohorts: a move, a cohort built by hand or around an organisation, a confirmation."""

from django import forms
from django.utils import timezone

from peernet.cohorts.confirm import MISSING, confirm_errors
from peernet.cohorts.models import Cohort
from peernet.programmes.models import DeliveryPartner, Facilitator, Round
from peernet.slots import SLOT_CHOICES
from peernet.text import TextField

SELECT = {"class": "govuk-select"}
INPUT = {"class": "govuk-input"}
WAITING = "waiting"
LINK_MAX = Cohort._meta.get_field("online_link").max_length
DATE_FORMATS = ["%d %m %Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]


def style(form: forms.Form) -> None:
    """GOV.UK classes on every widget, by kind."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect):
            continue
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "govuk-select")
        elif isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("class", "govuk-textarea")
        else:
            widget.attrs.setdefault("class", "govuk-input")


class MoveForm(forms.Form):
    """Who moves where: an application reference of the round's pool and a proposed cohort's code."""

    application = forms.ChoiceField(label="Who", error_messages={"required": "Choose who to move"})
    to = forms.ChoiceField(label="Move to", error_messages={"required": "Choose where to move them"})

    def __init__(self, *args, people: list[tuple[str, str]], cohorts: list[Cohort], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = people
        self.fields["application"].error_messages["invalid_choice"] = (
            "That person is not waiting for a cohort in this round"
        )
        self.fields["to"].choices = [(WAITING, "The waiting list")] + [(c.code, c.name) for c in cohorts]
        self.fields["to"].error_messages["invalid_choice"] = (
            "That cohort is not a proposed cohort of this round"
        )
        style(self)


def area_choices(round: Round) -> list[tuple[str, str]]:
    areas = sorted(set(round.programme.hub.districts.values_list("travel_area", flat=True)) - {""})
    return [("", "Not needed: the cohort meets online")] + [(a, a) for a in areas]


class CohortShapeForm(forms.Form):
    """When and how a cohort meets: what every member must be able to do."""

    slot = forms.ChoiceField(
        label="When does it meet?",
        choices=[("", "Choose a time")] + SLOT_CHOICES,
        error_messages={"required": "Choose when the cohort meets"},
    )
    mode = forms.ChoiceField(
        label="How does it meet?",
        choices=Cohort.Mode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose online or in person"},
    )
    area = forms.ChoiceField(
        label="Travel area", required=False, help_text="In-person cohorts meet within one travel area."
    )

    def __init__(self, *args, round: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        self.fields["area"].choices = area_choices(round)
        style(self)

    def clean(self):
        data = super().clean()
        if data.get("mode") == Cohort.Mode.IN_PERSON and not data.get("area"):
            self.add_error("area", "Choose the travel area of this in-person cohort")
        if data.get("mode") == Cohort.Mode.ONLINE:
            data["area"] = ""
        return data


class ManualCohortForm(CohortShapeForm):
    name = TextField(
        label="Name of the cohort",
        max_length=200,
        help_text="For example, Food manufacturers, Tuesday mornings",
        error_messages={"required": "Enter a name for the cohort"},
    )
    basis = forms.ChoiceField(
        label="What brings its members together?",
        choices=Cohort.Basis.choices,
        initial=Cohort.Basis.OPEN,
        widget=forms.RadioSelect,
    )
    basis_value = TextField(
        label="Which sector, ownership profile or organisation?",
        max_length=100,
        required=False,
        help_text="For example, Manufacturing, women-led or FSB. Leave empty for an open cohort.",
    )
    field_order = ["name", "slot", "mode", "area", "basis", "basis_value"]

    def clean(self):
        data = super().clean()
        if data.get("basis") not in (None, Cohort.Basis.OPEN) and not data.get("basis_value", "").strip():
            self.add_error(
                "basis_value", "Enter the sector, ownership profile or organisation the cohort shares"
            )
        return data


class PartnerCohortForm(CohortShapeForm):
    partner = forms.ModelChoiceField(
        label="Delivery partner leading the cohort",
        queryset=DeliveryPartner.objects.none(),
        empty_label="Choose a partner",
        error_messages={
            "required": "Choose the delivery partner",
            "invalid_choice": "Choose a partner of this round",
        },
    )
    organisation = forms.ChoiceField(
        label="Business organisation",
        help_text="Everyone waiting who named this organisation joins while the rules allow.",
        error_messages={"required": "Choose the business organisation"},
    )
    name = TextField(
        label="Name of the cohort (optional)",
        max_length=200,
        required=False,
        help_text="Left empty, it is named after the organisation and the time it meets.",
    )
    field_order = ["partner", "organisation", "slot", "mode", "area", "name"]

    def __init__(self, *args, round: Round, organisations: list[str], **kwargs):
        super().__init__(*args, round=round, **kwargs)
        self.fields["partner"].queryset = DeliveryPartner.objects.filter(contracts__round=round).distinct()
        self.fields["organisation"].choices = [("", "Choose an organisation")] + [
            (o, o) for o in organisations
        ]
        style(self)


class ConfirmForm(forms.Form):
    partner = forms.ModelChoiceField(
        label="Delivery partner",
        queryset=DeliveryPartner.objects.none(),
        empty_label="Choose a partner",
        error_messages={
            "required": MISSING["partner"],
            "invalid_choice": "Choose a partner of this round",
        },
    )
    facilitator = forms.ModelChoiceField(
        label="Facilitator",
        queryset=Facilitator.objects.none(),
        empty_label="Choose a facilitator",
        help_text="A facilitator of the partner you chose.",
        error_messages={
            "required": MISSING["facilitator"],
            "invalid_choice": "Choose a facilitator of a partner of this round",
        },
    )
    starts_on = forms.DateField(
        label="Date of the first meeting",
        input_formats=DATE_FORMATS,
        help_text="For example, 12 1 2027",
        error_messages={
            "required": MISSING["starts_on"],
            "invalid": "Enter the date of the first meeting as day, month and year, like 12 1 2027",
        },
    )
    # Which of venue and link a cohort needs is a confirm rule: clean() asks confirm_errors.
    venue = TextField(
        label="Venue",
        max_length=300,
        required=False,
        help_text="For an in-person cohort: the address members go to.",
    )
    online_link = forms.URLField(
        label="Online meeting link",
        required=False,
        assume_scheme="https",
        # The cohort's column holds this many; a longer link is valid as a web address, so say it here.
        max_length=LINK_MAX,
        help_text="For an online cohort: the link members use to join, like https://meet.example.org/abc",
        error_messages={
            "invalid": "Enter the link as a web address, like https://meet.example.org/abc",
            "max_length": f"The link must be {LINK_MAX} characters or fewer; use the meeting's shorter link",
        },
    )

    def __init__(self, *args, cohort: Cohort, contracts: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        self.contracts = {c.partner_id: c for c in contracts}
        partners = [c.partner_id for c in contracts]
        self.fields["partner"].queryset = DeliveryPartner.objects.filter(pk__in=partners).order_by("name")
        self.fields["partner"].label_from_instance = self.partner_label
        self.fields["facilitator"].queryset = (
            Facilitator.objects.filter(partner_id__in=partners)
            .select_related("partner")
            .order_by("partner__name", "full_name")
        )
        self.fields["facilitator"].label_from_instance = lambda f: f"{f.full_name} ({f.partner.name})"
        style(self)

    def partner_label(self, partner) -> str:
        contract = self.contracts[partner.pk]
        return f"{partner.name} ({contract.left} of {contract.cohorts_awarded} cohorts left)"

    def clean(self):
        data = super().clean()
        errors = confirm_errors(
            cohort=self.cohort,
            partner=data.get("partner"),
            facilitator=data.get("facilitator"),
            starts_on=data.get("starts_on"),
            venue=data.get("venue", ""),
            online_link=data.get("online_link", ""),
            now=timezone.now(),
        )
        for field, message in errors.items():
            # A field already refused (a date that is not a date) keeps that one message.
            if field not in self.errors:
                self.add_error(field, message)
        return data
