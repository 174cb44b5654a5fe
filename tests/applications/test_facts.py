"""Business facts are checked once: the public form and the import refuse an answer in the same words."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from peernet.applications import apply_forms, facts, imports
from tests.applications.test_import import good_row

TODAY = dt.date(2026, 11, 22)


def import_errors(round_3, **cells) -> list[tuple[str, str]]:
    context = imports.Context.for_round(round_3, today=TODAY)
    parsed, errors = imports.parse_row(2, good_row(1, **cells), context)
    assert parsed is None
    return [(e.column, e.message) for e in errors]


def form_errors(form_class, round_3, **data) -> dict[str, list[str]]:
    form = form_class(data, round=round_3)
    assert not form.is_valid()
    return dict(form.errors)


SAME_WORDS = [
    (
        apply_forms.SizeForm,
        {"employees": "١٢", "turnover": "1000"},
        "employees",
        "Enter the number of employees using the digits 0 to 9, like 12",
    ),
    (
        apply_forms.SizeForm,
        {"employees": "12.5", "turnover": "1000"},
        "employees",
        "Enter the number of employees as a whole number, like 12",
    ),
    (
        apply_forms.SizeForm,
        {"employees": "12", "turnover": "-5"},
        "turnover",
        "The turnover cannot be negative; enter 0 or more",
    ),
    (
        apply_forms.LocationForm,
        {"postcode": "PR1", "district": "outside"},
        "postcode",
        "Enter a full UK postcode, like PR1 2HE",
    ),
    (
        apply_forms.LeaderForm,
        {"leader_name": "A", "leader_role": "B", "email": "a@example.com", "phone": "call me"},
        "phone",
        "Enter a phone number, like 01772 123456 or +44 7700 900123",
    ),
    (
        apply_forms.LeaderForm,
        {"leader_name": "A", "leader_role": "B", "email": "not-an-email", "phone": "01772 123456"},
        "email",
        "Enter an email address in the correct format, like name@example.com",
    ),
]


@pytest.mark.parametrize(("form_class", "data", "field", "message"), SAME_WORDS)
@pytest.mark.django_db
def test_public_form_and_import_refuse_an_answer_in_the_same_words(round_3, form_class, data, field, message):
    assert form_errors(form_class, round_3, **data)[field] == [message]
    assert import_errors(round_3, **{field: data[field]}) == [(field, message)]


@pytest.mark.django_db
def test_a_limited_company_needs_its_number_on_the_form_and_in_the_import(round_3):
    message = "Enter the business's Companies House number, like 01234567"
    business = {
        "business_name": "Ribble Valley Joinery Ltd",
        "legal_form": "limited_company",
        "company_number": "",
        "trading_day": "1",
        "trading_month": "4",
        "trading_year": "2015",
    }

    assert form_errors(apply_forms.BusinessForm, round_3, **business) == {"company_number": [message]}
    assert import_errors(round_3, legal_form="limited company", company_number="") == [
        ("company_number", message)
    ]


@pytest.mark.django_db
def test_the_start_of_trading_is_checked_alike_from_three_boxes_and_from_a_cell(round_3):
    future = "The date the business started trading must be today or in the past"
    too_early = "Enter the year the business started trading, like 2019; it must be 1800 or later"

    assert import_errors(round_3, trading_since="2999-01-01") == [("trading_since", future)]
    assert import_errors(round_3, trading_since="1750-01-01") == [("trading_since", too_early)]
    with pytest.raises(ValidationError, match=future):
        facts.trading_since_from_boxes("1", "1", "2999", today=TODAY)
    with pytest.raises(ValidationError, match=too_early):
        facts.trading_since_from_boxes("1", "1", "19", today=TODAY)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date the business started trading, like 27 3 2019"),
        ("31", "2", "2020", "The date the business started trading must be a real date, like 27 3 2019"),
        ("1", "", "2020", "The date the business started trading must be a real date, like 27 3 2019"),
        ("1", "4", "2015.5", "The date the business started trading must be a real date, like 27 3 2019"),
        (
            "1",
            "4",
            "٢٠١٥",
            "Enter the date the business started trading using the digits 0 to 9, like 27 3 2019",
        ),
        (
            "²",
            "4",
            "2015",
            "Enter the date the business started trading using the digits 0 to 9, like 27 3 2019",
        ),
    ],
)
def test_trading_since_from_boxes_says_what_to_do(day, month, year, message):
    with pytest.raises(ValidationError) as refused:
        facts.trading_since_from_boxes(day, month, year, today=TODAY)

    assert refused.value.messages == [message]


def test_trading_since_from_boxes_reads_a_real_date():
    assert facts.trading_since_from_boxes(" 27 ", "03", "2019", today=TODAY) == dt.date(2019, 3, 27)


@pytest.mark.parametrize("text", ["٢٠١٩-٠٣-٢٧", "2019-03-2²"])
def test_trading_since_from_a_cell_refuses_other_digits(text):
    with pytest.raises(ValidationError) as refused:
        facts.trading_since_from_iso(text, today=TODAY)

    assert refused.value.messages == [
        "Enter the date the business started trading using the digits 0 to 9, like 2019-03-27"
    ]


@pytest.mark.parametrize(
    ("clean", "text"),
    [(facts.company_number, "١٢٣٤٥٦٧٨"), (facts.postcode, "PR١ 2HE"), (facts.sic, "٦٢٠٢٠")],
)
def test_codes_written_in_other_digits_are_refused(clean, text):
    with pytest.raises(ValidationError):
        clean(text)


@pytest.mark.django_db
def test_import_takes_a_turnover_in_pounds_and_pence(round_3):
    context = imports.Context.for_round(round_3, today=TODAY)

    parsed, errors = imports.parse_row(2, good_row(1, turnover="£450,000.50"), context)

    assert errors == []
    assert parsed.answers.turnover_pence == 45_000_050


OTHER_DIGITS = {
    "company_number": ["０１２３４５６７", "١٢٣٤٥٦٧٨", "SC१२३४५६", "0123456７"],
    "sic": ["６２０２０", "٦٢٠٢٠", "١١١٠", "6202²"],
    "postcode": ["PR１ ２HE", "PR١ ٢HE", "ＰＲ１ ２ＨＥ"],
}
CODES = {
    "company_number": (
        apply_forms.BusinessForm,
        {
            "business_name": "Ribble Valley Joinery Ltd",
            "legal_form": "limited_company",
            "trading_day": "1",
            "trading_month": "4",
            "trading_year": "2015",
        },
        "Enter the Companies House number in the right format, like 01234567 or SC123456",
        "Enter the Companies House number in the right format, like 01234567 or SC123456",
    ),
    "sic": (
        apply_forms.SectorForm,
        {},
        "Choose what your business does from the list, or search again",
        "Enter a SIC 2007 code of 5 digits, like 62020",
    ),
    "postcode": (
        apply_forms.LocationForm,
        {"district": "outside"},
        "Enter a full UK postcode, like PR1 2HE",
        "Enter a full UK postcode, like PR1 2HE",
    ),
}


@pytest.mark.parametrize(
    ("field", "code"), [(field, code) for field, codes in OTHER_DIGITS.items() for code in codes]
)
@pytest.mark.django_db
def test_public_form_and_import_refuse_codes_written_in_other_digits(round_3, field, code):
    form_class, data, on_the_form, in_the_import = CODES[field]

    assert form_errors(form_class, round_3, **data, **{field: code}) == {field: [on_the_form]}
    assert import_errors(round_3, **{field: code}) == [(field, in_the_import)]
