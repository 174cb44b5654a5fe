"""Reading whole numbers and amounts of money as people and spreadsheets write them: 1,200, £450,000, 12.0.

Every form, import and endpoint that takes a number reads it here, so each accepts and refuses the same text
with the same words. Only the digits 0 to 9 count: Python's int() also takes other scripts' digits, and
str.isdigit() takes '²', which int() then refuses with a crash.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst

from peernet.formats import money

# More digits than any count or amount we hold; int() of thousands of digits is slow, then refused.
MAX_DIGITS = 15
MAX_WHOLE = 10**MAX_DIGITS - 1
# The largest value a small integer field holds on every database.
MAX_SMALL = 32_767
MAX_PENCE = 10**13  # £100bn: anything larger is a typing slip, and pence must fit a BigIntegerField.

# Thousands separators and spaces, as people type them and spreadsheets export them.
SEPARATORS = re.compile(r"[\s,]")
# A whole number, perhaps written as a spreadsheet's float: '12.0'.
WHOLE = re.compile(r"(-?)([0-9]+)(?:\.0*)?")
# Pounds, perhaps with pence: '100000.50', '100000.5', '.50'.
POUNDS = re.compile(r"(-?)([0-9]*)(?:\.([0-9]*))?")


def check_digits(text: str, *, name: str, example: str) -> None:
    """Refuse digits other than 0 to 9 ('²', '١٢'), which people do not mean and int() would misread."""
    if any(character.isdigit() and not "0" <= character <= "9" for character in text):
        raise ValidationError(f"Enter {name} using the digits 0 to 9, like {example}", code="digits")


def whole_number(text: str, *, name: str, example: str, most: int = MAX_WHOLE) -> int:
    """'1,200' → 1200; '12.0' → 12. Refuses what is empty, negative, a fraction or more than `most`.

    `name` is what to enter ('the number of employees') and `example` a typical answer ('12'): each message
    says what to do, like "Enter the number of employees as a whole number, like 12"."""
    plain = SEPARATORS.sub("", text or "")
    if not plain:
        raise ValidationError(f"Enter {name}, like {example}", code="required")
    check_digits(plain, name=name, example=example)
    match = WHOLE.fullmatch(plain)
    if match is None:
        raise ValidationError(f"Enter {name} as a whole number, like {example}", code="invalid")
    sign, digits = match.groups()
    significant = digits.lstrip("0") or "0"
    if sign and significant != "0":
        raise ValidationError(f"{capfirst(name)} cannot be negative; enter 0 or more", code="negative")
    if len(significant) > MAX_DIGITS or int(significant) > most:
        raise ValidationError(f"{capfirst(name)} must be {most:,} or less", code="too_large")
    return int(significant)


def pence(text: str, *, name: str, example: str, most: int = MAX_PENCE) -> int:
    """Pounds as typed, in whole pence: '£100,000' → 10000000; '100000.50' → 10000050.

    Refuses what is empty, negative, finer than a penny or more than `most` pence, in words like
    "Enter the minimum turnover in pounds, like 100000"."""
    plain = SEPARATORS.sub("", text or "").replace("£", "")
    if not plain:
        raise ValidationError(f"Enter {name} in pounds, like {example}", code="required")
    check_digits(plain, name=name, example=example)
    match = POUNDS.fullmatch(plain)
    if match is None or not (match.group(2) or match.group(3)):
        raise ValidationError(f"Enter {name} in pounds, like {example}", code="invalid")
    sign, pounds, fraction = match.groups()
    pounds = pounds.lstrip("0") or "0"
    fraction = (fraction or "").rstrip("0")
    if len(fraction) > 2:
        raise ValidationError(f"Enter {name} to the nearest penny, like {example}.50", code="fraction")
    if sign and (pounds != "0" or fraction):
        raise ValidationError(f"{capfirst(name)} cannot be negative; enter 0 or more", code="negative")
    if len(pounds) > MAX_DIGITS or int(pounds) * 100 + int(fraction.ljust(2, "0")) > most:
        raise ValidationError(f"{capfirst(name)} must be {money(most)} or less", code="too_large")
    return int(pounds) * 100 + int(fraction.ljust(2, "0"))


# Form fields that read what people type through the parsers above.


class WholeNumberField(forms.CharField):
    """A count typed as 12 or 1,200; `name` and `example` word its errors: "Enter the cohorts, like 12".

    `most` is the largest value its model field holds (MAX_SMALL for a small integer field)."""

    def __init__(self, *, name: str, example: str, most: int = MAX_WHOLE, **kwargs):
        kwargs.setdefault("error_messages", {"required": f"Enter {name}, like {example}"})
        super().__init__(**kwargs)
        self.name, self.example, self.most = name, example, most

    def to_python(self, value):
        text = super().to_python(value)
        if not text and not self.required:
            return None
        return whole_number(text, name=self.name, example=self.example, most=self.most)


class PoundsField(forms.CharField):
    """Pounds typed as 100,000, £100000 or 1321.10, held as pence."""

    def __init__(self, *, name: str, example: str, **kwargs):
        kwargs.setdefault("error_messages", {"required": f"Enter {name} in pounds, like {example}"})
        super().__init__(**kwargs)
        self.name, self.example = name, example

    def to_python(self, value):
        text = super().to_python(value)
        if not text and not self.required:
            return None
        return pence(text, name=self.name, example=self.example)

    def prepare_value(self, value):
        if isinstance(value, int):
            pounds, pence = divmod(value, 100)
            return f"{pounds}.{pence:02d}" if pence else str(pounds)
        return value
