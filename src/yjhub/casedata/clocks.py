"""The working-day clocks of a referral, as the record shows them.

The clocks and their limits are those of the 2006-08 indicators (``yjb2006.camhs``,
``yjb2006.substance_misuse``): working days are counted after the start date up to and
including the end date, skipping weekends and bank holidays. A clock with no end date yet runs
to today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np


@dataclass(frozen=True)
class Clock:
    label: str
    start: str  # the referral's date column the clock starts from
    end: str  # the column that stops it
    limit: int  # working days
    applies: str = ""  # for CAMHS: "acute" or "non_acute" (blank urgency counts as non-acute)


CLOCKS: dict[str, list[Clock]] = {
    "camhs": [
        Clock("Assessment (acute)", "received_date", "assessment_date", 5, applies="acute"),
        Clock("Assessment (non-acute)", "received_date", "assessment_date", 15,
              applies="non_acute"),
    ],
    "substance_misuse": [
        Clock("Assessment", "received_date", "assessment_date", 5),
        Clock("Treatment", "assessment_date", "intervention_date", 10),
    ],
}


@dataclass(frozen=True)
class ClockReading:
    label: str
    limit: int
    days: int | None  # working days taken (or so far, while running); None: not started
    running: bool

    @property
    def status(self) -> str:
        if self.days is None:
            return "Not started"
        if self.running:
            return "Overdue" if self.days > self.limit else "Running"
        return "In time" if self.days <= self.limit else "Late"

    @property
    def tag(self) -> str:
        """The GOV.UK tag colour of the status."""
        return {"In time": "govuk-tag--green", "Late": "govuk-tag--red",
                "Overdue": "govuk-tag--red", "Running": "govuk-tag--blue"}.get(
            self.status, "govuk-tag--grey")

    @property
    def text(self) -> str:
        if self.days is None:
            return f"{self.label}: not started (limit {self.limit} working days)"
        so_far = " so far" if self.running else ""
        unit = "working day" if self.days == 1 else "working days"
        return f"{self.label}: {self.days} {unit}{so_far} (limit {self.limit})"


def working_days(start: date, end: date, holidays: list[date]) -> int:
    """Working days after ``start`` up to and including ``end`` (Friday to Monday is 1)."""
    if end <= start:
        return 0
    return int(np.busday_count(start + timedelta(days=1), end + timedelta(days=1),
                               holidays=holidays))


def referral_clocks(referral, holidays: list[date], today: date) -> list[ClockReading]:
    readings = []
    urgency = "acute" if referral.urgency == "acute" else "non_acute"
    for clock in CLOCKS.get(referral.referral_service, []):
        if clock.applies and clock.applies != urgency:
            continue
        start, end = getattr(referral, clock.start), getattr(referral, clock.end)
        if start is None:
            readings.append(ClockReading(clock.label, clock.limit, None, False))
            continue
        running = end is None
        readings.append(ClockReading(clock.label, clock.limit,
                                     working_days(start, end or today, holidays), running))
    return readings
