"""The public application form: one Form per question page, each naming what to do when an answer is wrong."""

from django import forms
from django.utils import timezone

from peernet.applications import choices, facts
from peernet.applications.models import Application, Business
from peernet.slots import SLOT_CHOICES
from peernet.text import TextField

OUTSIDE = "outside"


def text(
    label: str, *, max_length: int, required: str | None = None, help_text: str = "", **attrs
) -> TextField:
    """A text field whose errors say what to do. `required` is the message when empty; None means optional."""
    return TextField(
        label=label,
        max_length=max_length,
        required=required is not None,
        help_text=help_text,
        strip=True,
        error_messages={
            "required": required or "",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input", **attrs}),
    )


class StepForm(forms.Form):
    """A question page. Every page takes the round, so the wizard can build any of them the same way."""

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round


class BusinessForm(StepForm):
    business_name = text(
        "Business name",
        max_length=200,
        required="Enter the name of your business",
        autocomplete="organization",
    )
    legal_form = forms.ChoiceField(
        label="What kind of business is it?",
        choices=Business.LegalForm.choices,
        error_messages={
            "required": "Choose what kind of business it is",
            "invalid_choice": "Choose one of the kinds",
        },
    )
    company_number = text(
        "Companies House number",
        max_length=20,
        help_text="8 characters, like 01234567 or SC123456. "
        "Leave this empty if you are a sole trader or partnership.",
        spellcheck="false",
    )
    # The GOV.UK date pattern: three boxes, checked together in clean().
    trading_day = TextField(label="Day", required=False)
    trading_month = TextField(label="Month", required=False)
    trading_year = TextField(label="Year", required=False)

    error_anchor = "id_trading_day"

    def clean_business_name(self) -> str:
        return facts.business_name(self.cleaned_data["business_name"])

    def clean(self):
        data = super().clean()
        if "company_number" not in self.errors:
            # Checked here rather than in clean_company_number: whether one is needed depends on legal_form.
            try:
                data["company_number"] = facts.company_number(
                    data.get("company_number", ""), legal_form=data.get("legal_form")
                )
            except forms.ValidationError as error:
                self.add_error("company_number", error)
        try:
            data["trading_since"] = facts.trading_since_from_boxes(
                *(self.data.get(f"trading_{part}", "") for part in ("day", "month", "year")),
                today=timezone.localdate(),
            )
        except forms.ValidationError as error:
            self.add_error("trading_day", error)
        return data


class SizeForm(StepForm):
    employees = text(
        "How many people does the business employ?",
        max_length=12,
        required="Enter the number of employees, like 12",
        help_text="Count full-time and part-time staff, including yourself.",
        inputmode="numeric",
    )
    turnover = text(
        "What was the business's turnover in its last financial year?",
        max_length=20,
        required="Enter your turnover in pounds, like 250000",
        help_text="In pounds, like 250000.",
        inputmode="numeric",
    )

    def clean_employees(self) -> int:
        return facts.employees(self.cleaned_data["employees"])

    def clean_turnover(self) -> int:
        return facts.turnover(self.cleaned_data["turnover"])


class SectorForm(StepForm):
    sic = TextField(
        label="Which of these best describes what your business does?",
        max_length=10,
        error_messages={"required": "Choose what your business does, or search again"},
    )

    def clean_sic(self) -> str:
        try:
            return facts.sic(self.cleaned_data["sic"])
        except forms.ValidationError:
            # The page offers search results as radios, not a box for the code: say so in its own words.
            raise forms.ValidationError(
                "Choose what your business does from the list, or search again"
            ) from None


class LocationForm(StepForm):
    postcode = text(
        "Business postcode",
        max_length=20,
        required="Enter your business's postcode, like PR1 2HE",
        autocomplete="postal-code",
    )
    district = forms.ChoiceField(
        label="Which council area is the business in?",
        error_messages={
            "required": "Choose the council area your business is in",
            "invalid_choice": "Choose one of the council areas in the list",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        districts = self.round.programme.hub.districts.order_by("name")
        self.districts = {str(d.pk): d for d in districts}
        self.fields["district"].choices = [(pk, d.name) for pk, d in self.districts.items()] + [
            (OUTSIDE, "Somewhere else")
        ]

    def clean_postcode(self) -> str:
        return facts.postcode(self.cleaned_data["postcode"])


class LeaderForm(StepForm):
    leader_name = text("Full name", max_length=200, required="Enter your full name", autocomplete="name")
    leader_role = text(
        "Your role in the business",
        max_length=100,
        required="Enter your role, like Managing director",
        autocomplete="organization-title",
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(
            attrs={"class": "govuk-input", "autocomplete": "email", "spellcheck": "false"}
        ),
    )
    phone = text(
        "Phone number",
        max_length=40,
        required="Enter a phone number, like 01772 123456",
        autocomplete="tel",
    )

    def clean_email(self) -> str:
        return facts.email(self.cleaned_data["email"])

    def clean_phone(self) -> str:
        return facts.phone(self.cleaned_data["phone"])


def optional_radios(label: str, options) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=options,
        required=False,
        error_messages={"invalid_choice": f"Choose one of the answers for {label.lower()}"},
    )


class EqualityForm(StepForm):
    gender = optional_radios("Gender", choices.GENDER_CHOICES)
    age_band = optional_radios("Age", choices.AGE_BAND_CHOICES)
    ethnicity = optional_radios("Ethnic group", choices.ETHNICITY_CHOICES)
    disability = optional_radios("Do you consider yourself to have a disability?", choices.DISABILITY_CHOICES)


class ChallengesForm(StepForm):
    themes = forms.MultipleChoiceField(
        label="Which of these challenges does your business face?",
        required=False,
        help_text="Choose all that apply.",
        error_messages={"invalid_choice": "Choose challenges from the list"},
    )
    challenge = TextField(
        label="Tell us about the biggest challenge you face (optional)",
        required=False,
        max_length=2000,
        help_text="Only you and your facilitator will see this.",
        error_messages={
            "max_length": "Your challenge must be 2,000 characters or fewer",
            "null_characters_not_allowed": (
                "Your challenge contains a character that is not allowed; type it again instead of pasting it"
            ),
        },
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = [(t.slug, t.name) for t in self.round.themes.order_by("name")]


class PreferencesForm(StepForm):
    mode = forms.ChoiceField(
        label="How would you like to meet your group?",
        choices=Application.Mode.choices,
        error_messages={
            "required": "Choose how you would like to meet",
            "invalid_choice": "Choose how you would like to meet",
        },
    )
    slots = forms.MultipleChoiceField(
        label="When can you meet?",
        choices=SLOT_CHOICES,
        help_text="Groups meet for half a day once a fortnight. Choose all that you could manage.",
        error_messages={
            "required": "Choose at least one morning or afternoon when you can meet",
            "invalid_choice": "Choose times from the list",
        },
    )
    ownership = forms.MultipleChoiceField(
        label="Does any of these describe your business? (optional)",
        choices=choices.OWNERSHIP_CHOICES,
        required=False,
        help_text="Some groups bring together businesses with the same profile.",
        error_messages={"invalid_choice": "Choose profiles from the list"},
    )
    organisation = text(
        "Business organisation you belong to (optional)",
        max_length=100,
        help_text="For example FSB, a chamber of commerce or a trade association.",
    )


class SubsidyForm(StepForm):
    prior_assistance = text(
        "How much Minimal Financial Assistance has the business received "
        "in this and the last two financial years?",
        max_length=20,
        required="Enter the amount in pounds, or 0 if none, like 5000",
        help_text="In pounds, like 5000. Enter 0 if none.",
        inputmode="numeric",
    )
    within_threshold = forms.ChoiceField(
        label="Confirm the allowance",
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"required": "Tell us whether the business stays within the allowance"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.round is not None and self.round.subsidy_regime == self.round.SubsidyRegime.DE_MINIMIS:
            self.fields["prior_assistance"].label = (
                "How much de minimis or small amounts of assistance has the business received "
                "in this and the last two financial years?"
            )

    def clean_prior_assistance(self) -> int:
        return facts.prior_assistance(self.cleaned_data["prior_assistance"])

    def clean(self):
        data = super().clean()
        prior = data.get("prior_assistance")
        round = self.round
        over = prior is not None and prior + round.cost_per_place_pence > round.subsidy_threshold_pence
        if data.get("within_threshold") == "yes" and over:
            self.add_error(
                "within_threshold",
                "You told us the business has already received more than the allowance allows with this "
                "support; check the amount, or answer No",
            )
        return data


class ConsentForm(StepForm):
    consent = forms.BooleanField(
        label="I have read the privacy notice and agree to my answers being used to run the programme",
        error_messages={"required": "Confirm that you have read the privacy notice"},
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )
