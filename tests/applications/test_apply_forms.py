"""The public form's text answers: control characters pasted by accident are dropped, a NUL is refused."""

import pytest
from django import forms

from peernet.applications import apply_forms
from peernet.applications import forms as staff_forms
from peernet.cohorts import forms as cohort_forms

BUSINESS = {
    "legal_form": "sole_trader",
    "trading_day": "1",
    "trading_month": "4",
    "trading_year": "2015",
}


@pytest.mark.django_db
def test_business_name_pasted_with_a_control_character_is_stored_without_it(round_3):
    form = apply_forms.BusinessForm({**BUSINESS, "business_name": "Acme\x01 Ltd\x1b"}, round=round_3)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["business_name"] == "Acme Ltd"


@pytest.mark.django_db
def test_business_name_with_a_nul_is_refused_naming_the_field(round_3):
    form = apply_forms.BusinessForm({**BUSINESS, "business_name": "Acme\x00 Ltd"}, round=round_3)

    assert form.errors == {
        "business_name": [
            "Business name contains a character that is not allowed; type it again instead of pasting it"
        ]
    }


@pytest.mark.django_db
def test_challenge_keeps_its_lines_and_loses_control_characters(round_3):
    form = apply_forms.ChallengesForm(
        {"challenge": "Hiring joiners.\r\n\tAnd keeping them\x08.\x07"}, round=round_3
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["challenge"] == "Hiring joiners.\n\tAnd keeping them."


@pytest.mark.django_db
def test_leader_name_and_role_are_cleaned(round_3):
    form = apply_forms.LeaderForm(
        {
            "leader_name": "Amira\tShah\x7f",
            "leader_role": "Managing\x0bdirector",
            "email": "amira@example.com",
            "phone": "01772 123456",
        },
        round=round_3,
    )

    assert form.is_valid(), form.errors
    assert (form.cleaned_data["leader_name"], form.cleaned_data["leader_role"]) == (
        "Amira Shah",
        "Managing director",
    )


FORM_MODULES = [apply_forms, staff_forms, cohort_forms]


@pytest.mark.parametrize(
    "form_class",
    [
        value
        for module in FORM_MODULES
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, forms.BaseForm)
        and value.__module__ == module.__name__
    ],
    ids=lambda form_class: form_class.__name__,
)
def test_every_text_answer_of_our_forms_is_cleaned(form_class):
    plain = [name for name, field in form_class.base_fields.items() if type(field) is forms.CharField]

    assert plain == []
