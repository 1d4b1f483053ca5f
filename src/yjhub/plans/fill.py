"""Filling a plan's performance appendix, data blocks and trend charts from data.

``plan_fill(plan, source, period)`` computes (:mod:`yjhub.plans.performance`) and writes into
the plan:

- every appendix row linked to a catalogue measure (``indicator`` + ``measure``) gets its two
  years of outturn as printed ("75.0%"), next year's target when none is entered, ``source:
  data``, its provenance and which figures are small (1 to 4). A row whose measure another row
  also names (the 2006 template's four reoffending rows split one measure by disposal) is
  left as entered: one yearly figure cannot fill both;
- for a plan of 2011-12 or later, a row for every measure of the headline indicators and the
  key performance indicators of April 2023 not already in the appendix;
- each delivery-plan data item that reports a filled row (``indicator`` = the row id) gets the
  row's figures and the change in the template's convention ("91.5% (+4.7%)");
- ``appendix.trends``: a trend chart per indicator filled.

``period`` is the latest outturn year; by default the year before the plan's own (a plan for
2025-26 reports 2024-25). Nothing else in the plan changes. No Django here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from yjhub.indicators.catalogue import catalogue
from yjhub.indicators.periods import financial_year, parse_period
from yjhub.plans.model import AppendixRow, Plan, Provenance, Trend, TrendSeries
from yjhub.plans.new import period_start_year
from yjhub.plans.performance import (
    FAMILIES,
    PerformanceAppendix,
    appendix_compute,
    convention_for,
    measures_of,
)

#: The first plan year whose appendix reports the headline indicators (in use from April 2011).
HEADLINE_FROM = 2011


@dataclass
class FillReport:
    period: str
    filled: list[str] = field(default_factory=list)  # appendix row ids filled
    added: list[str] = field(default_factory=list)  # appendix row ids added
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (row id, why)
    data_items: int = 0
    trends: int = 0

    def describe(self) -> str:
        return (f"{len(self.filled)} appendix rows filled from data for {self.period} "
                f"({len(self.added)} added), {self.data_items} data-block figures, "
                f"{self.trends} trend charts"
                + (f"; {len(self.skipped)} rows left as entered" if self.skipped else ""))


def outturn_period(plan: Plan) -> str:
    """The latest outturn year a plan reports: the year before its own."""
    start = period_start_year(plan.meta.period)
    if start is None:
        raise ValueError(f"the plan's period {plan.meta.period!r} is not a financial year "
                         f"like 2025-26: say which outturn year to fill (--period)")
    return financial_year(start - 1).label


def row_id_for(measure_id: str) -> str:
    return measure_id.replace(".", "_")


def plan_fill(plan: Plan, source, period: str | None = None, *, snapshot: str = "",
              as_of: dt.date | None = None, families: tuple[str, ...] | None = None,
              computed_at: dt.datetime | None = None) -> FillReport:
    """Fills ``plan`` in place from ``source`` (see the module docstring)."""
    period = parse_period(period).label if period else outturn_period(plan)
    report = FillReport(period=period)
    names = {m.id for m in catalogue().measures()}
    linked = [r for r in plan.appendix.rows
              if r.kind != "heading" and r.indicator and r.measure]
    counts = Counter(f"{r.indicator}.{r.measure}" for r in linked)
    rows_by_measure: dict[str, AppendixRow] = {}
    for row in linked:
        measure_id = f"{row.indicator}.{row.measure}"
        if measure_id not in names:
            report.skipped.append((row.id, f"{measure_id} is not a measure of the catalogue"))
        elif counts[measure_id] > 1:
            report.skipped.append((row.id, f"{measure_id} is named by {counts[measure_id]} rows"))
        else:
            rows_by_measure[measure_id] = row
    if families is None:
        plan_year = period_start_year(plan.meta.period) or parse_period(period).start.year + 1
        families = FAMILIES if plan_year >= HEADLINE_FROM else ()
    wanted = list(rows_by_measure) + [m.id for m in measures_of(families)
                                      if m.id not in rows_by_measure]
    if not wanted:
        return report
    entered = {m: str(r.target) for m, r in rows_by_measure.items()
               if r.target not in (None, "")}
    appendix = appendix_compute(source, period, measures=wanted, snapshot=snapshot,
                                targets=entered, as_of=as_of, computed_at=computed_at,
                                convention=convention_for(plan.meta.template.id))
    _columns(plan, appendix)
    for line in appendix.lines:
        row = rows_by_measure.get(line.measure)
        if row is None:
            indicator_id, _, key = line.measure.rpartition(".")
            row = AppendixRow(id=row_id_for(line.measure), theme=line.theme, label=line.label,
                              indicator=indicator_id, measure=key)
            plan.appendix.rows.append(row)
            report.added.append(row.id)
        row.previous = line.previous_text
        row.current = line.current_text
        if row.target in (None, ""):
            row.target = line.target_text or None
        row.source = "data"
        row.provenance = Provenance(snapshot=line.provenance.snapshot,
                                    indicator_version=line.provenance.indicator_version,
                                    computed_at=line.provenance.computed_at)
        row.small = [name for name, flag in (("previous", line.small_previous),
                                             ("current", line.small)) if flag]
        report.filled.append(row.id)
        report.data_items += _data_items(plan, row, line.change_text)
    plan.appendix.trends = [
        Trend(indicator=chart.indicator, title=chart.title, unit=chart.unit,
              periods=list(chart.periods),
              series=[TrendSeries(label=s.label, measure=s.measure, values=list(s.values),
                                  texts=list(s.texts), small=list(s.small))
                      for s in chart.series],
              provenance=Provenance(snapshot=appendix.snapshot,
                                    indicator_version=catalogue().get(chart.indicator).version,
                                    computed_at=appendix.computed_at))
        for chart in appendix.charts]
    report.trends = len(plan.appendix.trends)
    return report


def _columns(plan: Plan, appendix: PerformanceAppendix) -> None:
    previous, current, target = appendix.columns
    columns = plan.appendix.columns
    columns.previous = columns.previous or previous
    columns.current = columns.current or current
    columns.target = columns.target or target


def _data_items(plan: Plan, row: AppendixRow, change: str) -> int:
    count = 0
    for area in plan.delivery:
        for item in area.data:
            if item.indicator == row.id:
                item.previous = row.previous
                item.actual = row.current
                item.change = change or None
                item.target = row.target
                count += 1
    return count
