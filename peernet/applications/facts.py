"""What an applicant tells us about their business, checked one way wherever it arrives.

The public form's fields, the import's rows and any endpoint that writes an application call these. Each
takes the value as given and returns it cleaned, or raises ValidationError with one message saying what to
do. Whether an answer may be left out is the caller's question: a form field's `required`, an import's
columns. How a date is typed (three boxes, a spreadsheet cell) is the caller's too; what makes it a
possible start of trading is here.
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from peernet import numbers
from peernet.accounts.models import District
from peernet.applications import sic as sic_codes
from peernet.applications.answers import (
    is_company_number,
    is_postcode,
    normalise_company_number,
    normalise_email,
    normalise_postcode,
)
from peernet.applications.models import Business

BUSINESS_NAME_MAX = 200
EMAIL_MAX = 254
PHONE_MAX = 40
MAX_EMPLOYEES = 1_000_000
EARLIEST_TRADING_YEAR = 1800
# Businesses that Companies House registers, so have its number.
REGISTERED = (Business.LegalForm.LIMITED_COMPANY, Business.LegalForm.LLP)

STARTED = "the date the business started trading"
PHONE = re.compile(r"[0-9\s()+\-]{7,40}")


def business_name(value: str) -> str:
    value = value.strip()
    if len(value) > BUSINESS_NAME_MAX:
        raise ValidationError(f"Business name must be {BUSINESS_NAME_MAX} characters or fewer")
    return value


def company_number(value: str, *, legal_form: str | None = None) -> str:
    """'sc 123456' → 'SC123456'; a company or LLP must give one, a sole trader or partnership need not."""
    number = normalise_company_number(value)
    if number and not is_company_number(number):
        raise ValidationError(
            "Enter the Companies House number in the right format, like 01234567 or SC123456"
        )
    if not number and legal_form in REGISTERED:
        raise ValidationError("Enter the business's Companies House number, like 01234567")
    return number


def trading_since(started: dt.date, *, today: dt.date) -> dt.date:
    """The day trading started: today or before, and a year written in full."""
    if started.year < EARLIEST_TRADING_YEAR:
        raise ValidationError(
            f"Enter the year the business started trading, like 2019; it must be {EARLIEST_TRADING_YEAR} "
            "or later"
        )
    if started > today:
        raise ValidationError("The date the business started trading must be today or in the past")
    return started


def trading_since_from_boxes(day: str, month: str, year: str, *, today: dt.date) -> dt.date:
    """The GOV.UK date input: day, month and year in three boxes, like 27 3 2019."""
    example = "27 3 2019"
    parts = [part.strip() for part in (day, month, year)]
    if not any(parts):
        raise ValidationError(f"Enter {STARTED}, like {example}")
    try:
        day_, month_, year_ = (
            numbers.whole_number(part, name=STARTED, example=example, most=9999) for part in parts
        )
        started = dt.date(year_, month_, day_)
    except ValidationError as error:
        if error.code == "digits":
            raise
        started = None
    except ValueError:  # 31 2 2020
        started = None
    if started is None:
        raise ValidationError(f"The date the business started trading must be a real date, like {example}")
    return trading_since(started, today=today)


def trading_since_from_iso(text: str, *, today: dt.date) -> dt.date:
    """A spreadsheet cell or an API's date: YYYY-MM-DD, like 2019-03-27."""
    example = "2019-03-27"
    numbers.check_digits(text, name=STARTED, example=example)
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(text)
        started = dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"Enter {STARTED} as YYYY-MM-DD, like {example}") from None
    return trading_since(started, today=today)


def employees(text: str) -> int:
    return numbers.whole_number(text, name="the number of employees", example="12", most=MAX_EMPLOYEES)


def turnover(text: str) -> int:
    """The last financial year's turnover in pence, from pounds as typed: '£450,000' → 45000000."""
    return numbers.pence(text, name="the turnover", example="250000")


def prior_assistance(text: str) -> int:
    """Subsidy already received over three financial years, in pence, from pounds as typed."""
    return numbers.pence(text, name="the amount", example="5000")


def sic(value: str) -> str:
    """A SIC 2007 code of five digits whose division exists; '1110' (a spreadsheet lost the 0) → '01110'."""
    code = sic_codes.normalise(value)
    if not sic_codes.is_valid(code):
        raise ValidationError("Enter a SIC 2007 code of 5 digits, like 62020")
    return code


def postcode(value: str) -> str:
    """'pr12he' → 'PR1 2HE'."""
    code = normalise_postcode(value)
    if not is_postcode(code):
        raise ValidationError("Enter a full UK postcode, like PR1 2HE")
    return code


def district(name: str, districts: Mapping[str, District]) -> District:
    """The hub's district of that name, in any case; `districts` maps lowercased names to districts."""
    found = districts.get(name.strip().lower())
    if found is None:
        names = listed(d.name for d in districts.values())
        raise ValidationError(f"Enter one of the hub's districts: {names}")
    return found


def email(value: str) -> str:
    address = normalise_email(value)
    if len(address) > EMAIL_MAX:
        raise ValidationError(f"Email address must be {EMAIL_MAX} characters or fewer")
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError("Enter an email address in the correct format, like name@example.com") from None
    return address


def phone(value: str) -> str:
    value = value.strip()
    if len(value) > PHONE_MAX:
        raise ValidationError(f"Phone number must be {PHONE_MAX} characters or fewer")
    if not PHONE.fullmatch(value) or len(re.sub(r"[^0-9]", "", value)) < 7:
        raise ValidationError("Enter a phone number, like 01772 123456 or +44 7700 900123")
    return value


def listed(names: Iterable[str], limit: int = 6) -> str:
    """'Preston, Wyre'; past `limit` names, the rest as '…'."""
    names = sorted(names)
    shown = ", ".join(names[:limit])
    return shown + (", …" if len(names) > limit else "")
