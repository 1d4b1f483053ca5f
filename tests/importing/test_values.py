import datetime as dt
import decimal
import re

import pytest

from yjhub.importing.values import (
    Invalid,
    as_text,
    full_year,
    parse_boolean,
    parse_date,
    parse_integer,
    printable,
)

D = dt.date(2006, 4, 26)


@pytest.mark.parametrize("text", [
    "2006-04-26", "26/04/2006", "26/4/06", "26.4.06", "26-04-2006", "26 Apr 2006",
    "26 April 2006", "26-Apr-2006", "  26/04/2006 ", "26/04/2006 00:00", "2006-04-26T00:00:00",
    "20060426", "38833", "38833.0", 38833, 38833.0, dt.datetime(2006, 4, 26, 0, 0), D,
])
def test_dates_read_day_first(text):
    assert parse_date(text) == D


def test_day_first_not_month_first():
    assert parse_date("03/04/2010") == dt.date(2010, 4, 3)


@pytest.mark.parametrize("text,reason", [
    ("31/02/2009", "not a real date (day/month/year)"),
    ("2009-13-01", "not a real date (day/month/year)"),
    ("soon", "not a date: expected day/month/year"),
    ("26 Foo 2006", "not a month"),
    ("38833.5", "not a date"),
])
def test_bad_dates(text, reason):
    with pytest.raises(Invalid, match=re.escape(reason)):
        parse_date(text)


def test_two_digit_years_pivot_on_next_year():
    today = dt.date(2025, 6, 1)
    assert full_year(26, today=today) == 2026  # next year: still 20yy
    assert full_year(27, today=today) == 1927
    assert full_year(6, today=today) == 2006
    assert full_year(99, today=today) == 1999


def test_mapping_date_format_is_strict_but_iso_still_reads():
    assert parse_date("04/26/2006", date_format="%m/%d/%Y") == D
    assert parse_date("2006-04-26", date_format="%m/%d/%Y") == D
    with pytest.raises(Invalid, match="mapping's format"):
        parse_date("26/04/2006", date_format="%m/%d/%Y")


@pytest.mark.parametrize("value,expected", [
    ("1,234", 1234), ("14.0", 14), (14.0, 14), (" 7 ", 7), ("-3", -3),
    (decimal.Decimal("5.00"), 5), ("1 234", 1234),
])
def test_integers(value, expected):
    assert parse_integer(value) == expected


@pytest.mark.parametrize("value,reason", [
    ("14.5", "not a whole number"), ("abc", "not a whole number"), (True, "not a whole number"),
    (float("nan"), "not a whole number"), ("9", "between 1 and 8"),
    ("99999999999", "or less"),
])
def test_bad_integers(value, reason):
    with pytest.raises(Invalid, match=reason):
        parse_integer(value, minimum=1 if value == "9" else None,
                      maximum=8 if value == "9" else None)


@pytest.mark.parametrize("value", ["Y", "yes", "TRUE", "t", "1", 1, True, 1.0])
def test_true(value):
    assert parse_boolean(value) is True


@pytest.mark.parametrize("value", ["N", "No", "false", "F", "0", 0, False])
def test_false(value):
    assert parse_boolean(value) is False


def test_not_boolean():
    with pytest.raises(Invalid, match="not yes or no"):
        parse_boolean("maybe")


def test_as_text_drops_excel_point_zero():
    assert as_text(1234.0) == "1234"
    assert as_text(12.5) == "12.5"
    assert as_text(dt.datetime(2006, 4, 26)) == "2006-04-26"


def test_printable_shows_unreadable_bytes():
    assert printable("a\udc81b\x00") == "a\\x81b\\x00"
