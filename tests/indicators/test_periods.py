import datetime as dt

import pytest

from yjhub.indicators.periods import (
    financial_quarter,
    financial_year,
    parse_period,
    rolling_year,
)

D = dt.date


def test_a_financial_year_runs_april_to_march():
    year = financial_year(2024)
    assert (year.start, year.end, year.label) == (D(2024, 4, 1), D(2025, 3, 31), "2024-25")


@pytest.mark.parametrize("text", ["2024-25", "2024/25", "2024/2025", " 2024 - 25 "])
def test_financial_years_are_written_several_ways(text):
    assert parse_period(text) == financial_year(2024)


def test_quarter_one_is_april_to_june_and_quarter_four_is_in_the_next_calendar_year():
    assert financial_quarter(2024, 1).start == D(2024, 4, 1)
    assert financial_quarter(2024, 1).end == D(2024, 6, 30)
    assert parse_period("2024-25 Q3") == financial_quarter(2024, 3)
    assert (financial_quarter(2024, 3).start, financial_quarter(2024, 3).end) == (
        D(2024, 10, 1), D(2024, 12, 31))
    assert (financial_quarter(2024, 4).start, financial_quarter(2024, 4).end) == (
        D(2025, 1, 1), D(2025, 3, 31))


def test_the_period_before():
    assert financial_year(2024).previous() == financial_year(2023)
    assert financial_quarter(2024, 1).previous() == financial_quarter(2023, 4)
    assert financial_quarter(2024, 3).previous() == financial_quarter(2024, 2)


def test_rolling_year_ends_on_the_given_day():
    assert rolling_year(D(2024, 12, 31)).start == D(2024, 1, 1)
    assert rolling_year(D(2024, 2, 28)).start == D(2023, 3, 1)  # 2024-02-29 is in it
    assert rolling_year(D(2023, 9, 30)).start == D(2022, 10, 1)


@pytest.mark.parametrize("text", ["2024-26", "2024", "24-25", "2024-25 Q5", "next year"])
def test_bad_periods_are_refused_with_a_message(text):
    with pytest.raises(ValueError, match="financial year|second year"):
        parse_period(text)


def test_membership_is_inclusive_at_both_ends():
    year = financial_year(2024)
    assert D(2024, 4, 1) in year and D(2025, 3, 31) in year and D(2025, 4, 1) not in year
