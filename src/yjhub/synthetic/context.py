"""What every part of one service's generation shares: its random stream, dates and rates."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yjhub.synthetic.draw import Workdays
from yjhub.synthetic.faults import FaultRates
from yjhub.synthetic.presets import ServiceSpec

YEAR = 365.25


@dataclass
class Context:
    rng: np.random.Generator
    spec: ServiceSpec
    start: int  # first day of the window (days since 1970-01-01)
    end: int  # the extract date: nothing after it has happened
    workdays: Workdays
    faults: FaultRates


#: Rows of one table: column name -> numpy array (ids and refs are row numbers, codes are
#: indexes into the code list, dates are days, NA is blank) or a ready Arrow array.
Rows = dict
