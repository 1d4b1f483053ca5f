"""The YJB key performance indicators of 2006-2008, part 2, in pandas: ETE, accommodation,
mental health (CAMHS), substance misuse, restorative justice, parenting and race."""

from __future__ import annotations

import pandas as pd

from benchmarks.pandas_reference import Tables, age_on, in_period, per_period, reference
from benchmarks.pandas_reference.yjb2006 import (
    AS_OF,
    ASSET_TOOLS,
    _sum_by_service,
    _working_days,
    _working_days_between,
)

SUPERVISED = ["out_of_court", "community", "custody"]
NOT_IN_ETE = ["neet", "not_known"]


def _children(t: Tables) -> pd.DataFrame:
    return t.child[["child_id", "service_id"]]


def _end_status(t: Tables, columns: list[str]) -> pd.DataFrame:
    status = t.programme_status
    return status[status.stage == "end"][["programme_id", *columns]]


def _flag(values: pd.Series) -> pd.Series:
    """1 where true, 0 where false or blank."""
    return values.fillna(False).astype(bool).astype(int)


def _last_per_child(rows: pd.DataFrame, columns: list[str], periods) -> list:
    """For each period, the rows whose ``date`` falls in it, one per child (``rows`` sorted
    latest first), summed by service."""
    parts = []
    for period in periods:
        last = rows[in_period(rows.date, period)].drop_duplicates("child_id")
        parts.append(_sum_by_service(last, columns, period))
    return parts


# -- ETE ------------------------------------------------------------------------------------


@reference("yjb2006.ete")
def education_training_employment(t: Tables, periods) -> pd.DataFrame:
    school_hours, post16_hours = 25, 16
    p = t.intervention_programme
    p = p[p.kind.isin(SUPERVISED) & p.end_date.notna()]
    p = p[["programme_id", "child_id", "start_date", "end_date"]].merge(
        t.child[["child_id", "service_id", "date_of_birth"]], on="child_id")
    p = p.merge(_end_status(t, ["ete_type", "ete_hours", "ete_suitable"]),
                on="programme_id", how="left")
    needed = (age_on(p.date_of_birth, p.end_date) < 16).map({True: school_hours,
                                                             False: post16_hours})
    in_ete = p.ete_type.notna() & ~p.ete_type.isin(NOT_IN_ETE)
    full_time = in_ete & (p.ete_hours >= needed)
    p = p.assign(date=p.end_date, children=1, full_time=full_time.astype(int),
                 suitable_full_time=(full_time & p.ete_suitable.fillna(False).astype(bool))
                 .astype(int))
    p = p.sort_values(["end_date", "start_date", "programme_id"], ascending=False)
    columns = ["children", "full_time", "suitable_full_time"]
    return pd.concat(_last_per_child(p, columns, periods), ignore_index=True)


# -- accommodation --------------------------------------------------------------------------


@reference("yjb2006.accommodation")
def accommodation(t: Tables, periods) -> pd.DataFrame:
    p = t.intervention_programme
    p = p[p.kind.isin(SUPERVISED)]
    p = p.assign(date=p.custody_release_date.where(p.kind == "custody", p.end_date))
    p = p[p.date.notna()][["programme_id", "child_id", "start_date", "date"]]
    p = p.merge(_children(t), on="child_id")
    p = p.merge(_end_status(t, ["accommodation_suitable"]), on="programme_id", how="left")
    p = p.assign(children=1, suitable=_flag(p.accommodation_suitable))
    p = p.sort_values(["date", "start_date", "programme_id"], ascending=False)
    return pd.concat(_last_per_child(p, ["children", "suitable"], periods), ignore_index=True)


# -- mental health --------------------------------------------------------------------------


def _referrals(t: Tables, service: str) -> pd.DataFrame:
    r = t.referral
    return r[r.referral_service == service].merge(_children(t), on="child_id")


@reference("yjb2006.camhs")
def camhs(t: Tables, periods) -> pd.DataFrame:
    acute_days, non_acute_days = 5, 15
    r = _referrals(t, "camhs")
    taken = _working_days_between(_working_days(t), r.received_date, r.assessment_date)
    acute = r.urgency.fillna("non_acute") == "acute"
    in_time = taken <= acute.map({True: acute_days, False: non_acute_days})
    r = r.assign(acute=acute.astype(int), acute_in_time=(acute & in_time).astype(int),
                 non_acute=(~acute).astype(int),
                 non_acute_in_time=(~acute & in_time).astype(int))
    columns = ["acute", "acute_in_time", "non_acute", "non_acute_in_time"]
    return per_period(r, "received_date", columns, periods)


# -- substance misuse -----------------------------------------------------------------------


SUBSTANCE_COLUMNS = ["assessments", "screened", "referrals_received", "assessed_in_time",
                     "referrals_assessed", "treated_in_time"]


@reference("yjb2006.substance_misuse")
def substance_misuse(t: Tables, periods) -> pd.DataFrame:
    assessment_days, treatment_days = 5, 10
    a = t.assessment
    a = a[(a.stage == "start") & a.tool.isin(ASSET_TOOLS) & a.completed_date.notna()]
    a = a[["child_id", "completed_date", "substance_screened"]].merge(_children(t),
                                                                      on="child_id")
    a = a.assign(assessments=1, screened=_flag(a.substance_screened))

    calendar = _working_days(t)
    r = _referrals(t, "substance_misuse")
    to_assessment = _working_days_between(calendar, r.received_date, r.assessment_date)
    to_treatment = _working_days_between(calendar, r.assessment_date, r.intervention_date)
    r = r.assign(referrals_received=1,
                 assessed_in_time=(to_assessment <= assessment_days).astype(int),
                 referrals_assessed=1,
                 treated_in_time=(to_treatment <= treatment_days).astype(int))

    # three kinds of rows, each placed by its own date
    stages = [(a, "completed_date", ["assessments", "screened"]),
              (r, "received_date", ["referrals_received", "assessed_in_time"]),
              (r, "assessment_date", ["referrals_assessed", "treated_in_time"])]
    parts = []
    for period in periods:
        rows = pd.concat([frame[in_period(frame[date], period)][["service_id", *columns]]
                          for frame, date, columns in stages], ignore_index=True)
        rows = rows.fillna(0)
        parts.append(_sum_by_service(rows, SUBSTANCE_COLUMNS, period))
    return pd.concat(parts, ignore_index=True)


# -- restorative justice --------------------------------------------------------------------


@reference("yjb2006.restorative_justice")
def restorative_justice(t: Tables, periods) -> pd.DataFrame:
    v = t.victim[t.victim.referred_date.notna()]
    v = v.merge(t.offence[["offence_id", "child_id"]], on="offence_id")
    v = v.merge(_children(t), on="child_id")
    took_part = v.rj_participated.fillna(False).astype(bool)
    v = v.assign(victims=1, offered=_flag(v.rj_offered), participated=took_part.astype(int),
                 satisfied=(took_part & v.satisfied.fillna(False).astype(bool)).astype(int))
    columns = ["victims", "offered", "participated", "satisfied"]
    return per_period(v, "referred_date", columns, periods)


# -- parenting ------------------------------------------------------------------------------


@reference("yjb2006.parenting")
def parenting(t: Tables, periods) -> pd.DataFrame:
    out_of_court_types = ["final_warning_intervention"]
    custody_types = ["detention_training_order"]
    custody_from = pd.Timestamp("2007-04-01")

    p = t.intervention_programme
    eligible = (p.programme_type.isin(out_of_court_types) | (p.kind == "community")
                | (p.programme_type.isin(custody_types) & (p.start_date >= custody_from)))
    p = p[eligible][["programme_id", "child_id", "start_date", "end_date"]]
    p = p.assign(window_end=p.end_date.fillna(AS_OF))

    # supported: a parenting intervention for the child started during the programme
    work = t.parenting_intervention
    work = work[work.started_date.notna()][["child_id", "started_date"]]
    matched = p.merge(work, on="child_id")
    matched = matched[(matched.started_date >= matched.start_date)
                      & (matched.started_date <= matched.window_end)]
    p = p.assign(supported=p.programme_id.isin(matched.programme_id).astype(int))
    p = p.merge(_children(t), on="child_id")

    done = t.parenting_intervention
    done = done[done.completed_date.notna()].merge(_children(t), on="child_id")
    done = done.assign(completed=1, satisfied=_flag(done.parent_satisfied))

    parts = []
    for period in periods:
        rows = p[in_period(p.start_date, period)]
        children = rows.groupby(["service_id", "child_id"], as_index=False)["supported"].max()
        children = children.assign(children=1).groupby("service_id")[
            ["children", "supported"]].sum()
        parents = done[in_period(done.completed_date, period)].groupby("service_id")[
            ["completed", "satisfied"]].sum()
        summed = children.join(parents, how="outer").fillna(0).astype("int64").reset_index()
        summed.insert(0, "period", period.label)
        parts.append(summed)
    return pd.concat(parts, ignore_index=True)


# -- race -----------------------------------------------------------------------------------


def _census_year(censuses: pd.Series, year: int) -> int:
    """The census year nearest ``year`` (the later one on a tie)."""
    return min(censuses, key=lambda census: (abs(census - year), -census))


@reference("yjb2006.race")
def race(t: Tables, periods) -> pd.DataFrame:
    o = t.outcome[t.outcome.substantive.fillna(False).astype(bool)]
    o = o[["child_id", "outcome_date"]].merge(
        t.child[["child_id", "service_id", "date_of_birth"]], on="child_id")
    o = o[age_on(o.date_of_birth, o.outcome_date).between(10, 17)]

    pe = t.population_ethnicity
    by_census = pe.groupby(["service_id", "census_year"])["population"].sum().reset_index()
    censuses = by_census.groupby("service_id")["census_year"].unique()

    parts = []
    for period in periods:
        offenders = o[in_period(o.outcome_date, period)][["service_id", "child_id"]]
        offenders = offenders.drop_duplicates().groupby("service_id").size().rename(
            "offenders")
        year = period.start.year if period.start.month >= 4 else period.start.year - 1
        chosen = censuses.map(lambda years, year=year: _census_year(years, year))
        census = by_census.merge(chosen.rename("census_year").reset_index(),
                                 on=["service_id", "census_year"])
        population = census.set_index("service_id")["population"]
        summed = pd.concat([offenders, population], axis=1).fillna(0).astype("int64")
        summed = summed.assign(all_offenders=summed.offenders,
                               all_population=summed.population)
        summed = summed.rename_axis("service_id").reset_index()
        summed.insert(0, "period", period.label)
        parts.append(summed)
    return pd.concat(parts, ignore_index=True)
