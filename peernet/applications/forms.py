"""Forms for hub staff: filtering the review queue, overriding and withdrawing, the round's rules, uploads."""

import re

from django import forms

from peernet.applications import facts, sic
from peernet.applications.eligibility import RULE_LABELS
from peernet.applications.models import Application, EligibilityDecision
from peernet.numbers import MAX_SMALL, PoundsField, WholeNumberField
from peernet.programmes.models import Round
from peernet.record_ids import RecordsChoiceField
from peernet.text import TextField

SELECT = {"class": "govuk-select"}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
NOT_A_DISTRICT = "Choose districts from the list; one chosen is not one of the hub’s districts"


class QueueFilterForm(forms.Form):
    q = TextField(label="Reference or business", required=False, max_length=100)
    status = forms.ChoiceField(label="Status", required=False)
    district = forms.ChoiceField(label="District", required=False)
    sector = forms.ChoiceField(label="Sector", required=False)
    outcome = forms.ChoiceField(label="Decision", required=False)
    rule = forms.ChoiceField(label="Rule failed", required=False)
    duplicates = forms.BooleanField(label="Possible duplicates only", required=False)

    def __init__(self, *args, round: Round, **kwargs):
        super().__init__(*args, **kwargs)
        any_ = [("", "Any")]
        self.fields["status"].choices = any_ + list(Application.Status.choices)
        self.fields["district"].choices = any_ + [
            (str(pk), name)
            for pk, name in round.programme.hub.districts.order_by("name").values_list("pk", "name")
        ]
        self.fields["sector"].choices = any_ + [(label, label) for label in sic.SECTORS.values()]
        self.fields["outcome"].choices = (
            any_ + list(EligibilityDecision.Outcome.choices) + [("none", "Not decided")]
        )
        self.fields["rule"].choices = any_ + list(RULE_LABELS.items())
        for name in ("status", "district", "sector", "outcome", "rule"):
            self.fields[name].widget.attrs.update(SELECT)
        self.fields["q"].widget.attrs.update({"class": "govuk-input"})
        self.fields["duplicates"].widget.attrs.update({"class": "govuk-checkboxes__input"})

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.filter(reference__iexact=data["q"].strip()) | queryset.filter(
                business_name__icontains=data["q"].strip()
            )
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["district"]:
            queryset = queryset.filter(district_id=data["district"])
        if data["sector"]:
            queryset = queryset.filter(sector=data["sector"])
        if data["outcome"] == "none":
            queryset = queryset.filter(decision__isnull=True)
        elif data["outcome"]:
            queryset = queryset.filter(decision__outcome=data["outcome"])
        if data["rule"]:
            queryset = queryset.filter(failed_rules__contains=f" {data['rule']} ")
        if data["duplicates"]:
            queryset = queryset.filter(duplicate_of__isnull=False)
        return queryset


class OverrideForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What is your decision?",
        choices=[
            (EligibilityDecision.Outcome.ELIGIBLE, "Eligible"),
            (EligibilityDecision.Outcome.INELIGIBLE, "Not eligible"),
        ],
        error_messages={"required": "Choose eligible or not eligible"},
    )
    reason = TextField(
        label="Why are you overriding the decision?",
        max_length=2000,
        help_text="The applicant's circumstances and the evidence you saw. This is kept in the audit trail.",
        error_messages={
            "required": "Write why you are overriding the decision",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 4}),
    )


class WithdrawForm(forms.Form):
    """Shown on the application's page beside the override form: its own ids, so each label, and each link
    in the error summary, finds its own box."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_withdraw_%s")
        super().__init__(*args, **kwargs)

    reason = TextField(
        label="Why is the application withdrawn?",
        max_length=2000,
        error_messages={
            "required": "Write why the application is withdrawn",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}),
    )


class RoundEligibilityForm(forms.ModelForm):
    """The round's eligibility rules and subsidy figures, as a programme manager edits them."""

    min_months_trading_over = WholeNumberField(
        label="Trading for more than (months)", name="the months", example="12", most=MAX_SMALL
    )
    min_employees = WholeNumberField(
        label="Fewest employees",
        name="the fewest employees",
        example="6",
        most=facts.MAX_EMPLOYEES,
        help_text="At least this many. “More than five” is 6.",
    )
    max_employees = WholeNumberField(
        label="Most employees",
        name="the most employees",
        example="249",
        most=facts.MAX_EMPLOYEES,
        help_text="At most this many.",
    )
    min_turnover_over_pence = PoundsField(
        label="Minimum turnover",
        name="the minimum turnover",
        example="100000",
        help_text="In pounds. A business is eligible when its turnover is more than this.",
    )
    cost_per_place_pence = PoundsField(
        label="Gross value of support per place",
        name="the value of support per place",
        example="1500",
        help_text="In pounds, as declared for subsidy control.",
    )
    subsidy_threshold_pence = PoundsField(
        label="Subsidy allowance over three financial years",
        name="the subsidy allowance",
        example="315000",
        help_text="In pounds: £315,000 for Minimal Financial Assistance.",
    )
    excluded_sic_prefixes = TextField(
        label="Excluded SIC codes",
        required=False,
        max_length=1000,
        help_text="SIC 2007 codes or their leading digits, separated by commas, like 01, 64191, 92.",
    )

    class Meta:
        model = Round
        fields = [
            "eligible_districts",
            "min_months_trading_over",
            "min_employees",
            "max_employees",
            "min_turnover_over_pence",
            "excluded_sic_prefixes",
            "one_leader_per_business",
            "subsidy_regime",
            "cost_per_place_pence",
            "subsidy_threshold_pence",
            "subsidy_wording",
            "privacy_notice_version",
        ]
        labels = {
            "eligible_districts": "Districts the round is for",
            "one_leader_per_business": "One leader per business in the round",
            "subsidy_regime": "Subsidy declaration",
            "subsidy_wording": "Subsidy wording shown to applicants",
            "privacy_notice_version": "Privacy notice version",
        }
        help_texts = {"eligible_districts": "Leave all unticked to accept any area."}
        field_classes = {
            "eligible_districts": RecordsChoiceField,
            "subsidy_wording": TextField,
            "privacy_notice_version": TextField,
        }
        error_messages = {
            "eligible_districts": {
                "invalid_choice": NOT_A_DISTRICT,
                "invalid_pk_value": NOT_A_DISTRICT,
            }
        }
        widgets = {
            "eligible_districts": forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes__input"}),
            "subsidy_wording": forms.Textarea(attrs={"class": "govuk-textarea", "rows": 4}),
            "subsidy_regime": forms.Select(attrs=SELECT),
            "one_leader_per_business": forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eligible_districts"].queryset = self.instance.programme.hub.districts.order_by("name")
        self.initial["excluded_sic_prefixes"] = ", ".join(self.instance.excluded_sic_prefixes or [])
        self.fields["privacy_notice_version"].widget.attrs.update(
            {"class": "govuk-input govuk-input--width-10"}
        )
        for name in (
            "min_months_trading_over",
            "min_employees",
            "max_employees",
            "min_turnover_over_pence",
            "cost_per_place_pence",
            "subsidy_threshold_pence",
        ):
            self.fields[name].widget.attrs.update(
                {"class": "govuk-input govuk-input--width-10", "inputmode": "numeric"}
            )
        self.fields["excluded_sic_prefixes"].widget.attrs.update({"class": "govuk-input"})

    def clean_excluded_sic_prefixes(self) -> list[str]:
        prefixes = [p for p in re.split(r"[\s,;]+", self.cleaned_data["excluded_sic_prefixes"]) if p]
        for prefix in prefixes:
            if not re.fullmatch(r"\d{1,5}", prefix):
                raise forms.ValidationError(
                    f"“{prefix[:20]}” is not a SIC code; use digits only, like 01 or 64191"
                )
        return sorted(set(prefixes))

    def clean(self):
        data = super().clean()
        low, high = data.get("min_employees"), data.get("max_employees")
        if low is not None and high is not None and high < low:
            self.add_error("max_employees", "The most employees must be at least the fewest employees")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV or Excel file",
        help_text="One application a row, with the columns described in the guidance. Up to 10 MB.",
        error_messages={
            "required": "Choose a CSV or Excel file to upload",
            "empty": "The file you chose is empty",
        },
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".csv,.xlsx"}),
    )

    notify = forms.BooleanField(
        label="Email each applicant their reference and decision",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )

    def __init__(self, *args, refused: str = "", **kwargs):
        # `refused`: the view turned the upload away before reading it (too large); say so on the field.
        super().__init__(*args, **kwargs)
        self.refused = refused
        if refused:
            self.fields["file"].required = False

    def clean_file(self):
        if self.refused:
            raise forms.ValidationError(self.refused)
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a CSV or an Excel (.xlsx) file")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 10 MB; split it into smaller files")
        return upload
