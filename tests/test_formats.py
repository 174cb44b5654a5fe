import datetime as dt
from zoneinfo import ZoneInfo

from peernet.formats import long_date, money


def test_money_shows_whole_pounds_with_commas():
    assert money(43_200_000) == "£432,000"


def test_money_shows_pence_only_when_there_are_some():
    assert money(1_500_050) == "£15,000.50"


def test_money_shows_a_negative_amount_with_its_sign():
    assert money(-250) == "-£2.50"


def test_long_date_is_day_month_year():
    assert long_date(dt.date(2026, 11, 22)) == "22 November 2026"


def test_long_date_reads_a_datetime_in_london():
    late_utc_in_summer = dt.datetime(2026, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC"))

    assert long_date(late_utc_in_summer) == "1 July 2026"
