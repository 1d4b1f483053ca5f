"""The board's quarters: financial-year quarters, written ``2024-Q3``.

Youth justice services report by financial year (1 April to 31 March), and so does their board:
Q1 is April to June, Q2 July to September, Q3 October to December and Q4 January to March. The
year in ``2024-Q3`` is the year the financial year *starts*: 2024-Q3 is October to December
2024 (2024-25 Q3) and 2024-Q4 is January to March **2025**. The long form ``2024-25 Q3`` is
accepted too.
"""

from __future__ import annotations

import datetime as dt
import re

from yjhub.indicators.periods import Period, financial_quarter, parse_period

_SHORT = re.compile(r"^(\d{4})\s*-?\s*Q([1-4])$", re.IGNORECASE)


def quarter_parse(text: str) -> Period:
    """``2024-Q3`` or ``2024-25 Q3`` -> the quarter (October to December 2024)."""
    value = (text or "").strip()
    if match := _SHORT.match(value):
        return financial_quarter(int(match.group(1)), int(match.group(2)))
    try:
        period = parse_period(value)
    except ValueError:
        period = None
    if period is None or not period.label.endswith(("Q1", "Q2", "Q3", "Q4")):
        raise ValueError(f"{text!r} is not a quarter: write it like 2024-Q3 (October to "
                         "December 2024; Q1 is April to June)")
    return period


def quarter_short(period: Period) -> str:
    """2024-25 Q3 -> 2024-Q3."""
    return f"{period.label[:4]}-{period.label[-2:]}"


def quarter_number(period: Period) -> int:
    return int(period.label[-1])


def quarter_of(day: dt.date) -> Period:
    """The financial quarter a day falls in."""
    first = day.year if day.month >= 4 else day.year - 1
    return financial_quarter(first, ((day.month - 4) % 12) // 3 + 1)


def quarter_choices(today: dt.date, *, back: int = 8) -> list[Period]:
    """The latest ended quarter and ``back - 1`` before it, newest first."""
    quarter = quarter_of(today).previous()
    out = [quarter]
    while len(out) < back:
        out.append(out[-1].previous())
    return out
