"""From summed numerators and denominators to figures, a whole table at a time.

The engine hands over one row per (period, unit, dimensions, group) with the sums of the
indicator's columns; here every measure gets, in vectorised pandas and numpy (the national
run makes half a million figures): its value, 95% interval, small-number flag, provisional
flag, change against the previous period, target, met / not met, RAG and the comparison with
a reference group or another measure.

Every measure is worked out for every row of the sums, so a figure's previous period,
baseline or reference group is the same row of another period or group, found once for all
the measures (:meth:`_Rows.like`). The figures come as one block of rows per measure, each
block the rows the engine keeps (the periods asked for), in its order.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

from yjhub.indicators import stats
from yjhub.indicators.catalogue import SCALE, Indicator, Measure, Target

SUPPRESS_BELOW = 5
TOTAL = "all"
KEYS = ["period", "unit_id", "dims", "group"]
TEXT = ("measure", "change_kind", "comparison", "target")  # text (met and rag hold None)


def measure_frame(indicator: Indicator, sums: pd.DataFrame, populations: pd.DataFrame,
                  previous_of: dict[str, str], targets: dict[str, Target],
                  keep: np.ndarray) -> dict[str, object]:
    """Every measure of ``indicator`` for the rows of ``sums`` (columns period, unit_id,
    dims, group, the summed columns and open_window) at the positions ``keep``, in that
    order: one block of rows per measure, as columns (name: array) ready for a frame. Every
    row of ``sums`` is read, for the previous periods, baselines and reference groups of
    the rows kept."""
    rows = _Rows(sums, populations)
    periods = rows.labelled("period")
    previous_period = Labelled(periods.codes, [previous_of.get(p) for p in periods.labels])
    previous = rows.like("period", previous_period)
    blocks = {m.id: _block(m, sums, rows) for m in indicator.measures}
    for measure in indicator.measures:
        _compare(blocks, measure, sums, rows)
        _change_and_target(blocks[measure.id], measure, sums, previous,
                           targets.get(measure.id, measure.target), rows)
    # (made in one go, from arrays: a frame or series at a time costs more than the figures)
    columns = {key: text_column([rows.labelled(key).take(keep)] * len(blocks), len(keep))
               for key in KEYS}
    columns["previous_period"] = text_column([previous_period.take(keep)] * len(blocks),
                                             len(keep))
    for column in blocks[indicator.measures[0].id]:
        values = [block[column] for block in blocks.values()]
        if column in TEXT:
            columns[column] = text_column([v if isinstance(v, str) else v.take(keep)
                                           for v in values], len(keep))
            continue
        values = np.concatenate([v[keep] for v in values])
        columns[column] = pd.Series(values, dtype=object) if values.dtype == object else values
    return columns


class Labelled(NamedTuple):
    """A text column as a code per row and the text of each code."""

    codes: np.ndarray
    labels: list[str]

    def take(self, rows: np.ndarray) -> Labelled:
        return Labelled(self.codes[rows], self.labels)


def text_column(parts: list, size: int) -> pd.api.extensions.ExtensionArray:
    """A text column made of ``parts`` one after another: each either one text repeated
    ``size`` times or :class:`Labelled` texts. (Made in Arrow: a text column made from
    Python strings one at a time costs more than all the figures.)"""
    arrays = [pa.repeat(pa.scalar(part, pa.string()), size) if isinstance(part, str)
              else pa.DictionaryArray.from_arrays(part.codes, part.labels).cast(pa.string())
              for part in parts]
    return pd.array(pa.concat_arrays(arrays), dtype="str")


class _Rows:
    """What the measures of one indicator look up in its sums, each found once: the row of
    the same keys with another period or group (:meth:`like`), and each row's population.

    Rows are found by a number made of the codes of their keys (:data:`KEYS`), so a
    lookup is one search of integers rather than a join on four text columns."""

    def __init__(self, sums: pd.DataFrame, populations: pd.DataFrame):
        self.sums = sums
        self.populations = populations
        self._like: dict = {}
        self._population: np.ndarray | None = None
        self._codes: dict[str, np.ndarray] = {}
        self._values: dict[str, pd.Index] = {}
        for key in KEYS:
            self._codes[key], self._values[key] = pd.factorize(sums[key])
        self._positions = pd.Index(self._number(self._codes))

    def _number(self, codes: dict[str, np.ndarray]) -> np.ndarray:
        number = np.zeros(len(self.sums), dtype="int64")
        for key in KEYS:
            number = number * (len(self._values[key]) + 1) + codes[key]
        return number

    def labelled(self, column: str) -> Labelled:
        """A key column as codes and labels."""
        return Labelled(self._codes[column], list(self._values[column]))

    def like(self, column: str, value: str | Labelled) -> np.ndarray:
        """For each row, the position of the row with the same keys but ``column`` set to
        ``value`` (one value, or one per row); -1 where there is none."""
        cached = isinstance(value, str)
        if cached and (column, value) in self._like:
            return self._like[column, value]
        labels = [value] if cached else value.labels
        found = self._values[column].get_indexer(labels)
        wanted = (np.full(len(self.sums), found[0]) if cached
                  else np.where(value.codes >= 0, found[value.codes], -1))
        codes = dict(self._codes, **{column: wanted})
        found = self._positions.get_indexer(self._number(codes))
        found[wanted < 0] = -1
        if cached:
            self._like[column, value] = found
        return found

    def population(self) -> np.ndarray:
        """Each row's population (period, unit and group), NaN where there is none."""
        if self._population is None:
            if self.populations.empty:
                self._population = np.full(len(self.sums), np.nan)
            else:
                merged = self.sums[["period", "unit_id", "group"]].merge(
                    self.populations, how="left", on=["period", "unit_id", "group"])
                self._population = merged["population"].to_numpy(dtype="float64")
        return self._population


def _pick(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``values`` at ``rows``, NaN where a row is -1."""
    return np.where(rows >= 0, values[np.maximum(rows, 0)], np.nan)


def _block(measure: Measure, sums: pd.DataFrame, rows: _Rows) -> dict[str, np.ndarray]:
    n = sums[measure.numerator.column].fillna(0).astype("int64").to_numpy()
    d = _denominator(measure, sums, rows)
    value, low, high = _values(measure, n, d)
    counted = measure.denominator is not None and not measure.denominator.population
    small = (n > 0) & (n < SUPPRESS_BELOW)
    if counted:
        small |= (d > 0) & (d < SUPPRESS_BELOW)
    return {"measure": measure.id, "numerator": n,
            "denominator": d, "value": value, "ci_low": low, "ci_high": high,
            "suppressed": small, "provisional": sums["open_window"].fillna(0).to_numpy() > 0,
            "change_kind": measure.change_kind}


def _denominator(measure: Measure, sums: pd.DataFrame, rows: _Rows) -> np.ndarray:
    term = measure.denominator
    if term is None:
        return np.full(len(sums), np.nan)
    if term.population:
        return rows.population()
    counts = sums[term.column].fillna(0).to_numpy(dtype="float64")
    if term.scope == "total":  # the total row's count (0 where there is none)
        return np.nan_to_num(_pick(counts, rows.like("group", TOTAL)), nan=0.0)
    return counts


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
            low = np.where(usable, low * scale, np.nan)
            high = np.where(usable, high * scale, np.nan)
            over = ok & ~usable  # more than the denominator (a rate above 100%): Poisson
            if over.any():
                poisson_low, poisson_high = _poisson(n[over])
                low[over] = poisson_low / d[over] * scale
                high[over] = poisson_high / d[over] * scale
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


def _compare(blocks: dict[str, dict], measure: Measure, sums: pd.DataFrame,
             rows: _Rows) -> None:
    """Each group against a reference group, or each measure against another measure."""
    block = blocks[measure.id]
    size = len(sums)
    block["comparison"] = ""
    block["comparison_value"] = np.full(size, np.nan)
    if measure.compare:
        kind, _, other = measure.compare.partition(":")
        mine = (sums.group != TOTAL).to_numpy()
        if kind == "reference_group":
            mine = mine & (sums.group != other).to_numpy()
            reference = rows.like("group", other)
            values = _pick(block["value"], reference)
            label = f"{measure.label}: {other}"
        elif kind == "measure":
            values = blocks[f"{measure.indicator.id}.{other}"]["value"]
            label = measure.indicator.measure(other).label
        else:
            raise ValueError(f"{measure.id}: unknown comparison {measure.compare!r}")
        block["comparison_value"] = np.where(mine, values, np.nan)
        compared = mine & ~np.isnan(block["comparison_value"])
        block["comparison"] = Labelled(compared.astype("int8"), ["", label])
    value, versus = block["value"], block["comparison_value"]
    with np.errstate(divide="ignore", invalid="ignore"):
        block["difference_points"] = value - versus
        block["difference_relative"] = np.where(np.nan_to_num(versus) != 0,
                                                (value / versus - 1) * 100, np.nan)


def _change_and_target(block: dict, measure: Measure, sums: pd.DataFrame,
                       previous: np.ndarray, target: Target | None, rows: _Rows) -> None:
    """Change against the previous period; the target, whether it is met, and RAG."""
    value = block["value"]
    block["previous_value"] = previous_value = _pick(value, previous)
    with np.errstate(divide="ignore", invalid="ignore"):
        block["change_points"] = value - previous_value
        block["change_relative"] = np.where(np.nan_to_num(previous_value) != 0,
                                            (value - previous_value) / previous_value * 100,
                                            np.nan)
    block["change"] = (block["change_relative"] if measure.change_kind == "relative"
                       else block["change_points"])
    size = len(sums)
    block["target"] = "" if target is None else target.describe()
    block["target_value"] = np.full(size, np.nan)
    block["met"] = np.full(size, None, dtype=object)
    block["rag"] = np.full(size, None, dtype=object)
    if target is None:
        return
    goal = _goal(sums, target, value, previous_value, rows)
    block["target_value"] = goal
    known = np.isfinite(goal) & np.isfinite(value)
    lower = target.kind in ("at_most", "reduction_relative", "reduction_points",
                            "year_on_year_reduction")
    gap = (value - goal) if lower else (goal - value)
    met = gap < 0 if target.kind == "year_on_year_reduction" else gap <= 0
    margin = measure.rag.amber_margin
    margins = np.abs(goal) * margin / 100 if measure.unit == "count" else margin
    rag = np.where(met, "green", np.where(gap <= margins, "amber", "red"))
    block["met"] = np.where(known, met, None)
    block["rag"] = np.where(known, rag, None)


def _goal(sums: pd.DataFrame, target: Target, value: np.ndarray,
          previous_value: np.ndarray, rows: _Rows) -> np.ndarray:
    if target.kind in ("at_least", "at_most"):
        return np.full(len(sums), float(target.value))
    if target.kind == "text":
        return np.full(len(sums), np.nan)
    if target.baseline:
        from yjhub.indicators.periods import parse_period

        label = parse_period(target.baseline).label
        baseline = _pick(value, rows.like("period", label))
    else:
        baseline = previous_value
    if target.kind == "reduction_relative":
        return baseline * (1 - target.value / 100)
    if target.kind == "reduction_points":
        return baseline - target.value
    return baseline  # year_on_year_reduction
