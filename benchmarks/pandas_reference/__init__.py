"""A straightforward pandas implementation of the indicator definitions: the baseline the
benchmark compares the engine with.

Written the way an analyst would write it in a notebook: read the tables into pandas, apply
the rule, loop over the periods, group by service. Each module mirrors one module of
``yjhub.indicators.definitions`` and registers, per indicator, a function returning one row
per (period, service_id) with the same summed columns the engine's definition produces; the
harness turns them into numerators and denominators per measure and checks them against the
engine's.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

import numpy as np
import pandas as pd

REFERENCES: dict[str, Callable] = {}
MODULES = ("headline", "reoffending", "kpi2023", "yjb2006", "yjb2006_support")
TIER_RANK = {"diversion": 0, "pre_court": 1, "first_tier": 2, "community": 3, "custody": 4}


def reference(indicator_id: str):
    def register(function):
        REFERENCES[indicator_id] = function
        return function

    return register


class Tables:
    """The national tables, read from Parquet on first use, dates as datetime64."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._cache: dict[str, pd.DataFrame] = {}

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._cache:
            path = self.folder / f"{name}.parquet"
            frame = pd.read_parquet(path)
            for column in frame.columns:
                if frame[column].dtype == object and len(frame) and _is_date(frame[column]):
                    frame[column] = pd.to_datetime(frame[column])
            self._cache[name] = frame
        return self._cache[name]


def _is_date(series: pd.Series) -> bool:
    import datetime as dt

    sample = series.dropna()
    return len(sample) > 0 and isinstance(sample.iloc[0], dt.date)


def age_on(dob: pd.Series, day: pd.Series) -> pd.Series:
    """Whole years: (YYYYMMDD of day - YYYYMMDD of birth) // 10000."""
    return (ymd(day) - ymd(dob)) // 10000


def ymd(day: pd.Series) -> pd.Series:
    return day.dt.year * 10000 + day.dt.month * 100 + day.dt.day


def in_period(dates: pd.Series, period) -> pd.Series:
    return (dates >= pd.Timestamp(period.start)) & (dates <= pd.Timestamp(period.end))


def per_period(frame: pd.DataFrame, date_column: str, columns: list[str],
               periods) -> pd.DataFrame:
    """For each period: the rows whose date falls in it, summed by service."""
    parts = []
    for period in periods:
        rows = frame[in_period(frame[date_column], period)]
        summed = rows.groupby("service_id", as_index=False)[columns].sum()
        summed.insert(0, "period", period.label)
        parts.append(summed)
    return pd.concat(parts, ignore_index=True)


def population_by_period(t: Tables, periods) -> pd.DataFrame:
    """The 10-17 population of each service for each period (the mid-year estimate of the
    year the financial year starts, or the latest before it)."""
    pop = t.population
    pop = pop[(pop.age >= 10) & (pop.age <= 17)]
    totals = pop.groupby(["service_id", "year"], as_index=False)["population"].sum()
    years = sorted(totals.year.unique())
    parts = []
    for period in periods:
        year = period.start.year if period.start.month >= 4 else period.start.year - 1
        usable = [y for y in years if y <= year] or years
        chosen = max(usable) if usable[0] <= year else min(usable)
        rows = totals[totals.year == chosen][["service_id", "population"]].copy()
        rows.insert(0, "period", period.label)
        parts.append(rows)
    return pd.concat(parts, ignore_index=True)


def _dimensions(sums: pd.DataFrame, dimensions) -> pd.Series:
    """The indicator's dimensions as the engine labels them ("k=v;k=v"), "" without any."""
    if not dimensions:
        return pd.Series("", index=sums.index)
    parts = [name + "=" + sums[name].astype(str) for name in dimensions]
    return parts[0].str.cat(parts[1:], sep=";") if len(parts) > 1 else parts[0]


def compute_all(folder: Path, periods, *, only: list[str] | None = None) -> pd.DataFrame:
    """Numerator and denominator of every measure the reference implements, by measure,
    period, service and dimensions (an indicator's ``dimensions``, such as the follow-up
    quarter, labelled as the engine does; "" for the others), for the periods and the ones
    before them (as the engine does)."""
    from yjhub.indicators.catalogue import catalogue

    for module in MODULES:
        import_module(f"benchmarks.pandas_reference.{module}")
    t = Tables(folder)
    everything = list(periods)
    everything += [p.previous() for p in periods if p.previous() not in everything]
    wanted = {p.label for p in periods}
    population = None
    out = []
    for indicator in catalogue().select(only or None):
        function = REFERENCES.get(indicator.id)
        if function is None:
            continue
        sums = function(t, everything)
        sums = sums[sums.period.isin(wanted)]
        for measure in indicator.measures:
            frame = sums[["period", "service_id"]].rename(columns={"service_id": "unit_id"})
            frame.insert(0, "measure", measure.id)
            frame["dimensions"] = _dimensions(sums, indicator.dimensions)
            frame["numerator"] = sums[measure.numerator.column].astype("int64").to_numpy()
            term = measure.denominator
            if term is None:
                frame["denominator"] = np.nan
            elif term.population:
                if population is None:
                    population = population_by_period(t, everything)
                merged = frame.merge(population.rename(columns={"service_id": "unit_id"}),
                                     on=["period", "unit_id"], how="left")
                frame["denominator"] = merged["population"].astype("float64").to_numpy()
            else:
                frame["denominator"] = sums[term.column].astype("float64").to_numpy()
            out.append(frame)
    return pd.concat(out, ignore_index=True)
