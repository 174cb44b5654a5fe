"""Forms for signing in and for resetting a forgotten password."""

import hashlib

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError

from peernet import ratelimit
from peernet.accounts import permissions as can
from peernet.accounts import sign_in_limits, tasks

# Reset emails one address can be sent in an hour, and one client address can ask for; more are not sent,
# and the page says the same thing, so it never tells anyone whether an address has an account.
RESET_EMAILS_PER_ADDRESS = 3
RESET_REQUESTS_PER_CLIENT = 30


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Enter the email address and password of your account; the ones entered do not match"
        ),
        "inactive": "This account has been closed. Ask your hub administrator to reopen it",
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
            raise ValidationError(f"{sign_in_limits.held_message()}, or reset your password", code="too_many")
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


class ResetRequestForm(PasswordResetForm):
    """Asks for an email address; the same page follows whether or not an account has it."""

    error_anchor = "id_email"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].help_text = "The address you sign in with"
        self.fields["email"].widget.attrs.update(
            {"class": "govuk-input", "autocomplete": "email", "spellcheck": "false"}
        )
        self.fields["email"].error_messages.update(
            {
                "required": "Enter your email address",
                "invalid": "Enter an email address like name@example.com",
            }
        )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def save(self, *, request=None, token_generator=None, **kwargs) -> None:
        email = self.cleaned_data["email"]
        digest = hashlib.sha256(email.encode()).hexdigest()
        client = ratelimit.client_ip(request) if request else "unknown"
        if not ratelimit.allow(f"password-reset:ip:{client}", limit=RESET_REQUESTS_PER_CLIENT, window=3600):
            return
        if not ratelimit.allow(f"password-reset:email:{digest}", limit=RESET_EMAILS_PER_ADDRESS, window=3600):
            return
        # Every request that passes the limits enqueues the same task, known address or not; the worker looks
        # the address up, so the page takes the same time either way.
        tasks.send_password_reset.enqueue(email)


class NewPasswordForm(SetPasswordForm):
    """The new password, twice, in the GOV.UK pattern."""

    error_messages = {"password_mismatch": "Enter the same password in both boxes"}  # noqa: S105 - a message
    error_anchor = "id_new_password1"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = "At least 12 characters; not one that is easy to guess"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].help_text = ""
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget.attrs.update({"class": "govuk-input", "autocomplete": "new-password"})
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"


class CodeForm(forms.Form):
    """The code from the authenticator app, or a recovery code, after the password."""

    error_anchor = "id_code"
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6 numbers it shows. Lost your phone? Enter one of your recovery codes",
        max_length=20,
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input govuk-input--width-10",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class SetUpAppForm(forms.Form):
    error_anchor = "id_code"
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="After adding Peer Networks to the app, enter the 6 numbers it shows",
        max_length=10,
        error_messages={"required": "Enter the 6 numbers your authenticator app shows"},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input govuk-input--width-5",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )
