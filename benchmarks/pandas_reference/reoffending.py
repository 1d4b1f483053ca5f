"""Proven reoffending in pandas: the Ministry of Justice quarterly cohorts, the live tracker,
the 2006-08 YJB cohorts and disproportionality (its figures for all groups together).

The same three steps as ``yjhub.indicators.definitions.reoffending``: each child's first
index event in a cohort (10 to 17 on its date), the proven offences (not breaches, with a
substantive outcome), and for each (child, index day) the proven offences that fall in the
follow-up windows. Dates are compared as YYYYMMDD keys, windows of n months from the index
end before the same day n months later (an impossible day such as 31 February still
compares correctly).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from benchmarks.pandas_reference import TIER_RANK, Tables, age_on, in_period, reference, ymd
from yjhub.schema.codelists import code_list

# The parameters of headline-reoffending.yaml and yjb2006-reoffending.yaml.
NON_CUSTODIAL = ["pre_court", "first_tier", "community"]
FOLLOW_UP_MONTHS = 12
WAITING_MONTHS = 6
FOLLOW_UP_QUARTERS = 4
POOL_YEARS = 3
#: The as-of date benchmarks/indicators.py gives the engine.
AS_OF_KEY = 20261101


def _key(day) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def months_later(keys: pd.Series, months: int) -> pd.Series:
    """The key of the same day ``months`` months after each key."""
    year, month, day = keys // 10000, (keys // 100) % 100, keys % 100
    total = year * 12 + (month - 1) + months
    return (total // 12) * 10000 + (total % 12 + 1) * 100 + day


def _sum_by_service(rows: pd.DataFrame, columns: list[str], label: str,
                    by: tuple[str, ...] = ()) -> pd.DataFrame:
    summed = rows.groupby(["service_id", *by], as_index=False)[columns].sum()
    summed.insert(0, "period", label)
    return summed


# -- 1. index events -------------------------------------------------------------------------


def index_events(t: Tables, *, tiers: list[str] | None, releases: bool, low: int,
                 high: int) -> pd.DataFrame:
    """Substantive outcomes of the tiers (any when None) and, with ``releases``, releases from
    custody (dated by the release, tier custody), with keys from ``low`` to ``high``."""
    o = t.outcome
    chosen = o.substantive.fillna(False).astype(bool)
    if tiers is not None:
        chosen &= o.tier.isin(tiers)
    events = o.loc[chosen, ["child_id", "outcome_id", "outcome_date", "tier"]].rename(
        columns={"outcome_id": "event_id", "outcome_date": "index_date"})
    events["index_outcome_id"] = events.event_id
    if releases:
        custody_types = [c.code for c in code_list("programme_type").codes
                         if c.attributes.get("kind") == "custody"]
        p = t.intervention_programme
        kind = p.kind.fillna(pd.Series(np.where(p.programme_type.isin(custody_types),
                                                "custody", ""), index=p.index))
        p = p[(kind == "custody") & p.custody_release_date.notna()]
        released = pd.DataFrame({"child_id": p.child_id, "event_id": p.programme_id,
                                 "index_date": p.custody_release_date, "tier": "custody",
                                 "index_outcome_id": p.outcome_id})
        events = pd.concat([events, released], ignore_index=True)
    events["index_key"] = ymd(events.index_date)
    events["rank"] = events.tier.map(TIER_RANK).fillna(0)
    return events[(events.index_key >= low) & (events.index_key <= high)]


def first_event(events: pd.DataFrame, cohort: list[str]) -> pd.DataFrame:
    """Each child's first event in each cohort: the earliest, then the more serious tier,
    then the lowest event id."""
    events = events.sort_values(["index_key", "rank", "event_id"],
                                ascending=[True, False, True])
    return events.drop_duplicates(["child_id", *cohort])


def aged_10_to_17_on_index(t: Tables, index: pd.DataFrame) -> pd.DataFrame:
    joined = index.merge(t.child[["child_id", "service_id", "date_of_birth"]], on="child_id")
    age = age_on(joined.date_of_birth, joined.index_date)
    return joined[(age >= 10) & (age <= 17)].drop(columns="date_of_birth")


def key_range(periods, *, years_before: int = 0, whole_quarters: bool = False):
    low = min(_key(p.start) for p in periods) - 10000 * years_before
    if whole_quarters:
        year, month = low // 10000, (low // 100) % 100
        low = year * 10000 + (((month - 1) // 3) * 3 + 1) * 100 + 1
    return low, max(_key(p.end) for p in periods)


# -- 2. proven offences ----------------------------------------------------------------------


def proven_offences(t: Tables) -> pd.DataFrame:
    """Offences other than breaches with a substantive outcome: child_id, p_outcome,
    p_committed and p_proven (keys)."""
    offence = t.offence[~t.offence.breach.fillna(False).astype(bool)]
    outcome = t.outcome[t.outcome.substantive.fillna(False).astype(bool)]
    joined = offence[["child_id", "outcome_id", "committed_date"]].merge(
        outcome[["outcome_id", "outcome_date"]], on="outcome_id")
    return pd.DataFrame({"child_id": joined.child_id, "p_outcome": joined.outcome_id,
                         "p_committed": ymd(joined.committed_date),
                         "p_proven": ymd(joined.outcome_date)})


# -- 3. counting -----------------------------------------------------------------------------


def new_offence(j: pd.DataFrame) -> pd.Series:
    """Committed on or after the index date, not proven on it, not of the index outcome."""
    own = j.p_outcome == j.index_outcome_id
    return (j.p_committed >= j.index_key) & (j.p_proven != j.index_key) & ~own


def reoffence(j: pd.DataFrame, follow_up: int, waiting: int) -> pd.Series:
    return (new_offence(j) & (j.p_committed < months_later(j.index_key, follow_up))
            & (j.p_proven < months_later(j.index_key, follow_up + waiting)))


def count_offences(index: pd.DataFrame, proven: pd.DataFrame,
                   conditions: Callable[[pd.DataFrame], dict[str, pd.Series]]) -> pd.DataFrame:
    """``index`` with one column per condition: the child's proven offences for which it
    holds, counted once per (child, index day)."""
    keys = index.groupby(["child_id", "index_key"], as_index=False)["index_outcome_id"].max()
    joined = keys.merge(proven, on="child_id")
    flags = pd.DataFrame({name: cond.astype("int64")
                          for name, cond in conditions(joined).items()})
    flags[["child_id", "index_key"]] = joined[["child_id", "index_key"]]
    counts = flags.groupby(["child_id", "index_key"], as_index=False).sum()
    out = index.merge(counts, on=["child_id", "index_key"], how="left")
    names = [c for c in counts.columns if c not in ("child_id", "index_key")]
    out[names] = out[names].fillna(0).astype("int64")
    return out


def moj_cohorts(t: Tables, periods, proven: pd.DataFrame, *, years_before: int = 0):
    """The Ministry of Justice quarterly cohorts (each child's first caution, non-custodial
    conviction or release in each financial quarter, aged 10-17), with cohort, reoffenders
    and reoffences."""
    low, high = key_range(periods, years_before=years_before, whole_quarters=True)
    events = index_events(t, tiers=NON_CUSTODIAL, releases=True, low=low, high=high)
    month = events.index_date.dt.month
    events["quarter"] = events.index_date.dt.year * 100 + ((month - 1) // 3) * 3 + 1
    index = aged_10_to_17_on_index(t, first_event(events, ["quarter"]))
    index = count_offences(index, proven, lambda j: {
        "reoffences": reoffence(j, FOLLOW_UP_MONTHS, WAITING_MONTHS)})
    return index.assign(cohort=1, reoffenders=(index.reoffences > 0).astype("int64"))


def in_pooled_window(keys: pd.Series, period, years_before: int) -> pd.Series:
    return (keys >= _key(period.start) - 10000 * years_before) & (keys <= _key(period.end))


def period_cohorts(t: Tables, periods, *, tiers: list[str] | None,
                   releases: bool) -> pd.DataFrame:
    """Each child's first event in each period (aged 10-17 on it), with a period column."""
    low, high = key_range(periods)
    events = index_events(t, tiers=tiers, releases=releases, low=low, high=high)
    parts = []
    for period in periods:
        first = first_event(events[in_period(events.index_date, period)], [])
        parts.append(first.assign(period=period.label))
    return aged_10_to_17_on_index(t, pd.concat(parts, ignore_index=True))


# -- the indicators --------------------------------------------------------------------------


COHORT_COLUMNS = ["cohort", "reoffenders", "reoffences"]


@reference("headline.reoffending")
def proven_reoffending(t: Tables, periods) -> pd.DataFrame:
    index = moj_cohorts(t, periods, proven_offences(t))
    parts = []
    for period in periods:
        rows = index[in_period(index.index_date, period)]
        parts.append(_sum_by_service(rows, COHORT_COLUMNS, period.label))
    return pd.concat(parts, ignore_index=True)


@reference("headline.reoffending_tracker")
def reoffending_tracker(t: Tables, periods) -> pd.DataFrame:
    index = period_cohorts(t, periods, tiers=None, releases=False)
    quarters = range(1, FOLLOW_UP_QUARTERS + 1)
    index = count_offences(index, proven_offences(t), lambda j: {
        f"q{k}": (new_offence(j) & (j.p_proven <= AS_OF_KEY)
                  & (j.p_committed < months_later(j.index_key, 3 * k))) for k in quarters})
    rows = pd.concat([
        pd.DataFrame({"period": index.period, "service_id": index.service_id,
                      "follow_up_quarter": k, "cohort": 1,
                      "reoffenders": (index[f"q{k}"] > 0).astype("int64"),
                      "reoffences": index[f"q{k}"]})
        for k in quarters], ignore_index=True)
    parts = []
    for period in periods:
        chosen = rows[rows.period == period.label]
        parts.append(_sum_by_service(chosen, COHORT_COLUMNS, period.label,
                                     by=("follow_up_quarter",)))
    return pd.concat(parts, ignore_index=True)


@reference("yjb2006.reoffending_cohort")
def reoffending_cohort_2006(t: Tables, periods) -> pd.DataFrame:
    index = period_cohorts(t, periods, tiers=NON_CUSTODIAL, releases=True)
    index = count_offences(index, proven_offences(t), lambda j: {
        "after_12": reoffence(j, 12, WAITING_MONTHS),
        "after_24": reoffence(j, 24, WAITING_MONTHS)})
    index = index.assign(cohort=1, reoffended_12=(index.after_12 > 0).astype("int64"),
                         reoffended_24=(index.after_24 > 0).astype("int64"))
    parts = []
    for period in periods:
        rows = index[index.period == period.label]
        parts.append(_sum_by_service(rows, ["cohort", "reoffended_12", "reoffended_24"],
                                     period.label))
    return pd.concat(parts, ignore_index=True)


@reference("headline.disproportionality")
def disproportionality(t: Tables, periods) -> pd.DataFrame:
    """All groups together: the pooled quarterly cohorts, first-time entrants and children
    with a substantive outcome in the period and the pool_years - 1 years before it."""
    before = POOL_YEARS - 1
    cohorts = moj_cohorts(t, periods, proven_offences(t), years_before=before)

    child = t.child[["child_id", "service_id", "date_of_birth"]]
    outcomes = t.outcome[t.outcome.substantive.fillna(False).astype(bool)].merge(
        child, on="child_id")
    outcomes = outcomes.assign(rank=outcomes.tier.map(TIER_RANK).fillna(0),
                               day_key=ymd(outcomes.outcome_date))
    first = outcomes.sort_values(["child_id", "outcome_date", "rank", "outcome_id"],
                                 ascending=[True, True, False, True]).drop_duplicates("child_id")
    first = first[age_on(first.date_of_birth, first.outcome_date).between(10, 17)]
    aged = outcomes[age_on(outcomes.date_of_birth, outcomes.outcome_date).between(10, 17)]

    columns = [*COHORT_COLUMNS, "fte", "substantive_children"]
    parts = []
    for period in periods:
        pooled = cohorts[in_pooled_window(cohorts.index_key, period, before)]
        entrants = first[in_pooled_window(first.day_key, period, before)].assign(fte=1)
        children = aged[in_pooled_window(aged.day_key, period, before)]
        children = children[["service_id", "child_id"]].drop_duplicates().assign(
            substantive_children=1)
        rows = pd.concat([pooled[["service_id", *COHORT_COLUMNS]],
                          entrants[["service_id", "fte"]],
                          children[["service_id", "substantive_children"]]],
                         ignore_index=True)
        rows[columns] = rows[columns].fillna(0).astype("int64")
        parts.append(_sum_by_service(rows, columns, period.label))
    return pd.concat(parts, ignore_index=True)
