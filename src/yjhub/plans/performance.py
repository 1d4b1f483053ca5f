"""The plan's performance figures, worked out by the indicator engine for the plan's period.

For an outturn period such as ``"2024-25"`` (the latest full year of figures: a plan for
2025-26 reports it), :func:`appendix_compute` works out, for each measure of the families a
plan reports (the headline indicators and the key performance indicators of April 2023):

- the outturn of the period and of the year before (the two outturn columns of Appendix B);
- the change between them, written in the template's convention (:func:`change_text`);
- next year's target: the one entered in the plan when there is one, else the catalogue's;
- where the figure came from: the data snapshot, the indicator's version in the catalogue
  and when it was computed;

and a trend chart per indicator (its measures over the last years, as SVG with alt text).

**The change, as the 2006-08 template writes it.** Seed 000 (Essex 2006-07) prints each data
block's actual with the change in brackets: "91.5% (+4.7%)" where its Appendix B has 86.8% for
2004/05 and 91.5% for 2005/06 (91.5 - 86.8 = 4.7), "6.9% (+1.6%)" for 5.3% -> 6.9%, "88.7%
(-1.7%)" for 90.4% -> 88.7%, "58.8% (+54.4%)" for 4.4% -> 58.8%, "43.7% (no diff)" for
43.7% -> 43.7%. So for a percentage the bracket is the difference in *percentage points*, to
one decimal, with a sign and a per cent sign, and "no diff" when the two are equal; it is
worked out from the two figures as printed (rounded), so the check that recomputes a bracket
from the two printed figures (``delivery.change``) agrees. Seed 000 prints no bracket for a
count (first-time entrants, 1823), so a count's bracket here is the same rule, the difference
in number, "(-50)" for 971 -> 921 (a relative "(-5.1%)" would read as percentage points and
fail that check); a rate per population or a mean is the difference in its own unit,
"(+12.3)". The current (2021+) structure writes changes as the web pages do: "+4.7 points" for
a rate, "-5.1%" (relative) for a count, "no change".

Nothing here imports Django: the caller passes the source (a folder, the app's database or an
in-memory snapshot) and says what the snapshot is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from yjhub.indicators.catalogue import Indicator, Measure, Target, catalogue
from yjhub.indicators.periods import Period, financial_year, parse_period
from yjhub.indicators.results import PLACES, round_half_up, shown
from yjhub.plans.charts import Series, trend_chart

#: The families a plan's appendix reports today, in order.
FAMILIES = ("headline", "kpi2023")
#: How many financial years a trend chart shows, ending with the outturn period.
TREND_YEARS = 5
CONVENTIONS = ("bracketed", "points")
SMALL_TEXT = "fewer than 5"


@dataclass(frozen=True)
class Provenance:
    snapshot: str  # what data: the data version, the folder, the import run
    indicator_version: str  # the indicator's version in the catalogue
    computed_at: str  # ISO timestamp, UTC

    def describe(self) -> str:
        return (f"computed {self.computed_at} from {self.snapshot} "
                f"(indicator version {self.indicator_version})")


@dataclass
class AppendixLine:
    """One measure's row of the performance appendix."""

    measure: str  # catalogue measure id, "kpi2023.ete.suitable"
    indicator: str
    family: str
    theme: str  # the indicator's title
    label: str  # the measure's label
    unit: str
    previous: float | None
    current: float | None
    previous_text: str
    current_text: str
    change: float | None  # in the convention's unit (points for a percentage)
    change_text: str  # "(+4.7%)", "no diff", "+4.7 points"
    target_text: str
    target_source: str  # "entered" | "catalogue" | ""
    numerator: int | None = None
    denominator: float | None = None
    small: bool = False  # the current figure's numerator or counted denominator is 1 to 4
    small_previous: bool = False
    provisional: bool = False
    withheld: bool = False  # shown to a board member as "fewer than 5"
    provenance: Provenance | None = None

    @property
    def current_with_change(self) -> str:
        """As a data block prints it: "91.5% (+4.7%)"."""
        if self.change_text and self.change_text.startswith("("):
            return f"{self.current_text} {self.change_text}"
        return self.current_text


@dataclass
class TrendChart:
    indicator: str
    title: str
    svg: str
    alt: str
    caption: str
    unit: str = ""
    periods: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)


@dataclass
class PerformanceAppendix:
    period: str  # the latest outturn year
    previous_period: str
    target_period: str
    convention: str
    snapshot: str
    computed_at: str
    lines: list[AppendixLine] = field(default_factory=list)
    charts: list[TrendChart] = field(default_factory=list)
    board: bool = False

    def line(self, measure_id: str) -> AppendixLine | None:
        return next((x for x in self.lines if x.measure == measure_id), None)

    @property
    def columns(self) -> tuple[str, str, str]:
        """The three column headings, as the 2006-08 template words them."""
        return (f"{self.previous_period} outturn", f"{self.period} outturn",
                f"{self.target_period} target")


def convention_for(template_id: str) -> str:
    """The change convention of a plan template: the YJB's 2006-08 template brackets it."""
    return "bracketed" if "2006" in template_id or "2007" in template_id else "points"


def change_text(unit: str, previous_text: str, current_text: str, previous: float | None,
                current: float | None, *, convention: str = "bracketed") -> tuple[float | None,
                                                                                  str]:
    """The change between two figures as printed, and how the template writes it."""
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown change convention {convention!r}")
    if previous is None or current is None:
        return None, ""
    places = PLACES[unit]
    before, now = round_half_up(previous, places), round_half_up(current, places)
    if unit == "count" and convention == "bracketed":
        change = now - before
        if change == 0:
            return 0.0, "(no diff)"
        return change, f"({change:+,.0f})"
    if unit == "count":
        if before == 0:
            return None, ""
        change = round_half_up((now - before) / before * 100, 1)
        if change == 0:
            return 0.0, "(no diff)" if convention == "bracketed" else "no change"
        text = f"{change:+.1f}%"
    else:
        shown_places = max(1, places)
        change = round_half_up(now - before, shown_places)
        if change == 0:
            return 0.0, "(no diff)" if convention == "bracketed" else "no change"
        if convention == "bracketed":
            text = f"{change:+.{shown_places}f}" + ("%" if unit == "percent" else "")
        else:
            text = f"{change:+.{shown_places}f} points"
    return change, f"({text})" if convention == "bracketed" else text


def target_text(measure: Measure, target: Target | None, *, current: float | None,
                current_text: str, period: str) -> str:
    """Next year's target in words: "at least 90%", "at most 5%", "lower than 1,234 (2024-25)"."""
    if target is None:
        return ""
    unit = measure.unit
    if target.kind in ("at_least", "at_most"):
        word = "at least" if target.kind == "at_least" else "at most"
        return f"{word} {shown(target.value, unit)}"
    if target.kind == "year_on_year_reduction":
        return f"lower than {current_text} ({period})" if current is not None else \
            "year-on-year reduction"
    if target.kind == "reduction_relative" and current is not None and target.baseline is None:
        return f"{shown(current * (1 - target.value / 100), unit)} ({_num(target.value)}% " \
               f"reduction)"
    if target.kind == "reduction_points" and current is not None and target.baseline is None:
        return f"{shown(current - target.value, unit)} ({_num(target.value)} points lower)"
    return target.describe()


def _num(value) -> str:
    return f"{value:g}"


def measures_of(families: tuple[str, ...] = FAMILIES) -> list[Measure]:
    """The measures an appendix reports: every measure of the families' indicators, except
    those split by a dimension (the reoffending tracker's follow-up quarters), which have no
    single yearly figure."""
    return [m for indicator in catalogue().select(list(families))
            if not indicator.dimensions for m in indicator.measures]


def appendix_compute(source, period: str | Period, *, families: tuple[str, ...] = FAMILIES,
                     measures: list[str] | None = None, snapshot: str = "",
                     targets: dict[str, str] | None = None,
                     local_targets: dict[str, Target] | None = None,
                     convention: str = "bracketed", as_of: dt.date | None = None,
                     trend_years: int = TREND_YEARS, board: bool = False,
                     computed_at: dt.datetime | None = None) -> PerformanceAppendix:
    """The appendix for outturn ``period`` from ``source`` (see the module's docstring).

    ``measures``: only these measure ids (default: every measure of ``families``);
    ``targets``: next year's targets as entered in the plan (measure id -> text), which win
    over the catalogue's (and ``local_targets``, a service's own targets file);
    ``board``: figures whose numerator or counted denominator is 1 to 4 are withheld
    ("fewer than 5") and so is any change or target worked out from them."""
    from yjhub.indicators.engine import Request, compute

    chosen = period if isinstance(period, Period) else parse_period(period)
    first_year = chosen.start.year
    years = [financial_year(first_year - k) for k in range(trend_years - 1, -1, -1)]
    wanted = measures_of(families) if measures is None else \
        [catalogue().measure(m) for m in measures]
    indicator_ids = list(dict.fromkeys(m.indicator.id for m in wanted))
    results = compute(source, Request(periods=years, indicators=indicator_ids,
                                      as_of=as_of, targets=local_targets or {}))
    stamp = (computed_at or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    by_key = {(r.measure, r.period): r for r in results
              if r.group == "all" and not r.dimensions}
    previous = chosen.previous()
    appendix = PerformanceAppendix(
        period=chosen.label, previous_period=previous.label,
        target_period=financial_year(first_year + 1).label, convention=convention,
        snapshot=snapshot or source.description, computed_at=stamp, board=board)
    for measure in wanted:
        appendix.lines.append(_line(measure, by_key.get((measure.id, chosen.label)),
                                    by_key.get((measure.id, previous.label)), appendix,
                                    targets or {}, local_targets or {}))
    for indicator_id in indicator_ids:
        indicator = catalogue().get(indicator_id)
        chart = _chart(indicator, [m for m in wanted if m.indicator.id == indicator_id],
                       years, by_key, board)
        if chart is not None:
            appendix.charts.append(chart)
    return appendix


def _value_text(result, unit: str, withheld: bool) -> str:
    if withheld:
        return SMALL_TEXT
    if result is None:
        return shown(0, unit) if unit == "count" else "no data"
    if result.value is None:
        return "no data"
    return shown(result.value, unit) + (" (provisional)" if result.provisional else "")


def _value(result, unit: str) -> float | None:
    if result is None:
        return 0.0 if unit == "count" else None
    return result.value


def _line(measure: Measure, now, before, appendix: PerformanceAppendix,
          entered: dict[str, str], local: dict[str, Target]) -> AppendixLine:
    unit = measure.unit
    small_now = bool(now and now.suppressed)
    small_before = bool(before and before.suppressed)
    withheld_now = appendix.board and small_now
    withheld_before = appendix.board and small_before
    current, previous = _value(now, unit), _value(before, unit)
    current_text = _value_text(now, unit, withheld_now)
    previous_text = _value_text(before, unit, withheld_before)
    change, change_words = (None, "") if (withheld_now or withheld_before) else change_text(
        unit, previous_text, current_text, previous, current, convention=appendix.convention)
    target = local.get(measure.id, measure.target)
    if measure.id in entered and str(entered[measure.id]).strip():
        words, source = str(entered[measure.id]), "entered"
    else:
        relative_to_now = target is not None and target.kind not in ("at_least", "at_most",
                                                                      "text")
        words = "" if (withheld_now and relative_to_now) else target_text(
            measure, target, current=current, current_text=current_text,
            period=appendix.period)
        source = "catalogue" if words else ""
    return AppendixLine(
        measure=measure.id, indicator=measure.indicator.id, family=measure.indicator.family,
        theme=measure.indicator.title, label=measure.label, unit=unit,
        previous=None if withheld_before else previous,
        current=None if withheld_now else current,
        previous_text=previous_text, current_text=current_text, change=change,
        change_text=change_words, target_text=words, target_source=source,
        numerator=None if (withheld_now or now is None) else now.numerator,
        denominator=None if (withheld_now or now is None) else now.denominator,
        small=small_now, small_previous=small_before,
        provisional=bool(now and now.provisional), withheld=withheld_now,
        provenance=Provenance(snapshot=appendix.snapshot,
                              indicator_version=measure.indicator.version,
                              computed_at=appendix.computed_at))


def _chart(indicator: Indicator, measures: list[Measure], years: list[Period], by_key: dict,
           board: bool) -> TrendChart | None:
    """The indicator's measures that share its first measure's unit, over the years it was in
    use (a KPI of 2023 is drawn from 2023-24 only when earlier years have no figures)."""
    if not measures:
        return None
    unit = measures[0].unit
    drawn = [m for m in measures if m.unit == unit]
    labels = [p.label for p in years]
    series = []
    for m in drawn:
        values = []
        for label in labels:
            r = by_key.get((m.id, label))
            if r is None:
                values.append(0.0 if unit == "count" else None)
            elif board and r.suppressed:
                values.append(None)
            else:
                values.append(r.value)
        small = [label for label in labels
                 if by_key.get((m.id, label)) is not None and by_key[(m.id, label)].suppressed]
        series.append(Series(label=m.label, values=values, measure=m.id, small=small,
                             texts=[_value_text(by_key.get((m.id, label)), unit,
                                                board and label in small)
                                    for label in labels]))
    title = f"{indicator.title}, {labels[0]} to {labels[-1]}"
    chart_id = "chart-" + indicator.id.replace(".", "-").replace("_", "-")
    svg, alt = trend_chart(series, labels, chart_id=chart_id, title=title, unit=unit)
    caption = f"{indicator.title}: {labels[0]} to {labels[-1]}" + (
        f" ({', '.join(m.label for m in drawn)})" if len(drawn) > 1 else f" ({drawn[0].label})")
    return TrendChart(indicator=indicator.id, title=title, svg=svg, alt=alt, caption=caption,
                      unit=unit, periods=labels, series=series)
