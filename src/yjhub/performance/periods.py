"""The periods the pages show: the latest quarters and financial years that have ended.

A youth justice service reports by financial quarter (April to June is Q1). On any day the
*reporting quarter* is the latest quarter that has ended; the pages keep the twelve quarters up
to it (three years of quarterly trend: reoffending cohorts need 18 months before their figures
are final) and the five financial years up to the latest one that has ended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from yjhub.indicators.periods import Period, financial_quarter, financial_year

QUARTERS = 12
YEARS = 5


@dataclass(frozen=True)
class ReportingPeriods:
    quarters: tuple[Period, ...]  # oldest first; the last is the reporting quarter
    years: tuple[Period, ...]  # oldest first

    @property
    def quarter(self) -> Period:
        return self.quarters[-1]

    @property
    def all(self) -> list[Period]:
        return list(self.quarters) + list(self.years)

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.all]


def latest_quarter(today: dt.date) -> Period:
    """The latest financial quarter that ended before ``today``."""
    first = today.year if today.month >= 4 else today.year - 1
    quarter = ((today.month - 4) % 12) // 3 + 1  # the quarter today is in
    current = financial_quarter(first, quarter)
    return current.previous()


def latest_year(today: dt.date) -> Period:
    """The latest financial year that ended before ``today``."""
    first = today.year if today.month >= 4 else today.year - 1
    return financial_year(first - 1)


def reporting_periods(today: dt.date) -> ReportingPeriods:
    quarters = [latest_quarter(today)]
    while len(quarters) < QUARTERS:
        quarters.insert(0, quarters[0].previous())
    years = [latest_year(today)]
    while len(years) < YEARS:
        years.insert(0, years[0].previous())
    return ReportingPeriods(tuple(quarters), tuple(years))


def is_quarter(label: str) -> bool:
    return label[-2:].upper() in ("Q1", "Q2", "Q3", "Q4")


def describe(period: Period) -> str:
    """A period in words: "July to September 2026 (2026-27 Q2)", "April 2025 to March 2026
    (2025-26)"."""
    if period.start.year == period.end.year:
        span = f"{period.start:%B} to {period.end:%B %Y}"
    else:
        span = f"{period.start:%B %Y} to {period.end:%B %Y}"
    return f"{span} ({period.label})"
