"""The YJB key performance indicators of 2006-2008, part 1, in pandas: prevention, early
intervention, custody, swift justice and assessment."""

from __future__ import annotations

import pandas as pd

from benchmarks.pandas_reference import Tables, age_on, headline, in_period, per_period, reference

#: The as-of date benchmarks/indicators.py gives the engine (an open programme runs up to it).
AS_OF = pd.Timestamp("2026-11-01")
ASSET_TOOLS = ["asset", "assetplus"]
HARM_CONCERN = ["medium", "high", "very_high"]


def _children(t: Tables) -> pd.DataFrame:
    return t.child[["child_id", "service_id"]]


def _sum_by_service(rows: pd.DataFrame, columns: list[str], period) -> pd.DataFrame:
    summed = rows.groupby("service_id", as_index=False)[columns].sum()
    summed.insert(0, "period", period.label)
    return summed


def _working_days(t: Tables) -> pd.Series:
    """Working days (weekends and the bank_holiday table's days skipped) up to and including
    each day of 1995-2045, indexed by day: a clock is the difference of two look-ups."""
    days = pd.date_range("1995-01-01", "2045-12-31", freq="D")
    holidays = t.bank_holiday.holiday_date.dropna()
    working = (days.dayofweek < 5) & ~days.isin(holidays)
    return pd.Series(working.cumsum(), index=days)


def _working_days_between(calendar: pd.Series, start: pd.Series, end: pd.Series) -> pd.Series:
    """Working days after ``start`` up to and including ``end``; NaN when either is missing."""
    counts = (calendar.reindex(end).to_numpy(dtype="float64")
              - calendar.reindex(start).to_numpy(dtype="float64"))
    return pd.Series(counts, index=start.index)


# -- Prevent offending ----------------------------------------------------------------------


@reference("yjb2006.fte")
def first_time_entrants_2006(t: Tables, periods) -> pd.DataFrame:
    """headline.fte's rule, reused unchanged."""
    return headline.first_time_entrants(t, periods)


@reference("yjb2006.prevention")
def prevention(t: Tables, periods) -> pd.DataFrame:
    before = pd.Timedelta(days=28)
    prog = t.intervention_programme
    prog = prog[prog.kind == "prevention"][["programme_id", "child_id", "start_date",
                                            "end_date"]]
    prog = prog.merge(_children(t), on="child_id")
    onset = t.assessment
    onset = onset[(onset.tool == "onset") & onset.completed_date.notna()]
    onset = onset[["child_id", "programme_id", "completed_date"]].rename(
        columns={"programme_id": "onset_programme"})
    matched = prog.merge(onset, on="child_id")
    window_end = matched.end_date.fillna(AS_OF)
    matched = matched[(matched.onset_programme == matched.programme_id)
                      | ((matched.completed_date >= matched.start_date - before)
                         & (matched.completed_date <= window_end))]
    prog = prog.assign(onset_assessed=prog.programme_id.isin(matched.programme_id).astype(int))
    parts = []
    for period in periods:
        rows = prog[in_period(prog.start_date, period)]
        children = rows.groupby(["service_id", "child_id"], as_index=False)[
            "onset_assessed"].max()
        children["identified"] = 1
        parts.append(_sum_by_service(children, ["identified", "onset_assessed"], period))
    return pd.concat(parts, ignore_index=True)


# -- Intervene early ------------------------------------------------------------------------


@reference("yjb2006.intervene_early")
def intervene_early(t: Tables, periods) -> pd.DataFrame:
    support = pd.Timedelta(days=28)
    before, after, threshold = pd.Timedelta(days=90), pd.Timedelta(days=0), 12
    fw = t.outcome[t.outcome.outcome_type == "final_warning"][
        ["outcome_id", "child_id", "outcome_date"]]
    fw = fw.merge(_children(t), on="child_id")

    # Supported: a programme linked to the warning, or an unlinked final warning
    # intervention programme starting on the warning date or up to 28 days after it.
    programme = t.intervention_programme
    linked = set(programme.outcome_id.dropna())
    unlinked = programme[(programme.programme_type == "final_warning_intervention")
                         & programme.outcome_id.isna()][["child_id", "start_date"]]
    nearby = fw.merge(unlinked, on="child_id")
    nearby = nearby[(nearby.start_date >= nearby.outcome_date)
                    & (nearby.start_date <= nearby.outcome_date + support)]
    supported = linked | set(nearby.outcome_id)

    # Eligible: the latest completed Asset from 90 days before the warning qualifies.
    top = t.assessment_section.groupby("assessment_id", as_index=False)["score"].max()
    asset = t.assessment
    asset = asset[asset.tool.isin(ASSET_TOOLS) & asset.completed_date.notna()]
    asset = asset[["assessment_id", "child_id", "completed_date", "total_score",
                   "risk_of_harm"]].merge(top, on="assessment_id", how="left")
    asset["qualifies"] = ((asset.total_score >= threshold)
                          | asset.risk_of_harm.isin(HARM_CONCERN)
                          | (asset.score == 4)).astype(int)
    candidates = fw[["outcome_id", "child_id", "outcome_date"]].merge(
        asset[["assessment_id", "child_id", "completed_date", "qualifies"]], on="child_id")
    candidates = candidates[
        (candidates.completed_date >= candidates.outcome_date - before)
        & (candidates.completed_date <= candidates.outcome_date + after)]
    candidates = candidates.sort_values(["outcome_id", "completed_date", "qualifies",
                                         "assessment_id"], ascending=False)
    latest = candidates.drop_duplicates("outcome_id").set_index("outcome_id").qualifies

    fw = fw.assign(final_warnings=1,
                   supported=fw.outcome_id.isin(supported).astype(int),
                   eligible=fw.outcome_id.map(latest).fillna(0).astype(int))
    fw["eligible_supported"] = fw.eligible * fw.supported
    columns = ["final_warnings", "supported", "eligible", "eligible_supported"]
    return per_period(fw, "outcome_date", columns, periods)


# -- Reduce the use of custody --------------------------------------------------------------


@reference("yjb2006.secure_remands")
def secure_remands(t: Tables, periods) -> pd.DataFrame:
    episodes = t.remand_episode.merge(_children(t), on="child_id")
    episodes = episodes.assign(
        secure=episodes.secure.fillna(False).astype(int),
        episodes_excluding_bail=(~episodes.remand_type.isin(
            ["conditional_bail", "unconditional_bail"])).astype(int),
        episodes_excluding_unconditional_bail=(
            episodes.remand_type != "unconditional_bail").astype(int))
    columns = ["secure", "episodes_excluding_bail", "episodes_excluding_unconditional_bail"]
    return per_period(episodes, "start_date", columns, periods)


@reference("yjb2006.custodial_sentences")
def custodial_sentences(t: Tables, periods) -> pd.DataFrame:
    child = t.child[["child_id", "service_id", "date_of_birth"]]
    court = t.outcome[t.outcome.court.fillna(False).astype(bool)].merge(child, on="child_id")
    court = court[age_on(court.date_of_birth, court.outcome_date).between(10, 17)]
    court = court.assign(custodial_sentences=(court.tier == "custody").astype(int),
                         court_disposals=1)
    columns = ["custodial_sentences", "court_disposals"]
    return per_period(court, "outcome_date", columns, periods)


# -- Swift administration of justice --------------------------------------------------------


@reference("yjb2006.psr_timeliness")
def psr_timeliness(t: Tables, periods) -> pd.DataFrame:
    reports = t.pre_sentence_report.merge(_children(t), on="child_id")
    taken = _working_days_between(_working_days(t), reports.requested_date,
                                  reports.submitted_date)
    pyo = reports.persistent_young_offender.fillna(False).astype(bool)
    on_time = taken <= pyo.map({True: 10, False: 15})
    reports = reports.assign(pyo_reports=pyo.astype(int),
                             pyo_on_time=(pyo & on_time).astype(int),
                             other_reports=(~pyo).astype(int),
                             other_on_time=(~pyo & on_time).astype(int))
    columns = ["pyo_reports", "pyo_on_time", "other_reports", "other_on_time"]
    parts = [_sum_by_service(reports[in_period(reports.requested_date, period)], columns,
                             period)
             for period in periods]
    return pd.concat(parts, ignore_index=True)


# -- Assessment, planning and supervision ---------------------------------------------------


ASSET_STAGE_COLUMNS = ["community_started", "community_start_done", "community_ended",
                       "community_closure_done", "custody_started", "custody_start_done",
                       "custody_released", "custody_transfer_done", "custody_ended",
                       "custody_closure_done"]


@reference("yjb2006.asset_completion")
def asset_completion(t: Tables, periods) -> pd.DataFrame:
    a = t.assessment
    a = a[a.tool.isin(ASSET_TOOLS) & a.completed_date.notna() & a.programme_id.notna()]
    done = {stage: set(a.programme_id[a.stage == stage])
            for stage in ("start", "transfer", "closure")}

    p = t.intervention_programme
    p = p[(p.kind == "custody")
          | ((p.kind == "community") & ~p.programme_type.isin(["bail_supervision"]))]
    p = p.merge(_children(t), on="child_id")
    community = (p.kind == "community").astype(int)
    custody = (p.kind == "custody").astype(int)
    start, transfer, closure = (p.programme_id.isin(done[s]).astype(int)
                                for s in ("start", "transfer", "closure"))
    zero = pd.Series(0, index=p.index)
    p = p.assign(**{name: zero for name in ASSET_STAGE_COLUMNS})
    # one frame per stage, each placed by its own date
    stages = {
        "start_date": p.assign(community_started=community,
                               community_start_done=community * start,
                               custody_started=custody, custody_start_done=custody * start),
        "end_date": p.assign(community_ended=community,
                             community_closure_done=community * closure,
                             custody_ended=custody, custody_closure_done=custody * closure),
        "custody_release_date": p.assign(custody_released=custody,
                                         custody_transfer_done=custody * transfer),
    }
    parts = []
    for period in periods:
        rows = pd.concat([frame[in_period(frame[date], period)]
                          for date, frame in stages.items()], ignore_index=True)
        parts.append(_sum_by_service(rows, ASSET_STAGE_COLUMNS, period))
    return pd.concat(parts, ignore_index=True)


@reference("yjb2006.dto_training_plan")
def dto_training_plan(t: Tables, periods) -> pd.DataFrame:
    p = t.intervention_programme
    dto = p[p.programme_type == "detention_training_order"].merge(_children(t), on="child_id")
    taken = _working_days_between(_working_days(t), dto.start_date, dto.plan_date)
    dto = dto.assign(dto_orders=1, plan_on_time=(taken <= 10).astype(int))
    columns = ["dto_orders", "plan_on_time"]
    return per_period(dto, "start_date", columns, periods)
