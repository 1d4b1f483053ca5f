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
import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from importlib import import_module

import ibis
import pyarrow as pa

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


def shared_step(function: Callable) -> Callable:
    """Marks a step several definitions read (a function of the context and keyword
    arguments that returns :meth:`Context.share` of its rows): it is built once per source,
    periods, as-of date and arguments, and every later call returns the same table without
    building it again. Such a step reads no indicator parameters (it is given none: pass
    what it needs as arguments) and leaves the context as it was (no
    :meth:`Context.in_windows`, no working days)."""

    @functools.wraps(function)
    def step(c: Context, **arguments):
        key = ("step", function.__module__, function.__qualname__, tuple(c.periods), c.as_of,
               tuple(sorted(arguments.items())))

        def build():
            own = replace(c, parameters={})
            table = function(own, **arguments)
            if own.windows is not None or own.reads_calendar:
                raise ValueError(f"{function.__qualname__} is a shared step: it cannot place "
                                 f"rows by window or count working days")
            return table

        return c.source.memo(key, build)

    return step


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
    #: set by in_windows when rows are placed by quarter: each period's quarters, for the
    #: engine to pool them
    windows: ibis.Table | None = None
    #: set when the definition counts working days (it reads the bank holidays)
    reads_calendar: bool = False

    def table(self, name: str) -> ibis.Table:
        return self.source.table(name)

    def __getattr__(self, name: str) -> ibis.Table:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.source.table(name)

    def only(self, periods: list[Period]) -> Context:
        """The same context for some of its periods."""
        return replace(self, periods=list(periods))

    def stage(self, table: ibis.Table) -> ibis.Table:
        """A point where SQLite computes the rows so far into a temporary table, to keep its
        parser within its nesting limit (elsewhere nothing happens)."""
        return self.source.stage(table)

    def share(self, table: ibis.Table) -> ibis.Table:
        """A step several definitions use (the children whose programme ended, the quarterly
        cohorts): computed once into a temporary table on DuckDB and SQLite, and reused by
        any definition that builds an equal step over the same tables and periods."""
        return self.source.share(table)

    def param(self, name: str, default=None):
        return self.parameters.get(name, default)

    def periods_table(self, *, years_before: int = 0,
                      only: list[Period] | None = None) -> ibis.Table:
        """The periods as a table: ``period``, ``start_key``, ``end_key`` (YYYYMMDD, both
        inclusive). ``years_before`` widens each period back to pool earlier years. The same
        periods give the same table, so equal steps of different definitions are equal
        expressions (and a shared step is computed once)."""
        rows = tuple((p.label, dates.key_of(p.start) - 10000 * years_before, dates.key_of(p.end))
                     for p in (only or self.periods))
        return self.source.memo(("periods", rows), lambda: ibis.memtable({
            "period": [r[0] for r in rows], "start_key": [r[1] for r in rows],
            "end_key": [r[2] for r in rows]}))

    def in_periods(self, table: ibis.Table, when, *, years_before: int = 0) -> ibis.Table:
        """``table`` joined to every period whose days include ``when`` (a date column or
        expression, or an integer YYYYMMDD key): one row per (row, period). Rows whose
        ``when`` is outside every period (or null) are dropped first.

        Financial years and quarters, widened back or not, are whole financial quarters: a
        row is matched to them by equality on its quarter's code (first year × 10 +
        quarter), which every engine does with a hash join; other periods (rolling years)
        by a range join."""
        table = table.filter(self._within(when, years_before))
        covered = {p.label: _quarter_codes(p, years_before) for p in self.periods}
        standard = tuple((label, code) for label, codes in covered.items() if codes
                         for code in codes)
        others = [p for p in self.periods if not covered[p.label]]
        parts = []
        if standard:
            coded = table.mutate(_quarter_code=quarter_code(when))
            codes = self.source.memo(("period codes", standard), lambda: ibis.memtable(
                {"period": [r[0] for r in standard], "_code": [r[1] for r in standard]}))
            joined = coded.join(codes, coded._quarter_code == codes._code)
            parts.append(joined.select(*table.columns, "period"))
        if others:
            keyed = table.mutate(_day_key=_as_key(when))
            periods = self.periods_table(years_before=years_before, only=others)
            joined = keyed.join(periods, (keyed._day_key >= periods.start_key)
                                & (keyed._day_key <= periods.end_key))
            parts.append(joined.drop("start_key", "end_key", "_day_key"))
        out = parts[0]
        for part in parts[1:]:
            out = out.union(part)
        return self.stage(out)

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """The first day of the earliest period and the last day of the latest."""
        return min(p.start for p in self.periods), max(p.end for p in self.periods)

    def _within(self, when, years_before: int) -> ibis.Value:
        """Whether ``when`` (a date or a YYYYMMDD key) falls in :attr:`span`, its start
        widened back ``years_before`` years."""
        first, last = self.span
        # (28 February for a 29th: this only drops rows, and a day earlier drops none that
        # count)
        first = first.replace(year=first.year - years_before, day=min(first.day, 28))
        if isinstance(when, ibis.expr.types.DateValue):
            return when.between(ibis.literal(first, "date"), ibis.literal(last, "date"))
        return when.between(dates.key_of(first), dates.key_of(last))

    def in_windows(self, table: ibis.Table, when, *, years_before: int = 0,
                   since_key=None) -> ibis.Table:
        """As :meth:`in_periods` for rows the engine only adds up: each row counts in every
        period (widened back ``years_before`` years) whose days include ``when`` and,
        when ``since_key`` (a YYYYMMDD expression) is given and not null, that starts after
        it. Read the placement with :func:`placement`.

        When every period is a financial year or quarter, the rows are not multiplied out:
        they keep ``_quarter_code`` (the financial quarter of ``when``) and
        ``_since_code`` (that of ``since_key``), and the engine adds them up by quarter
        before pooling the quarters into each period (with ``years_before`` = 2, a row
        would otherwise be repeated in up to twelve periods). Otherwise they are joined to
        the periods as by :meth:`in_periods`."""
        since = ibis.null("int64") if since_key is None else since_key
        covered = [_quarter_codes(p, years_before) for p in self.periods]
        if all(covered):
            table = table.filter(self._within(when, years_before))
            rows = table.mutate(_quarter_code=quarter_code(when).cast("int64"),
                                _since_code=quarter_code(since).cast("int64"))
            windows = self.source.memo(("windows", years_before, tuple(self.periods)),
                                       lambda: self._windows_table(years_before))
            if self.windows is not None and self.windows is not windows:
                raise ValueError("a definition's rows are pooled over one kind of window: "
                                 "in_windows was called with different years_before")
            self.windows = windows
            return rows
        rows = self.in_periods(table.mutate(_since_key=since), when,
                               years_before=years_before)
        if since_key is None:
            return rows.drop("_since_key")
        windows = self.periods_table(years_before=years_before).select(
            "period", _window_start="start_key")
        rows = rows.join(windows, "period")
        rows = rows.filter(rows._since_key.isnull() | (rows._since_key < rows._window_start))
        return rows.drop("_since_key", "_window_start")

    def _windows_table(self, years_before: int) -> ibis.Table:
        """The quarters of each period's window: ``period``, ``_code`` and ``_first`` (the
        code of the window's first quarter)."""
        rows = [(p.label, code, min(codes)) for p in self.periods
                for codes in [_quarter_codes(p, years_before)] for code in codes]
        return ibis.memtable({"period": [r[0] for r in rows], "_code": [r[1] for r in rows],
                              "_first": [r[2] for r in rows]},
                             schema={"period": "string", "_code": "int64", "_first": "int64"})

    @staticmethod
    def is_financial_quarter(period: Period) -> bool:
        """Whether ``period`` is one financial quarter (a year is four, a rolling year none)."""
        return len(_quarter_codes(period, 0)) == 1

    def calendar(self) -> ibis.Table:
        """The working-day calendar built from the source's bank holidays (one row per day:
        ``day_key``, ``working_days`` up to and including it)."""
        days = self._calendar_days()
        return self.source.memo(("calendar",), lambda: ibis.memtable(days))

    def working_days_as_of(self) -> ibis.Value:
        """The calendar's working days up to and including the as-of date, for the clocks
        still running on it (:func:`dates.with_working_days`)."""
        return ibis.literal(dates.working_days_on(self._calendar_days(), self.as_of), "int64")

    def _calendar_days(self) -> pa.Table:
        self.reads_calendar = True
        return self.source.memo(("calendar days",), self._build_calendar)

    def _build_calendar(self) -> pa.Table:
        holidays = self.source.fetch(self.table("bank_holiday").select("holiday_date"))
        days = [d for d in holidays.column("holiday_date").to_pylist() if d is not None]
        if not days:  # a source without the table: use the rules of England and Wales
            from yjhub.reference.bank_holidays import bank_holidays_between

            days = [day for day, _ in bank_holidays_between(dates.CALENDAR_FIRST.year,
                                                            dates.CALENDAR_LAST.year)]
        return dates.calendar(days)


def quarter_code(when) -> ibis.Value:
    """The code (first year × 10 + quarter) of the financial quarter of a date or of a
    YYYYMMDD key. (From a date: financial quarters are calendar quarters, numbered from
    April, so no division is needed. Ibis gives SQLite's quarter as a fraction: the cast
    truncates it.)"""
    if isinstance(when, ibis.expr.types.DateValue):
        first = when.year() - (when.month() < 4).ifelse(1, 0)
        return first * 10 + (when.quarter().cast("int64") + 2) % 4 + 1
    day_key = when
    year = day_key // 10000
    month = (day_key // 100) % 100
    first = year - (month < 4).ifelse(1, 0)
    return first * 10 + ((month + 8) % 12) // 3 + 1


def _as_key(when) -> ibis.Value:
    """A date's YYYYMMDD key; a key as it is."""
    return dates.key(when) if isinstance(when, ibis.expr.types.DateValue) else when


def placement(rows: ibis.Table) -> list[str]:
    """The columns that place ``rows`` in periods: ``period``, or the quarter codes that
    :meth:`Context.in_windows` leaves for the engine."""
    return [c for c in ("period", "_quarter_code", "_since_code") if c in rows.columns]


def _quarter_codes(period: Period, years_before: int) -> list[int]:
    """The codes (first year × 10 + quarter) of the financial quarters that make up a
    financial year or quarter widened back ``years_before`` years; none for any other
    period."""
    from yjhub.indicators.periods import financial_quarter, financial_year

    first = period.start.year if period.start.month >= 4 else period.start.year - 1
    if period == financial_year(first):
        quarters = [(year, q) for year in range(first - years_before, first + 1)
                    for q in (1, 2, 3, 4)]
    else:
        quarter = next((q for q in (1, 2, 3, 4) if period == financial_quarter(first, q)), None)
        if quarter is None:
            return []
        quarters = [(year, q) for year in range(first - years_before, first + 1)
                    for q in (1, 2, 3, 4)
                    if (first - years_before, quarter) <= (year, q) <= (first, quarter)]
    return [year * 10 + q for year, q in quarters]


def flag(condition) -> ibis.Value:
    """1 where ``condition`` holds, else 0 (null counts as 0)."""
    return condition.fill_null(False).ifelse(1, 0).cast("int64")


def one() -> ibis.Value:
    return ibis.literal(1, "int64")


def zero() -> ibis.Value:
    return ibis.literal(0, "int64")
