"""Forms for signing in."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from peernet import ratelimit
from peernet.accounts import permissions as can
from peernet.accounts import sign_in_limits


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Enter the email address and password of your account; the ones entered do not match"
        ),
        "inactive": "This account has been closed. Ask your hub administrator to reopen it",
        "too_many": (
            "You have tried to sign in too many times. Wait 15 minutes, then try again, "
            "or reset your password"
        ),
    }
    error_anchor = "id_username"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={
                "class": "govuk-input",
                "autocomplete": "email",
                "spellcheck": "false",
                "autofocus": True,
            }
        )
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].widget.attrs.update(
            {"class": "govuk-input", "autocomplete": "current-password"}
        )
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean_username(self) -> str:
        # Addresses are stored in lower case; people type them however their phone capitalises them.
        return self.cleaned_data["username"].lower()

    def clean(self):
        email = self.cleaned_data.get("username", "")
        if not email or not self.cleaned_data.get("password"):
            return super().clean()
        ip = ratelimit.client_ip(self.request) if self.request else "unknown"
        # Checked before the password, so a held account is not even tried: the right password waits too.
        if sign_in_limits.is_held(email=email, ip=ip):
            raise ValidationError(self.error_messages["too_many"], code="too_many")
        try:
            return super().clean()
        except ValidationError:
            # Only failures count; a successful sign-in never brings anyone closer to a hold.
            sign_in_limits.record_failure(email=email, ip=ip)
            raise


class OperatorSignInForm(SignInForm):
    """The Django admin's sign-in: failures count with the service's (a guess is a guess at either door), and
    only platform operators get through."""

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not can.is_operator(user):
            # The same words as a wrong password: the admin does not say which accounts exist.
            raise self.get_invalid_login_error()
