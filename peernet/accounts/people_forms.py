"""Forms for the people pages and for accepting an invitation."""

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from peernet.accounts import permissions as can
from peernet.accounts.models import Role, User

EMAIL_MAX = User._meta.get_field("email").max_length
# The partner model lives in programmes, above this app: reached through the user's own field, not imported.
DeliveryPartner = User._meta.get_field("delivery_partner").related_model


class RoleChoiceForm(forms.Form):
    """A role this user may give, and the partner for a partner role (a partner manager's own, always)."""

    role = forms.ChoiceField(
        label="Role", widget=forms.RadioSelect, error_messages={"required": "Choose the person's role"}
    )
    delivery_partner = forms.ModelChoiceField(
        label="Delivery partner",
        queryset=DeliveryPartner.objects.none(),
        required=False,
        empty_label="Choose a partner",
        help_text="For a delivery partner manager or a facilitator",
        widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={"invalid_choice": "Choose one of your hub's delivery partners"},
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["role"].choices = [(role, Role(role).label) for role in can.roles_to_invite(user)]
        self.fields["role"].error_messages["invalid_choice"] = "Choose one of the roles listed"
        if user.role == Role.PARTNER_MANAGER:
            self.fields["delivery_partner"].queryset = DeliveryPartner.objects.filter(
                pk=user.delivery_partner_id
            )
            self.fields["delivery_partner"].initial = user.delivery_partner_id
            self.fields["delivery_partner"].empty_label = None
        else:
            self.fields["delivery_partner"].queryset = DeliveryPartner.objects.filter(hub_id=user.hub_id)

    def clean(self):
        cleaned = super().clean()
        role, partner = cleaned.get("role"), cleaned.get("delivery_partner")
        own_partner_only = self.user.role == Role.PARTNER_MANAGER
        if partner is None and own_partner_only and "delivery_partner" not in self.errors:
            # A partner manager invites for their own partner only; the page need not ask.
            partner = cleaned["delivery_partner"] = self.user.delivery_partner
        if role in can.PARTNER_ROLES and partner is None and "delivery_partner" not in self.errors:
            self.add_error("delivery_partner", "Choose the delivery partner the person works for")
        if role not in can.PARTNER_ROLES:
            cleaned["delivery_partner"] = None
        return cleaned


class InviteForm(RoleChoiceForm):
    email = forms.EmailField(
        label="Email address",
        # What the invitation and the account keep: an address can be valid and longer.
        max_length=EMAIL_MAX,
        widget=forms.EmailInput(attrs={"class": "govuk-input", "autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": f"The email address must be {EMAIL_MAX} characters or fewer",
        },
    )
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "govuk-input", "autocomplete": "off"}),
        error_messages={"required": "Enter the person's full name"},
    )
    field_order = ["full_name", "email", "role", "delivery_partner"]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class AcceptInvitationForm(forms.Form):
    """The invited person's name and a password, checked by the service's password rules."""

    full_name = forms.CharField(
        label="Your full name",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "govuk-input", "autocomplete": "name"}),
        error_messages={"required": "Enter your full name"},
    )
    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        help_text="At least 12 characters; not a common password, and not like your name or email address",
        widget=forms.PasswordInput(attrs={"class": "govuk-input", "autocomplete": "new-password"}),
        error_messages={"required": "Enter a password"},
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"class": "govuk-input", "autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords do not match; type the same password twice")
        elif first:
            # Checked against a user like the one to be made, so "like your email" is caught.
            person = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, person)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned
