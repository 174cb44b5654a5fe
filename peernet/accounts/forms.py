"""Forms for signing in."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from peernet import ratelimit
from peernet.accounts import permissions as can

# Attempts allowed per address and per email in the window, before a person is asked to wait.
SIGN_IN_ATTEMPTS = 10
SIGN_IN_WINDOW_SECONDS = 15 * 60


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Enter the email address and password of your account; the ones entered do not match"
        ),
        "inactive": "This account has been closed. Ask your hub administrator to reopen it",
        "too_many": "You have tried to sign in too many times. Wait 15 minutes, then try again",
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
        # Checked before the password, so guessing stops costing us a hash once the limit is reached.
        email = self.cleaned_data.get("username", "")
        ip = ratelimit.client_ip(self.request) if self.request else "unknown"
        for key in (f"sign-in:ip:{ip}", f"sign-in:email:{email}"):
            if not ratelimit.allow(key, limit=SIGN_IN_ATTEMPTS, window=SIGN_IN_WINDOW_SECONDS):
                raise ValidationError(self.error_messages["too_many"], code="too_many")
        return super().clean()


class OperatorSignInForm(SignInForm):
    """The Django admin's sign-in: the same attempt limits, and only platform operators get through."""

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not can.is_operator(user):
            # The same words as a wrong password: the admin does not say which accounts exist.
            raise self.get_invalid_login_error()
