"""Key performance indicators from April 2023 (KPIs 1-10) in pandas.

KPIs 1-5 and 8 share one cohort: for each period, the children whose order or programme ended
in it, each once, with the end status of the last programme that ended in the period.
"""

from __future__ import annotations

import pandas as pd

from benchmarks.pandas_reference import Tables, in_period, reference
from yjhub.schema.codelists import code_list

# The parameters of kpi2023.yaml.
OOC_KINDS = ["out_of_court"]
COMPLETED_REASONS = ["completed"]
BOARD_AGENCIES = ["police", "probation", "health", "education", "childrens_social_care",
                  "local_authority"]
WIDER_SERVICES = ["early_help", "child_in_need", "child_protection", "looked_after"]
SERIOUS_VIOLENCE_CATEGORIES = ["violence_against_the_person", "robbery", "drugs"]
MIN_GRAVITY = 5
NOT_IN_ETE = ["neet", "not_known"]


def _yes(values: pd.Series) -> pd.Series:
    """True where recorded as yes; blank counts as no."""
    return values.fillna(False).astype(bool)


def _summed(rows: pd.DataFrame, columns: list[str], label: str) -> pd.DataFrame:
    summed = rows.groupby("service_id", as_index=False)[columns].sum()
    summed.insert(0, "period", label)
    return summed


def ended_programmes(t: Tables) -> pd.DataFrame:
    """Every programme with an end date, its kind (from the programme type's code list when
    blank) and the child's service."""
    kinds = {c.code: c.attributes["kind"] for c in code_list("programme_type").codes}
    programmes = t.intervention_programme
    programmes = programmes[programmes.end_date.notna()]
    programmes = programmes[["programme_id", "child_id", "programme_type", "kind",
                             "start_date", "end_date", "end_reason"]]
    programmes = programmes.assign(
        kind=programmes.kind.fillna(programmes.programme_type.map(kinds)))
    return programmes.merge(t.child[["child_id", "service_id"]], on="child_id")


def closing_status(t: Tables, periods) -> pd.DataFrame:
    """One row per period and child whose order or programme ended in it: the last programme
    that ended in the period (ties: latest start, then highest programme_id) and its end
    status (columns blank when none is recorded), with a ``period`` column."""
    ended = ended_programmes(t).sort_values(
        ["child_id", "end_date", "start_date", "programme_id"],
        ascending=[True, False, False, False])
    status = t.programme_status
    status = status[status.stage == "end"].drop(columns="stage")
    parts = []
    for period in periods:
        last = ended[in_period(ended.end_date, period)].drop_duplicates("child_id")
        last = last.merge(status, on="programme_id", how="left")
        last.insert(0, "period", period.label)
        parts.append(last)
    return pd.concat(parts, ignore_index=True).assign(children_ended=1)


def _cohort_sums(rows: pd.DataFrame, periods, **measures: pd.Series) -> pd.DataFrame:
    """The cohort's measure columns (and children_ended) summed by period and service."""
    rows = rows.assign(**{name: flag.astype("int64") for name, flag in measures.items()})
    columns = ["children_ended", *measures]
    parts = [_summed(rows[rows.period == period.label], columns, period.label)
             for period in periods]
    return pd.concat(parts, ignore_index=True)


@reference("kpi2023.accommodation")
def accommodation(t: Tables, periods) -> pd.DataFrame:
    rows = closing_status(t, periods)
    return _cohort_sums(rows, periods,
                        suitable_accommodation=_yes(rows.accommodation_suitable))


@reference("kpi2023.ete")
def ete(t: Tables, periods) -> pd.DataFrame:
    rows = closing_status(t, periods)
    in_ete = rows.ete_type.notna() & ~rows.ete_type.isin(NOT_IN_ETE)
    return _cohort_sums(rows, periods, suitable_ete=_yes(rows.ete_suitable), in_ete=in_ete)


@reference("kpi2023.send")
def send(t: Tables, periods) -> pd.DataFrame:
    rows = closing_status(t, periods)
    need = _yes(rows.send_need)
    return _cohort_sums(rows, periods, send_need=need, send_plan=need & _yes(rows.send_plan))


def _cascade(rows: pd.DataFrame, periods, prefix: str) -> pd.DataFrame:
    need = _yes(rows[f"{prefix}_need"])
    offered = need & _yes(rows[f"{prefix}_offered"])
    attending = offered & _yes(rows[f"{prefix}_attending"])
    return _cohort_sums(rows, periods, need=need, offered=offered, attending=attending)


@reference("kpi2023.mental_health")
def mental_health(t: Tables, periods) -> pd.DataFrame:
    return _cascade(closing_status(t, periods), periods, "mental_health")


@reference("kpi2023.substance_misuse")
def substance_misuse(t: Tables, periods) -> pd.DataFrame:
    return _cascade(closing_status(t, periods), periods, "substance")


@reference("kpi2023.ooc_completion")
def ooc_completion(t: Tables, periods) -> pd.DataFrame:
    rows = ended_programmes(t)
    rows = rows[rows.kind.isin(OOC_KINDS)]
    rows = rows.assign(interventions_ended=1,
                       completed=rows.end_reason.isin(COMPLETED_REASONS).astype("int64"))
    parts = [_summed(rows[in_period(rows.end_date, period)],
                     ["interventions_ended", "completed"], period.label)
             for period in periods]
    return pd.concat(parts, ignore_index=True)


@reference("kpi2023.board_attendance")
def board_attendance(t: Tables, periods) -> pd.DataFrame:
    agencies = pd.DataFrame({"agency": BOARD_AGENCIES})
    places = t.board_meeting.merge(agencies, how="cross")
    places = places.merge(t.board_attendance, on=["meeting_id", "agency"], how="left")
    places = places.assign(
        agency_meetings=1,
        attended=_yes(places.attended).astype("int64"),
        senior_attended=_yes(places.senior_attended).astype("int64"),
        contributed_data=_yes(places.contributed_data).astype("int64"))
    columns = ["agency_meetings", "attended", "senior_attended", "contributed_data"]
    parts = [_summed(places[in_period(places.meeting_date, period)], columns, period.label)
             for period in periods]
    return pd.concat(parts, ignore_index=True)


@reference("kpi2023.wider_services")
def wider_services(t: Tables, periods) -> pd.DataFrame:
    rows = closing_status(t, periods)
    each = {service: _yes(rows[service]) for service in WIDER_SERVICES}
    any_service = pd.Series(False, index=rows.index)
    for service in WIDER_SERVICES:
        any_service = any_service | each[service]
    return _cohort_sums(rows, periods, any_service=any_service, **each)


@reference("kpi2023.serious_violence")
def serious_violence(t: Tables, periods) -> pd.DataFrame:
    offences = t.offence
    offences = offences[offences.offence_category.isin(SERIOUS_VIOLENCE_CATEGORIES)
                        & (offences.gravity_score >= MIN_GRAVITY)]
    outcomes = t.outcome[_yes(t.outcome.substantive)]
    proven = outcomes[["outcome_id", "child_id", "outcome_date"]].merge(
        offences[["outcome_id"]], on="outcome_id")
    proven = proven.merge(t.child[["child_id", "service_id"]], on="child_id")
    parts = []
    for period in periods:
        children = proven[in_period(proven.outcome_date, period)]
        children = children[["service_id", "child_id"]].drop_duplicates()
        summed = children.groupby("service_id").size().rename("children_proven").reset_index()
        summed.insert(0, "period", period.label)
        parts.append(summed)
    return pd.concat(parts, ignore_index=True)


@reference("kpi2023.victims")
def victims(t: Tables, periods) -> pd.DataFrame:
    victim = t.victim[_yes(t.victim.consent_to_contact)]
    victim = victim.merge(t.offence[["offence_id", "child_id"]], on="offence_id")
    victim = victim.merge(t.child[["child_id", "service_id"]], on="child_id")
    victim = victim.assign(victims_consenting=1,
                           rj_participated=_yes(victim.rj_participated).astype("int64"))
    parts = [_summed(victim[in_period(victim.referred_date, period)],
                     ["victims_consenting", "rj_participated"], period.label)
             for period in periods]
    return pd.concat(parts, ignore_index=True)
