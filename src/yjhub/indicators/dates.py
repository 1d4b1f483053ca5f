"""Date arithmetic that runs the same on every engine.

SQLite (3.40, as Debian ships it) cannot add months to a date, so windows are compared as
integer day keys, YYYYMMDD: ``key(d) = 10000 × year + 100 × month + day``. A window of n
months from date d covers the days whose key is below ``months_later(d, n)``; when that day
does not exist (31 August + 6 months = "31 February") every real day before it still
compares correctly, so the window ends on the last day of the shorter month.

Working days skip weekends and the bank holidays of England and Wales. They are counted with
a calendar table (one row per day, with the number of working days up to and including it)
built from the source's ``bank_holiday`` table: each date is looked up once
(:func:`with_working_days`) and a clock is the difference of two counts.
"""

from __future__ import annotations

import datetime as dt

import ibis
import pyarrow as pa

FAR_FUTURE = 99991231
CALENDAR_FIRST = dt.date(1995, 1, 1)
CALENDAR_LAST = dt.date(2045, 12, 31)


def key(date) -> ibis.Value:
    """The YYYYMMDD integer of a date column."""
    return date.year() * 10000 + date.month() * 100 + date.day()


def key_of(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def months_later(date, months: int) -> ibis.Value:
    """The key of the day ``months`` months after ``date`` (the end of an n-month window,
    exclusive)."""
    total = date.year() * 12 + (date.month() - 1) + months
    return (total // 12) * 10000 + (total % 12 + 1) * 100 + date.day()


def months_later_key(date_key, months: int) -> ibis.Value:
    """As ``months_later``, from a key column."""
    year, month, day = date_key // 10000, (date_key // 100) % 100, date_key % 100
    total = year * 12 + (month - 1) + months
    return (total // 12) * 10000 + (total % 12 + 1) * 100 + day


def month_key(date) -> ibis.Value:
    """A day as (months since year 0) × 100 + day: ordered like the date, and the day n
    months later is ``month_key + 100 × n`` (a window end, exclusive, as ``months_later``)."""
    return (date.year() * 12 + date.month() - 1) * 100 + date.day()


def age_on(date_of_birth, date) -> ibis.Value:
    """Age in whole years on ``date``: a birthday on the date counts."""
    return (key(date) - key(date_of_birth)) // 10000


def days(date) -> ibis.Value:
    """Days since 1970-01-01, for day-count windows."""
    return date.epoch_days()


def financial_quarter_key(date) -> ibis.Value:
    """The YYYYMM key of the first month of the financial quarter holding ``date``
    (April-June, July-September, October-December, January-March)."""
    first_month = (date.quarter().cast("int64") - 1) * 3 + 1  # (SQLite's quarter: a fraction)
    return date.year() * 100 + first_month


def calendar(holidays: list[dt.date]) -> pa.Table:
    """One row per day from 1995 to 2045: its key and the number of working days up to and
    including it (weekends and the given holidays are not working days)."""
    holiday_set = set(holidays)
    keys, counts = [], []
    count = 0
    day = CALENDAR_FIRST
    step = dt.timedelta(days=1)
    while day <= CALENDAR_LAST:
        if day.weekday() < 5 and day not in holiday_set:
            count += 1
        keys.append(key_of(day))
        counts.append(count)
        day += step
    return pa.table({"day_key": pa.array(keys, pa.int64()),
                     "working_days": pa.array(counts, pa.int64())})


def with_working_days(calendar_table: ibis.Table, table: ibis.Table,
                      **columns: str) -> ibis.Table:
    """``table`` with, for each ``name=date_column``, a column ``name``: the calendar's
    working days up to and including that date (null when the date is missing). A clock is
    the difference of two of them: a report requested on Friday and submitted on Monday took
    ``monday - friday`` = 1 working day. One lookup per date, however many clocks use it."""
    for name, column in columns.items():
        lookup = calendar_table.select(**{f"{name}__day": "day_key", name: "working_days"})
        keyed = table.mutate(**{f"{name}__key": key(table[column])})
        joined = keyed.left_join(lookup, keyed[f"{name}__key"] == lookup[f"{name}__day"])
        table = joined.select(*table.columns, name)
    return table


def working_days_on(calendar_table: pa.Table, day: dt.date) -> int | None:
    """The working days up to and including ``day`` in a :func:`calendar` table (None
    outside it): the count a clock still running on ``day`` is measured to."""
    index = (day - CALENDAR_FIRST).days
    if not 0 <= index < calendar_table.num_rows:
        return None
    return calendar_table.column("working_days")[index].as_py()
