"""The plan a board member sees: figures counting 1 to 4 children or events withheld.

A plan holds no child's identity, but a figure filled from data can be a small count (three
first-time entrants) or a rate worked out from one. The fill records which figures are small
(``AppendixRow.small``, ``TrendSeries.small``); :func:`plan_withheld` returns a copy of the plan
in which each of them reads "fewer than 5", as do the data-block figures that report it and
the changes and targets worked out from it. The board's views and downloads (Word, PDF, HTML
and the plan file itself) are made from that copy. Figures typed in by hand carry no such
record and are shown as entered.
"""

from __future__ import annotations

import copy

from yjhub.plans.model import Plan
from yjhub.plans.performance import SMALL_TEXT


def plan_withheld(plan: Plan) -> Plan:
    out = copy.deepcopy(plan)
    small_rows = {}
    for row in out.appendix.rows:
        if not row.small:
            continue
        small_rows[row.id] = set(row.small)
        if "previous" in row.small:
            row.previous = SMALL_TEXT
        if "current" in row.small:
            row.current = SMALL_TEXT
            if row.source == "data" and str(row.target or "").startswith("lower than"):
                row.target = None  # "lower than 3 (2024-25)" gives the figure away
    for area in out.delivery:
        for item in area.data:
            which = small_rows.get(item.indicator)
            if not which:
                continue
            row = out.appendix.row(item.indicator)
            item.change = None
            if "previous" in which:
                item.previous = SMALL_TEXT
            if "current" in which:
                item.actual = SMALL_TEXT
                item.target = row.target
    for trend in out.appendix.trends:
        for series in trend.series:
            for i, period in enumerate(trend.periods):
                if period in series.small:
                    if i < len(series.values):
                        series.values[i] = None
                    if i < len(series.texts):
                        series.texts[i] = SMALL_TEXT
    return out
