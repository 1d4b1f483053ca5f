"""Headline indicators in pandas: first-time entrants, use of custody, remands."""

from __future__ import annotations

import pandas as pd

from benchmarks.pandas_reference import (
    TIER_RANK,
    Tables,
    age_on,
    in_period,
    per_period,
    reference,
)


@reference("headline.fte")
def first_time_entrants(t: Tables, periods) -> pd.DataFrame:
    outcomes = t.outcome[t.outcome.substantive.fillna(False).astype(bool)]
    outcomes = outcomes.merge(t.child[["child_id", "service_id", "date_of_birth"]],
                              on="child_id")
    outcomes = outcomes.assign(rank=outcomes.tier.map(TIER_RANK).fillna(0))
    outcomes = outcomes.sort_values(["child_id", "outcome_date", "rank", "outcome_id"],
                                    ascending=[True, True, False, True])
    first = outcomes.drop_duplicates("child_id")
    age = age_on(first.date_of_birth, first.outcome_date)
    first = first[(age >= 10) & (age <= 17)].assign(fte=1)
    return per_period(first, "outcome_date", ["fte"], periods)


@reference("headline.custody")
def use_of_custody(t: Tables, periods) -> pd.DataFrame:
    child = t.child[["child_id", "service_id", "date_of_birth"]]
    court = t.outcome[t.outcome.court.fillna(False).astype(bool)].merge(child, on="child_id")
    court = court[age_on(court.date_of_birth, court.outcome_date).between(10, 17)]
    court = court.assign(custodial=(court.tier == "custody").astype(int))
    hearings = t.court_appearance.merge(child, on="child_id")
    hearings = hearings[age_on(hearings.date_of_birth, hearings.appearance_date).between(10, 17)]
    parts = []
    for period in periods:
        sentences = court[in_period(court.outcome_date, period)]
        by_service = sentences.groupby("service_id").agg(
            custodial_sentences=("custodial", "sum"), court_disposals=("custodial", "size"))
        appearing = hearings[in_period(hearings.appearance_date, period)]
        children = appearing[["child_id", "service_id"]].drop_duplicates()
        custody_children = set(sentences[sentences.custodial == 1].child_id)
        children = children.assign(custody=children.child_id.isin(custody_children).astype(int))
        by_child = children.groupby("service_id").agg(
            children_appearing=("child_id", "size"), children_custody=("custody", "sum"))
        summed = by_service.join(by_child, how="outer").fillna(0).astype("int64").reset_index()
        summed.insert(0, "period", period.label)
        parts.append(summed)
    return pd.concat(parts, ignore_index=True)


@reference("headline.remand")
def remands(t: Tables, periods) -> pd.DataFrame:
    episodes = t.remand_episode.merge(t.child[["child_id", "service_id"]], on="child_id")
    episodes = episodes.assign(
        secure=episodes.secure.fillna(False).astype(int),
        episodes_excluding_unconditional_bail=(
            episodes.remand_type != "unconditional_bail").astype(int))
    return per_period(episodes, "start_date",
                      ["secure", "episodes_excluding_unconditional_bail"], periods)
