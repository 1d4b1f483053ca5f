"""Bank holidays of England and Wales, checked against dates worked out by hand from the
calendar and the proclamations (gov.uk/bank-holidays lists the same days)."""

import datetime as dt

import pytest

from yjhub.reference.bank_holidays import bank_holidays, bank_holidays_between, easter_sunday

D = dt.date


def days(year):
    return [d for d, _ in bank_holidays(year)]


def test_2006_an_ordinary_year_with_new_year_on_a_sunday():
    assert days(2006) == [D(2006, 1, 2), D(2006, 4, 14), D(2006, 4, 17), D(2006, 5, 1),
                          D(2006, 5, 29), D(2006, 8, 28), D(2006, 12, 25), D(2006, 12, 26)]


def test_2020_early_may_moved_to_ve_day():
    assert D(2020, 5, 8) in days(2020)
    assert D(2020, 5, 4) not in days(2020)
    assert D(2020, 12, 28) in days(2020)  # Boxing Day was a Saturday


def test_2021_christmas_and_boxing_day_at_the_weekend():
    assert days(2021)[-2:] == [D(2021, 12, 27), D(2021, 12, 28)]
    names = dict(bank_holidays(2021))
    assert names[D(2021, 12, 27)] == "Christmas Day (substitute day)"


def test_2022_platinum_jubilee_and_state_funeral():
    assert days(2022) == [D(2022, 1, 3), D(2022, 4, 15), D(2022, 4, 18), D(2022, 5, 2),
                          D(2022, 6, 2), D(2022, 6, 3), D(2022, 8, 29), D(2022, 9, 19),
                          D(2022, 12, 26), D(2022, 12, 27)]
    assert D(2022, 5, 30) not in days(2022)  # the spring bank holiday moved to 2 June


def test_christmas_on_a_sunday_keeps_boxing_day_on_monday():
    names = dict(bank_holidays(2016))
    assert names[D(2016, 12, 26)] == "Boxing Day"
    assert names[D(2016, 12, 27)] == "Christmas Day (substitute day)"


def test_2023_coronation():
    assert D(2023, 5, 8) in days(2023)
    assert len(days(2023)) == 9


@pytest.mark.parametrize("year, extra, spring", [
    (2002, D(2002, 6, 3), D(2002, 6, 4)),
    (2012, D(2012, 6, 5), D(2012, 6, 4)),
])
def test_jubilees_move_the_spring_bank_holiday(year, extra, spring):
    assert extra in days(year) and spring in days(year)
    assert D(year, 5, 27 if year == 2002 else 28) not in days(year)


def test_2011_royal_wedding():
    assert D(2011, 4, 29) in days(2011)
    assert D(2011, 1, 3) in days(2011)  # New Year's Day was a Saturday


@pytest.mark.parametrize("year, sunday", [(2008, D(2008, 3, 23)), (2011, D(2011, 4, 24)),
                                          (2019, D(2019, 4, 21)), (2024, D(2024, 3, 31)),
                                          (2025, D(2025, 4, 20))])
def test_easter(year, sunday):
    assert easter_sunday(year) == sunday


def test_every_year_has_eight_days_unless_proclaimed_otherwise():
    for year, count in {2015: 8, 2016: 8, 2019: 8, 2024: 8, 2025: 8, 2011: 9, 2012: 9,
                        2022: 10}.items():
        assert len(days(year)) == count, year
    span = bank_holidays_between(2016, 2017)
    assert len(span) == 16 and span == sorted(span)
    assert all(d.weekday() < 5 for d, _ in bank_holidays_between(1990, 2040))
