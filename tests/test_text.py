import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from peernet import text


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Acme\x01 Ltd", "Acme Ltd"),
        ("Acme\x1f Ltd\x7f", "Acme Ltd"),
        ("Ribble\x85 Valley", "Ribble Valley"),
        ("Ribble\tValley", "Ribble Valley"),
        ("Ribble\r\nValley", "Ribble Valley"),
        ("Ribble\x0bValley", "Ribble Valley"),
        ("a\ufffeb\uffff", "ab"),
        ("Siân Zoë Łukasz 北京", "Siân Zoë Łukasz 北京"),
    ],
)
def test_clean_drops_control_characters_from_a_line(typed, kept):
    assert text.clean(typed) == kept


def test_clean_keeps_newlines_and_tabs_in_several_lines():
    assert text.clean("First\r\n\tsecond\x0bthird\rfourth\x00", multiline=True) == (
        "First\n\tsecond\nthird\nfourth\x00"
    )


def test_clean_leaves_nul_for_the_caller_to_refuse():
    assert text.clean("Acme\x00 Ltd") == "Acme\x00 Ltd"


@given(st.text())
def test_storable_text_always_fits_a_spreadsheet(value):
    stored = text.storable(value)

    assert not ILLEGAL_CHARACTERS_RE.search(stored)
    assert "\ufffe" not in stored and "\uffff" not in stored


class Named(forms.Form):
    name = text.TextField(label="Business name", max_length=200)
    story = text.TextField(label="Your story", required=False, widget=forms.Textarea)


def test_text_field_cleans_what_was_pasted():
    form = Named({"name": " \x02Acme\x01 Ltd ", "story": "One\r\ntwo\x1b"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"name": "Acme Ltd", "story": "One\ntwo"}


def test_text_field_refuses_nul_naming_the_field():
    form = Named({"name": "Acme\x00 Ltd"})

    assert form.errors == {
        "name": [
            "Business name contains a character that is not allowed; type it again instead of pasting it"
        ]
    }
