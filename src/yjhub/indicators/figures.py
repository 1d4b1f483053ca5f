"""From summed numerators and denominators to figures, a whole table at a time.

The engine hands over one row per (period, unit, dimensions, group) with the sums of the
indicator's columns; here every measure gets, in vectorised pandas and numpy (the national
run makes half a million figures): its value, 95% interval, small-number flag, provisional
flag, change against the previous period, target, met / not met, RAG and the comparison with
a reference group or another measure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from yjhub.indicators import stats
from yjhub.indicators.catalogue import SCALE, Indicator, Measure, Target

SUPPRESS_BELOW = 5
TOTAL = "all"
KEYS = ["period", "unit_id", "dims", "group"]


def measure_frame(indicator: Indicator, sums: pd.DataFrame,
                  populations: pd.DataFrame) -> pd.DataFrame:
    """Every measure of ``indicator`` for every row of ``sums`` (columns period, unit_id,
    dims, group, the summed columns and open_window)."""
    totals = sums[sums.group == TOTAL].set_index(["period", "unit_id", "dims"])
    frames = []
    for measure in indicator.measures:
        frame = sums[KEYS].copy()
        frame["measure"] = measure.id
        n = sums[measure.numerator.column].fillna(0).astype("int64").to_numpy()
        d = _denominator(measure, sums, totals, populations)
        frame["numerator"] = n
        frame["denominator"] = d
        value, low, high = _values(measure, n, d)
        frame["value"], frame["ci_low"], frame["ci_high"] = value, low, high
        counted = measure.denominator is not None and not measure.denominator.population
        small = (n > 0) & (n < SUPPRESS_BELOW)
        if counted:
            small |= (d > 0) & (d < SUPPRESS_BELOW)
        frame["suppressed"] = small
        frame["provisional"] = sums["open_window"].fillna(0).to_numpy() > 0
        frame["change_kind"] = measure.change_kind
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _denominator(measure: Measure, sums: pd.DataFrame, totals: pd.DataFrame,
                 populations: pd.DataFrame) -> np.ndarray:
    term = measure.denominator
    if term is None:
        return np.full(len(sums), np.nan)
    if term.population:
        if populations.empty:
            return np.full(len(sums), np.nan)
        merged = sums[["period", "unit_id", "group"]].merge(
            populations, how="left", on=["period", "unit_id", "group"])
        return merged["population"].to_numpy(dtype="float64")
    if term.scope == "total":
        index = pd.MultiIndex.from_frame(sums[["period", "unit_id", "dims"]])
        return totals[term.column].reindex(index).fillna(0).to_numpy(dtype="float64")
    return sums[term.column].fillna(0).to_numpy(dtype="float64")


def _values(measure: Measure, n: np.ndarray, d: np.ndarray):
    scale = SCALE[measure.unit]
    if measure.unit == "count":
        low, high = _poisson(n)
        return n.astype("float64"), low, high
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = np.isfinite(d) & (d > 0)
        value = np.where(ok, n / np.where(ok, d, 1) * scale, np.nan)
        if measure.interval == "wilson":
            low, high = _wilson(n, np.where(ok, d, 1))
            usable = ok & (n <= d)
            poisson_low, poisson_high = _poisson(n)
            rate_low = poisson_low / np.where(ok, d, 1) * scale
            rate_high = poisson_high / np.where(ok, d, 1) * scale
            low = np.where(usable, low * scale, np.where(ok, rate_low, np.nan))
            high = np.where(usable, high * scale, np.where(ok, rate_high, np.nan))
        else:
            poisson_low, poisson_high = _poisson(n)
            low = np.where(ok, poisson_low / np.where(ok, d, 1) * scale, np.nan)
            high = np.where(ok, poisson_high / np.where(ok, d, 1) * scale, np.nan)
    return value, low, high


def _wilson(n: np.ndarray, d: np.ndarray):
    """The Wilson score interval, vectorised (the same formula as stats.wilson_interval)."""
    z = stats.Z95
    z2 = z * z
    n = n.astype("float64")
    p = np.clip(n / d, 0, 1)
    centre = p + z2 / (2 * d)
    spread = z * np.sqrt(np.maximum(p * (1 - p) / d + z2 / (4 * d * d), 0))
    scale = 1 + z2 / d
    low = np.where(n == 0, 0.0, (centre - spread) / scale)
    high = np.where(n >= d, 1.0, (centre + spread) / scale)
    return low, high


def _poisson(n: np.ndarray):
    """Exact Poisson limits."""
    return stats.poisson_intervals(n)


def compare(frame: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """Each group against a reference group, or each measure against another measure."""
    frame["comparison"] = ""
    frame["comparison_value"] = np.nan
    for measure in indicator.measures:
        if not measure.compare:
            continue
        kind, _, other = measure.compare.partition(":")
        mine = (frame.measure == measure.id) & (frame.group != TOTAL)
        if kind == "reference_group":
            mine &= frame.group != other
            reference = frame[(frame.measure == measure.id) & (frame.group == other)]
            lookup = reference.set_index(["period", "unit_id", "dims"])["value"]
            index = pd.MultiIndex.from_frame(frame.loc[mine, ["period", "unit_id", "dims"]])
            label = f"{measure.label}: {other}"
        elif kind == "measure":
            other_id = f"{indicator.id}.{other}"
            reference = frame[frame.measure == other_id]
            lookup = reference.set_index(["period", "unit_id", "dims", "group"])["value"]
            index = pd.MultiIndex.from_frame(frame.loc[mine, KEYS])
            label = indicator.measure(other).label
        else:
            raise ValueError(f"{measure.id}: unknown comparison {measure.compare!r}")
        values = lookup.reindex(index).to_numpy()
        frame.loc[mine, "comparison_value"] = values
        frame.loc[mine & frame.comparison_value.notna(), "comparison"] = label
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["difference_points"] = frame.value - frame.comparison_value
        frame["difference_relative"] = np.where(
            frame.comparison_value.fillna(0) != 0,
            (frame.value / frame.comparison_value - 1) * 100, np.nan)
    return frame


def change_and_targets(frame: pd.DataFrame, indicator: Indicator, previous_of: dict[str, str],
                       targets: dict[str, Target]) -> pd.DataFrame:
    """Change against the previous period; the target, whether it is met, and RAG."""
    frame["previous_period"] = frame.period.map(previous_of)
    lookup = frame.set_index(["measure", "period", "unit_id", "dims", "group"])["value"]
    index = pd.MultiIndex.from_frame(
        frame[["measure", "previous_period", "unit_id", "dims", "group"]])
    frame["previous_value"] = lookup.reindex(index).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["change_points"] = frame.value - frame.previous_value
        frame["change_relative"] = np.where(
            frame.previous_value.fillna(0) != 0,
            (frame.value - frame.previous_value) / frame.previous_value * 100, np.nan)
    frame["change"] = np.where(frame.change_kind == "relative", frame.change_relative,
                               frame.change_points)
    frame["target"] = ""
    frame["target_value"] = np.nan
    frame["met"] = None
    frame["rag"] = None
    for measure in indicator.measures:
        target = targets.get(measure.id, measure.target)
        if target is None:
            continue
        mine = frame.measure == measure.id
        frame.loc[mine, "target"] = target.describe()
        goal = _goal(frame[mine], target, lookup, measure)
        frame.loc[mine, "target_value"] = goal
        value = frame.loc[mine, "value"].to_numpy(dtype="float64")
        known = np.isfinite(goal) & np.isfinite(value)
        lower = target.kind in ("at_most", "reduction_relative", "reduction_points",
                                "year_on_year_reduction")
        gap = (value - goal) if lower else (goal - value)
        met = gap < 0 if target.kind == "year_on_year_reduction" else gap <= 0
        margin = measure.rag.amber_margin
        margins = np.abs(goal) * margin / 100 if measure.unit == "count" else margin
        rag = np.where(met, "green", np.where(gap <= margins, "amber", "red"))
        frame.loc[mine, "met"] = pd.array(np.where(known, met, None), dtype="object")
        frame.loc[mine, "rag"] = pd.array(np.where(known, rag, None), dtype="object")
    return frame


def _goal(rows: pd.DataFrame, target: Target, lookup: pd.Series, measure: Measure):
    if target.kind in ("at_least", "at_most"):
        return np.full(len(rows), float(target.value))
    if target.kind == "text":
        return np.full(len(rows), np.nan)
    if target.baseline:
        from yjhub.indicators.periods import parse_period

        label = parse_period(target.baseline).label
        index = pd.MultiIndex.from_arrays([
            [measure.id] * len(rows), [label] * len(rows), rows.unit_id, rows.dims, rows.group])
        baseline = lookup.reindex(index).to_numpy(dtype="float64")
    else:
        baseline = rows.previous_value.to_numpy(dtype="float64")
    if target.kind == "reduction_relative":
        return baseline * (1 - target.value / 100)
    if target.kind == "reduction_points":
        return baseline - target.value
    return baseline  # year_on_year_reduction
