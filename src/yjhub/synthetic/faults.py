"""Planted data-quality faults, so that the data-quality audit has something to find.

Each fault is planted in about ``rate`` of the rows it can apply to, and every faulty row
still satisfies the schema (required columns, ranges and checks): the faults are the kind a
case management system lets through, not the kind an importer rejects.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class FaultRates:
    #: assessments completed after their due date (of completed assessments)
    late_assessment: float = 0.0
    #: ended programmes with no closure assessment (of ended programmes)
    missing_closure: float = 0.0
    #: open programmes whose last due review is missing, so the previous assessment's
    #: next_review_due is in the past with no later review (of open programmes with a review due)
    overdue_review: float = 0.0
    #: ended programmes with no end programme_status row (of ended programmes)
    missing_end_status: float = 0.0
    #: referrals with no assessment date (of referrals)
    referral_without_assessment: float = 0.0


NO_FAULTS = FaultRates()
DEMO_FAULTS = FaultRates(0.04, 0.04, 0.04, 0.04, 0.04)


def pick(rng: np.random.Generator, rate: float, eligible: np.ndarray) -> np.ndarray:
    """A mask choosing about ``rate`` of the ``eligible`` rows (always drawing one number per
    row, so the random stream does not depend on the rate)."""
    return (rng.random(len(eligible)) < rate) & eligible
