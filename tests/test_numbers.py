import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from peernet.numbers import MAX_PENCE, pence, whole_number


def employees(text: str) -> int:
    return whole_number(text, name="the number of employees", example="12", most=1_000_000)


def turnover(text: str) -> int:
    return pence(text, name="the turnover", example="250000")


def refusal(parse, text: str) -> tuple[str, str]:
    with pytest.raises(ValidationError) as refused:
        parse(text)
    return refused.value.code, refused.value.message


@pytest.mark.parametrize(
    ("text", "number"),
    [("12", 12), (" 1,200 ", 1200), ("12.0", 12), ("0", 0), ("-0", 0), ("007", 7), ("1\u00a0000", 1000)],
)
def test_whole_number_reads_what_people_and_spreadsheets_write(text, number):
    assert employees(text) == number


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("", "required", "Enter the number of employees, like 12"),
        ("twelve", "invalid", "Enter the number of employees as a whole number, like 12"),
        ("12.5", "invalid", "Enter the number of employees as a whole number, like 12"),
        ("£12", "invalid", "Enter the number of employees as a whole number, like 12"),
        ("-3", "negative", "The number of employees cannot be negative; enter 0 or more"),
        ("1000001", "too_large", "The number of employees must be 1,000,000 or less"),
        ("9" * 5000, "too_large", "The number of employees must be 1,000,000 or less"),
    ],
)
def test_whole_number_refuses_with_what_to_do(text, code, message):
    assert refusal(employees, text) == (code, message)


@pytest.mark.parametrize("text", ["²", "1²", "١٢", "１２", "१२"])
def test_whole_number_refuses_digits_other_than_0_to_9(text):
    assert refusal(employees, text) == (
        "digits",
        "Enter the number of employees using the digits 0 to 9, like 12",
    )


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("£100,000", 10_000_000),
        ("100000.50", 10_000_050),
        ("100000.5", 10_000_050),
        ("£0.99", 99),
        (".5", 50),
        ("450000.0", 45_000_000),
        ("12.500", 1250),
        ("-£0", 0),
    ],
)
def test_pence_reads_pounds_as_typed(text, amount):
    assert turnover(text) == amount


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("", "required", "Enter the turnover in pounds, like 250000"),
        ("lots", "invalid", "Enter the turnover in pounds, like 250000"),
        (".", "invalid", "Enter the turnover in pounds, like 250000"),
        ("1e5", "invalid", "Enter the turnover in pounds, like 250000"),
        ("10.005", "fraction", "Enter the turnover to the nearest penny, like 250000.50"),
        ("-5", "negative", "The turnover cannot be negative; enter 0 or more"),
        ("-£0.01", "negative", "The turnover cannot be negative; enter 0 or more"),
        ("100000000000.01", "too_large", "The turnover must be £100,000,000,000 or less"),
        ("£١٠٠", "digits", "Enter the turnover using the digits 0 to 9, like 250000"),
        ("²", "digits", "Enter the turnover using the digits 0 to 9, like 250000"),
    ],
)
def test_pence_refuses_with_what_to_do(text, code, message):
    assert refusal(turnover, text) == (code, message)


def test_pence_takes_the_largest_amount_allowed():
    assert turnover("£100,000,000,000") == MAX_PENCE


@given(st.text(max_size=40))
def test_parsers_give_a_number_or_a_refusal_for_any_text(text):
    for parse in (employees, turnover):
        try:
            value = parse(text)
        except ValidationError as refused:
            assert refused.message
        else:
            assert isinstance(value, int) and value >= 0
