"""The caseload's overdue flags, declared as data: each has an id, a short label, the wording
shown under "How this is worked out" and the test it applies to a case.

A case is *overdue* when any flag is raised. The tests read the fields of
``yjhub.caseload.selectors.CaseRow`` worked out on the as-at date (today on the page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yjhub.caseload.selectors import CaseRow

#: "No assessment in the last N months": N.
NO_ASSESSMENT_MONTHS = 6


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day when shorter)."""
    month0 = day.year * 12 + day.month - 1 - months
    year, month = divmod(month0, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Flag:
    id: str
    label: str
    wording: str
    test: Callable[[CaseRow, dt.date], bool]


def _review_overdue(row: CaseRow, as_at: dt.date) -> bool:
    return row.next_review_due is not None and row.next_review_due < as_at


def _assessment_outstanding(row: CaseRow, as_at: dt.date) -> bool:
    return bool(row.outstanding)


def _no_recent_assessment(row: CaseRow, as_at: dt.date) -> bool:
    since = months_before(as_at, NO_ASSESSMENT_MONTHS)
    if row.allocated_from > since:
        return False  # allocated too recently to expect one
    return row.last_assessment_date is None or row.last_assessment_date < since


FLAGS: tuple[Flag, ...] = (
    Flag("review_overdue", "Review overdue",
         "The next review date set at the child's last completed assessment has passed "
         "(it is before today).",
         _review_overdue),
    Flag("assessment_outstanding", "Assessment outstanding",
         "An assessment of the child (at any stage) is past its due date and has not been "
         "completed.",
         _assessment_outstanding),
    Flag("no_recent_assessment", f"No assessment in {NO_ASSESSMENT_MONTHS} months",
         f"No assessment of the child has been completed in the last {NO_ASSESSMENT_MONTHS} "
         f"months, and the case has been allocated for at least that long.",
         _no_recent_assessment),
)

FLAGS_BY_ID = {flag.id: flag for flag in FLAGS}
