"""Reporting periods as youth justice services label them.

Financial years run 1 April to 31 March ("2024-25", also written "2024/25" or "2024/2025");
their quarters run from April (Q1 = April to June): "2024-25 Q3" is October to December 2024.
A period's ``start`` and ``end`` are both inclusive.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_FY = re.compile(r"^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$")
_FY_QUARTER = re.compile(r"^(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*Q([1-4])$", re.IGNORECASE)
_MONTHS_FROM_APRIL = (4, 7, 10, 1)


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"period {self.label} ends before it starts")

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period of the same kind just before: last year for a year, the quarter before."""
        if self.label.upper().endswith(("Q1", "Q2", "Q3", "Q4")):
            first = financial_year(self.start.year if self.start.month >= 4
                                   else self.start.year - 1)
            quarter = int(self.label[-1])
            if quarter == 1:
                return financial_quarter(first.start.year - 1, 4)
            return financial_quarter(first.start.year, quarter - 1)
        if _FY.match(self.label):
            return financial_year(self.start.year - 1)
        length = self.end - self.start
        end = self.start - dt.timedelta(days=1)
        return Period(end - length, end, f"before {self.label}")


def financial_year(first_year: int) -> Period:
    """The financial year starting 1 April ``first_year``: ``financial_year(2024)`` is 2024-25."""
    return Period(dt.date(first_year, 4, 1), dt.date(first_year + 1, 3, 31),
                  f"{first_year}-{(first_year + 1) % 100:02d}")


def financial_quarter(first_year: int, quarter: int) -> Period:
    """Quarter 1-4 of the financial year starting in ``first_year`` (Q1 = April to June)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"there is no quarter {quarter}")
    month = _MONTHS_FROM_APRIL[quarter - 1]
    year = first_year if quarter < 4 else first_year + 1
    start = dt.date(year, month, 1)
    end = _month_end(year, month + 2)
    return Period(start, end, f"{financial_year(first_year).label} Q{quarter}")


def rolling_year(end: dt.date) -> Period:
    """The twelve months ending on ``end`` (a rolling 12 months)."""
    after = end + dt.timedelta(days=1)
    if (after.month, after.day) == (2, 29):
        start = dt.date(after.year - 1, 3, 1)
    else:
        start = after.replace(year=after.year - 1)
    return Period(start, end, f"12 months to {end.day} {end:%B %Y}")


def parse_period(text: str) -> Period:
    """A period from how it is written: "2024-25", "2024/25", "2024/2025", "2024-25 Q3"."""
    value = text.strip()
    if match := _FY_QUARTER.match(value):
        first = _first_year(match.group(1), match.group(2), text)
        return financial_quarter(first, int(match.group(3)))
    if match := _FY.match(value):
        return financial_year(_first_year(match.group(1), match.group(2), text))
    raise ValueError(f"{text!r} is not a period: write a financial year like 2024-25 or a "
                     f"quarter like 2024-25 Q3")


def financial_years(first: int, last: int) -> list[Period]:
    return [financial_year(y) for y in range(first, last + 1)]


def _first_year(first: str, second: str, text: str) -> int:
    year = int(first)
    expected = year + 1 if len(second) == 4 else (year + 1) % 100
    if int(second) != expected:
        raise ValueError(f"{text!r}: a financial year's second year must follow its first")
    return year


def _month_end(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)
