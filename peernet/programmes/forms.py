"""Hub staff's forms for setting up a programme: rounds, delivery partners, contracts, facilitators, themes
and the hub's contact details. Every error says what to type."""

from django import forms
from django.utils.text import slugify

from peernet.accounts.models import Hub
from peernet.numbers import MAX_SMALL, PoundsField, WholeNumberField
from peernet.programmes.models import Contract, DeliveryPartner, Facilitator, Programme, Round, Theme
from peernet.text import TextField

DATE_FORMATS = ["%d %m %Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]


def style(form: forms.Form) -> None:
    """GOV.UK classes on every widget, by kind."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput):
            continue
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "govuk-select")
        elif isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("class", "govuk-textarea")
        else:
            widget.attrs.setdefault("class", "govuk-input")


def hours_field(label: str, what: str, example: str) -> forms.DecimalField:
    """Hours as a number, like 18 or 2.5; `what` words the errors: "Enter the target hours, like 18"."""
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=5,
        decimal_places=2,
        error_messages={
            "required": f"Enter {what}, like {example}",
            "invalid": f"Enter {what} as a number, like {example}",
            "min_value": f"{what[0].upper()}{what[1:]} cannot be negative; enter 0 or more",
        },
    )


def date_field(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text="For example, 1 4 2027",
        error_messages={
            "required": f"Enter the {label.lower()} as day, month and year, like 1 4 2027",
            "invalid": f"Enter the {label.lower()} as day, month and year, like 1 4 2027",
        },
    )


class RoundForm(forms.ModelForm):
    """A round's name, dates, money and shape. Its eligibility and subsidy rules have their own page."""

    programme = forms.ModelChoiceField(
        label="Programme",
        queryset=Programme.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the programme", "invalid_choice": "Choose one of the programmes"},
    )
    name = TextField(label="Name", max_length=100, error_messages={"required": "Enter a name, like Round 4"})
    number = WholeNumberField(label="Number", name="the round's number", example="4", most=MAX_SMALL)
    slug = forms.SlugField(
        label="Web address name",
        max_length=50,
        required=False,
        help_text="The end of the public form's address, /apply/round-4/. Empty, it is made from the name.",
        error_messages={"invalid": "Use only lower-case letters, numbers and hyphens, like round-4"},
    )
    funder = TextField(
        label="Funder", max_length=200, error_messages={"required": "Enter who funds the round"}
    )
    grant_pence = PoundsField(label="Grant", name="the grant", example="390000", help_text="In pounds.")
    starts_on = date_field("Start date")
    ends_on = date_field("End date")
    applications_open_on = date_field("Date applications open", required=False)
    applications_close_on = date_field("Date applications close", required=False)
    planned_cohorts = WholeNumberField(
        label="Planned cohorts", name="the planned cohorts", example="24", most=MAX_SMALL
    )
    planned_participants = WholeNumberField(
        label="Planned participants", name="the planned participants", example="200", most=MAX_SMALL
    )
    cohort_min_size = WholeNumberField(
        label="Smallest cohort", name="the smallest cohort", example="8", most=MAX_SMALL
    )
    cohort_max_size = WholeNumberField(
        label="Largest cohort", name="the largest cohort", example="10", most=MAX_SMALL
    )
    scheduled_hours = hours_field("Target hours of action learning per cohort", "the target hours", "18")
    completion_min_hours = hours_field(
        "Hours a participant attends to complete", "the hours to complete", "12"
    )
    output_min_support_hours = hours_field(
        "Support hours before a business counts towards outputs", "the support hours", "12"
    )
    themes = forms.ModelMultipleChoiceField(
        label="Challenge themes applicants choose from",
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Round
        fields = [
            "programme",
            "name",
            "number",
            "slug",
            "funder",
            "grant_pence",
            "starts_on",
            "ends_on",
            "applications_open_on",
            "applications_close_on",
            "planned_cohorts",
            "planned_participants",
            "cohort_min_size",
            "cohort_max_size",
            "scheduled_hours",
            "completion_min_hours",
            "output_min_support_hours",
            "themes",
        ]

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.hub = hub
        self.fields["programme"].queryset = Programme.objects.filter(hub=hub)
        self.fields["themes"].queryset = Theme.objects.filter(hub=hub)
        if self.instance.pk:
            del self.fields["programme"]
        style(self)

    def clean_slug(self) -> str:
        return self.cleaned_data.get("slug") or slugify(self.data.get("name", ""))[:50]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        opens, closes = data.get("applications_open_on"), data.get("applications_close_on")
        if opens and closes and closes < opens:
            self.add_error("applications_close_on", "Applications must close on or after the day they open")
        smallest, largest = data.get("cohort_min_size"), data.get("cohort_max_size")
        if smallest is not None and largest is not None and largest < smallest:
            self.add_error("cohort_max_size", "The largest cohort must be at least the smallest")
        programme = data.get("programme") or getattr(self.instance, "programme", None)
        if programme is not None:
            others = Round.objects.filter(programme=programme).exclude(pk=self.instance.pk)
            if data.get("number") is not None and others.filter(number=data["number"]).exists():
                self.add_error(
                    "number", f"{programme.name} already has a round {data['number']}; choose another"
                )
            if data.get("slug") and others.filter(slug=data["slug"]).exists():
                self.add_error(
                    "slug", f"Another round of {programme.name} uses {data['slug']}; choose another"
                )
        if not data.get("slug") and "slug" not in self.errors:
            self.add_error("slug", "Enter a web address name, like round-4")
        return data


class PartnerForm(forms.ModelForm):
    name = TextField(label="Name", max_length=200, error_messages={"required": "Enter the partner's name"})
    kind = forms.ChoiceField(label="Kind of organisation", choices=DeliveryPartner.Kind.choices)
    contact_name = TextField(label="Contact's name", max_length=200, required=False)
    contact_email = forms.EmailField(
        label="Contact's email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )

    class Meta:
        model = DeliveryPartner
        fields = ["name", "kind", "contact_name", "contact_email"]

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.hub = hub
        style(self)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        others = DeliveryPartner.objects.filter(hub=self.hub, name__iexact=name).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(f"There is already a partner called {name}")
        return name


class ContractForm(forms.ModelForm):
    round = forms.ModelChoiceField(
        label="Round",
        queryset=Round.objects.none(),
        empty_label="Choose a round",
        error_messages={"required": "Choose the round", "invalid_choice": "Choose one of the rounds"},
    )
    cohorts_awarded = WholeNumberField(
        label="Cohorts awarded", name="the cohorts awarded", example="4", most=MAX_SMALL
    )
    price_per_cohort_pence = PoundsField(
        label="Price per cohort", name="the price per cohort", example="14000", help_text="In pounds."
    )
    reference = TextField(label="Contract reference", max_length=50, required=False)

    class Meta:
        model = Contract
        fields = ["round", "cohorts_awarded", "price_per_cohort_pence", "reference"]

    def __init__(self, *args, partner: DeliveryPartner, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        self.fields["round"].queryset = Round.objects.filter(programme__hub_id=partner.hub_id).select_related(
            "programme"
        )
        style(self)

    def clean_round(self):
        round = self.cleaned_data["round"]
        if Contract.objects.filter(round=round, partner=self.partner).exists():
            raise forms.ValidationError(f"{self.partner.name} already has a contract in {round.name}")
        return round


class FacilitatorForm(forms.ModelForm):
    full_name = TextField(label="Full name", max_length=200, error_messages={"required": "Enter their name"})
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address like name@example.com",
        },
    )
    phone = TextField(label="Phone number", max_length=40, required=False)

    class Meta:
        model = Facilitator
        fields = ["full_name", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class ThemeForm(forms.ModelForm):
    name = TextField(
        label="Theme", max_length=100, error_messages={"required": "Enter the theme, like Staffing"}
    )

    class Meta:
        model = Theme
        fields = ["name"]

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.hub = hub
        style(self)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        slug = slugify(name)[:50]
        if not slug:
            raise forms.ValidationError("Enter a theme with letters or numbers in it")
        if Theme.objects.filter(hub=self.hub, slug=slug).exists():
            raise forms.ValidationError(f"There is already a theme called {name}")
        return name


class HubContactForm(forms.ModelForm):
    contact_email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the hub's email address",
            "invalid": "Enter an email address like hello@example.org",
        },
    )
    contact_phone = TextField(label="Telephone", max_length=40, required=False)
    contact_address = TextField(
        label="Postal address", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    class Meta:
        model = Hub
        fields = ["contact_email", "contact_phone", "contact_address"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)
