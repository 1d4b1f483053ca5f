"""Bank holidays of England and Wales, worked out by rule plus the one-off changes.

The rules (Banking and Financial Dealings Act 1971 and the royal proclamations made under it):
New Year's Day, Good Friday, Easter Monday, the early May bank holiday (first Monday in May,
from 1978), the spring bank holiday (last Monday in May), the summer bank holiday (last Monday
in August), Christmas Day and Boxing Day. When New Year's Day, Christmas Day or Boxing Day falls
at a weekend the next weekday that is not already a holiday is the substitute day.

One-off changes are listed in ``_SPECIAL`` (moved days and extra days).
"""

from __future__ import annotations

import datetime as dt

NEW_YEAR = "New Year's Day"
GOOD_FRIDAY = "Good Friday"
EASTER_MONDAY = "Easter Monday"
EARLY_MAY = "Early May bank holiday"
SPRING = "Spring bank holiday"
SUMMER = "Summer bank holiday"
CHRISTMAS = "Christmas Day"
BOXING_DAY = "Boxing Day"

# year -> (moved: {rule name: new date}, extra: [(date, name)])
_SPECIAL: dict[int, tuple[dict[str, dt.date], list[tuple[dt.date, str]]]] = {
    1995: ({EARLY_MAY: dt.date(1995, 5, 8)}, []),  # VE day 50th anniversary
    1999: ({}, [(dt.date(1999, 12, 31), "Millennium celebrations")]),
    2002: ({SPRING: dt.date(2002, 6, 4)}, [(dt.date(2002, 6, 3), "Golden Jubilee")]),
    2011: ({}, [(dt.date(2011, 4, 29), "Royal wedding")]),
    2012: ({SPRING: dt.date(2012, 6, 4)}, [(dt.date(2012, 6, 5), "Diamond Jubilee")]),
    2020: ({EARLY_MAY: dt.date(2020, 5, 8)}, []),  # VE day 75th anniversary
    2022: (
        {SPRING: dt.date(2022, 6, 2)},
        [
            (dt.date(2022, 6, 3), "Platinum Jubilee"),
            (dt.date(2022, 9, 19), "State funeral of Queen Elizabeth II"),
        ],
    ),
    2023: ({}, [(dt.date(2023, 5, 8), "Coronation of King Charles III")]),
}


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _first_monday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=last.weekday())


def _substitute(day: dt.date, taken: set[dt.date]) -> dt.date:
    """The day itself if a weekday, else the next weekday that is not already a holiday."""
    if day.weekday() < 5:
        return day
    while day.weekday() >= 5 or day in taken:
        day += dt.timedelta(days=1)
    return day


def bank_holidays(year: int) -> list[tuple[dt.date, str]]:
    """The bank holidays of England and Wales in a year, in date order, as (date, name)."""
    if year < 1971:
        raise ValueError("bank holidays are computed from 1971, when the 1971 Act took effect")
    easter = easter_sunday(year)
    rules: dict[str, dt.date] = {
        GOOD_FRIDAY: easter - dt.timedelta(days=2),
        EASTER_MONDAY: easter + dt.timedelta(days=1),
        SPRING: _last_monday(year, 5),
        SUMMER: _last_monday(year, 8),
    }
    if year >= 1978:
        rules[EARLY_MAY] = _first_monday(year, 5)
    moved, extra = _SPECIAL.get(year, ({}, []))
    rules.update(moved)
    taken = set(rules.values())
    new_year = _substitute(dt.date(year, 1, 1), taken)
    taken.add(new_year)
    boxing_day = dt.date(year, 12, 26)
    if boxing_day.weekday() < 5:  # Boxing Day keeps its own day; Christmas moves past it
        taken.add(boxing_day)
    christmas = _substitute(dt.date(year, 12, 25), taken)
    taken.add(christmas)
    boxing = _substitute(boxing_day, taken - {boxing_day})
    days = [
        (new_year, NEW_YEAR if new_year.day == 1 else f"{NEW_YEAR} (substitute day)"),
        *((d, name) for name, d in rules.items()),
        (christmas, CHRISTMAS if christmas.day == 25 else f"{CHRISTMAS} (substitute day)"),
        (boxing, BOXING_DAY if boxing.day == 26 else f"{BOXING_DAY} (substitute day)"),
        *extra,
    ]
    return sorted(days)


def bank_holidays_between(first_year: int, last_year: int) -> list[tuple[dt.date, str]]:
    """Every bank holiday from 1 January of ``first_year`` to 31 December of ``last_year``."""
    return [h for year in range(first_year, last_year + 1) for h in bank_holidays(year)]
