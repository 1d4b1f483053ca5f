"""How each indicator's rows are worked out: one small Ibis function per indicator.

A definition takes a :class:`Context` (the canonical tables, the periods asked for, the
indicator's parameters) and returns one row per thing counted (a child in a period, an
episode, a report, a victim...) with these columns:

- ``period``: the label of the period the row falls in (a row can fall in a quarter and in
  the year that holds it);
- ``service_id``;
- ``child_id`` and ``event_date`` for rows about a child (null otherwise): the engine finds
  the child's sex, ethnic group, age on ``event_date`` and team on ``event_date`` from them;
- ``disposal`` and any other breakdown the indicator offers;
- the integer columns its measures add up (``numerator.column``, ``denominator.column``).

Nothing here imports Django: the same expression runs on DuckDB, SQLite, PostgreSQL and
Spark. Read a definition top to bottom as the rule it implements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

import ibis

from yjhub.indicators import dates
from yjhub.indicators.periods import Period

DEFINITIONS: dict[str, Callable] = {}
FAMILY_MODULES = ("headline", "reoffending", "kpi2023", "yjb2006", "yjb2006_support")


def definition(indicator_id: str):
    """Register the function that works out ``indicator_id``'s rows."""

    def register(function: Callable) -> Callable:
        if indicator_id in DEFINITIONS:
            raise ValueError(f"{indicator_id} is defined twice")
        DEFINITIONS[indicator_id] = function
        return function

    return register


def definitions() -> dict[str, Callable]:
    for module in FAMILY_MODULES:
        import_module(f"yjhub.indicators.definitions.{module}")
    return DEFINITIONS


@dataclass
class Context:
    """What a definition reads: the tables, the periods and the indicator's parameters."""

    source: object  # yjhub.indicators.source.Source
    periods: list[Period]
    as_of: dt.date
    parameters: dict = field(default_factory=dict)
    _calendar: ibis.Table | None = None

    def table(self, name: str) -> ibis.Table:
        return self.source.table(name)

    def __getattr__(self, name: str) -> ibis.Table:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.source.table(name)

    def stage(self, table: ibis.Table) -> ibis.Table:
        """A point where SQLite may compute the rows so far into a temporary table."""
        return self.source.stage(table)

    def param(self, name: str, default=None):
        return self.parameters.get(name, default)

    def periods_table(self, *, years_before: int = 0) -> ibis.Table:
        """The periods as a table: ``period``, ``start_key``, ``end_key`` (YYYYMMDD, both
        inclusive). ``years_before`` widens each period back to pool earlier years."""
        return ibis.memtable({
            "period": [p.label for p in self.periods],
            "start_key": [dates.key_of(p.start) - 10000 * years_before for p in self.periods],
            "end_key": [dates.key_of(p.end) for p in self.periods],
        })

    def in_periods(self, table: ibis.Table, date_key, *, years_before: int = 0) -> ibis.Table:
        """``table`` joined to every period whose days include ``date_key`` (an integer
        YYYYMMDD column or expression): one row per (row, period)."""
        keyed = table.mutate(_day_key=date_key)
        periods = self.periods_table(years_before=years_before)
        joined = keyed.join(periods, (keyed._day_key >= periods.start_key)
                            & (keyed._day_key <= periods.end_key))
        return joined.drop("_day_key", "start_key", "end_key")

    def calendar(self) -> ibis.Table:
        """The working-day calendar built from the source's bank holidays."""
        if self._calendar is None:
            holidays = self.source.fetch(self.table("bank_holiday").select("holiday_date"))
            days = [d for d in holidays.column("holiday_date").to_pylist() if d is not None]
            if not days:  # a source without the table: use the rules of England and Wales
                from yjhub.reference.bank_holidays import bank_holidays_between

                days = [day for day, _ in bank_holidays_between(dates.CALENDAR_FIRST.year,
                                                                dates.CALENDAR_LAST.year)]
            self._calendar = ibis.memtable(dates.calendar(days))
        return self._calendar


def flag(condition) -> ibis.Value:
    """1 where ``condition`` holds, else 0 (null counts as 0)."""
    return condition.fill_null(False).ifelse(1, 0).cast("int64")


def one() -> ibis.Value:
    return ibis.literal(1, "int64")


def zero() -> ibis.Value:
    return ibis.literal(0, "int64")
