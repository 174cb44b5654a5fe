"""Forms for signing in."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm


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
