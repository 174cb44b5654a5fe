"""What an applicant tells us, in one shape for the public form and the import, with the shared cleaners."""

import datetime as dt
import re
from dataclasses import dataclass, field

from peernet.accounts.models import District

COMPANY_NUMBER = re.compile(r"^([0-9]{8}|[A-Z]{2}[0-9]{6})$")
# The GOV.UK pattern for a full UK postcode, after removing spaces.
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?|GIR)([0-9][A-Z]{2})$")


def normalise_company_number(value: str) -> str:
    """'sc 123456' → 'SC123456'; '1234567' (a spreadsheet dropped the leading zero) → '01234567'."""
    text = re.sub(r"\s+", "", str(value or "")).upper()
    if re.fullmatch(r"[0-9]+\.0+", text):
        text = text.split(".")[0]
    if re.fullmatch(r"[0-9]{1,7}", text):
        text = text.zfill(8)
    return text


def is_company_number(value: str) -> bool:
    return bool(COMPANY_NUMBER.match(value))


def normalise_postcode(value: str) -> str:
    """'pr12he' → 'PR1 2HE'; anything that is not a full postcode comes back uppercased without spaces."""
    text = re.sub(r"\s+", "", str(value or "")).upper()
    match = POSTCODE.match(text)
    return f"{match.group(1)} {match.group(2)}" if match else text


def is_postcode(value: str) -> bool:
    return bool(POSTCODE.match(re.sub(r"\s+", "", value or "").upper()))


def normalise_email(value: str) -> str:
    return str(value or "").strip().lower()


@dataclass
class ApplicationAnswers:
    """Everything needed to create a business, its leader and their application."""

    business_name: str
    trading_since: dt.date
    employees: int
    turnover_pence: int
    postcode: str
    district: District | None
    leader_name: str
    email: str
    company_number: str = ""
    legal_form: str = "limited_company"
    sic: str = ""
    ownership: list[str] = field(default_factory=list)
    leader_role: str = ""
    phone: str = ""
    gender: str = ""
    age_band: str = ""
    ethnicity: str = ""
    disability: str = ""
    themes: list = field(default_factory=list)
    challenge: str = ""
    mode: str = "either"
    slots: list[str] = field(default_factory=list)
    organisation: str = ""
    subsidy_within_threshold: bool | None = None
    subsidy_prior_assistance_pence: int | None = None
    privacy_notice_version: str = ""
