"""Small hand-built case data for the golden indicator tests.

``Cases`` writes rows of the canonical tables with short calls, fills the columns a case
management system's import would derive (outcome tier, remand ``secure``, programme kind...)
from the code lists, and hands the tables over as Arrow, so the same data loads into DuckDB,
the app's database (SQLite or PostgreSQL) and Spark.

    cases = Cases()
    ann = cases.child(dob="2008-05-01", sex="F")
    cases.outcome(ann, "2024-05-10", "youth_caution")
    cases.population(2024, total=8000)        # spread over ages 10-17 and both sexes
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

import pyarrow as pa

from yjhub.schema.arrow import arrow_schema
from yjhub.schema.codelists import code_list
from yjhub.schema.tables import TABLES

BY_NAME = {t.name: t for t in TABLES}


def day(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


class Cases:
    def __init__(self, service_id: str = "S1", *, teams: tuple[str, ...] = ("T1",),
                 region: str = "North", family_group: str = "F1"):
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self._ids = itertools.count(1)
        self.service_id = service_id
        self.add_service(service_id, region=region, family_group=family_group, teams=teams)

    def _id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids)}"

    def add(self, table: str, **values) -> dict:
        declared = BY_NAME[table]
        unknown = set(values) - {c.name for c in declared.columns}
        if unknown:
            raise KeyError(f"{table} has no column {sorted(unknown)}")
        row = {c.name: None for c in declared.columns}
        for column in declared.columns:
            value = values.get(column.name)
            row[column.name] = day(value) if column.type == "date" else value
        for column in declared.columns:
            if column.derived_from and row[column.name] is None:
                source, attribute = column.derived_from.split(":")
                if row[source] is not None:
                    codes = code_list(declared.column(source).codes)
                    row[column.name] = codes.attribute(row[source], attribute)
        self.rows[table].append(row)
        return row

    # -- reference -----------------------------------------------------------------------

    def add_service(self, service_id: str, *, region: str = "North", family_group: str = "F1",
                    teams: tuple[str, ...] = ("T1",)) -> str:
        self.add("service", service_id=service_id, name=f"Service {service_id}",
                 nation="england", region=region, family_group=family_group)
        for team in teams:
            self.add("team", team_id=team, service_id=service_id, name=f"Team {team}")
        return service_id

    def population(self, year: int, *, total: int | None = None, by_age_sex: dict | None = None,
                   service_id: str | None = None) -> None:
        """Mid-year population aged 10-17: ``total`` spread evenly over 16 cells (it must
        divide by 16), or ``by_age_sex`` as {(age, sex): n}."""
        cells = by_age_sex or {}
        if total is not None:
            if total % 16:
                raise ValueError("a total population must divide by 16 (8 ages x 2 sexes)")
            cells = {(age, sex): total // 16 for age in range(10, 18) for sex in "MF"}
        for (age, sex), n in cells.items():
            self.add("population", service_id=service_id or self.service_id, year=year,
                     age=age, sex=sex, population=n)

    def population_ethnicity(self, census_year: int, counts: dict[str, int],
                             service_id: str | None = None) -> None:
        for group, n in counts.items():
            self.add("population_ethnicity", service_id=service_id or self.service_id,
                     census_year=census_year, ethnic_group=group, population=n)

    def bank_holidays(self, *days: str) -> None:
        for d in days:
            self.add("bank_holiday", holiday_date=d, name="Bank holiday")

    # -- case data -----------------------------------------------------------------------

    def child(self, child_id: str | None = None, *, dob: str, sex: str = "M",
              ethnicity: str | None = "white_british", ethnic_group: str | None = None,
              service_id: str | None = None, team: str | None = None,
              allocated: str | None = None) -> str:
        """A child; with ``team`` and ``allocated`` (a date), an open allocation to the team."""
        child_id = child_id or self._id("C")
        self.add("child", child_id=child_id, service_id=service_id or self.service_id,
                 date_of_birth=dob, sex=sex, ethnicity=ethnicity, ethnic_group=ethnic_group)
        if team:
            self.allocation(child_id, team, allocated or "2000-01-01")
        return child_id

    def allocation(self, child_id: str, team: str, start: str, end: str | None = None,
                   **values) -> str:
        allocation_id = self._id("A")
        self.add("case_allocation", allocation_id=allocation_id, child_id=child_id,
                 team_id=team, start_date=start, end_date=end, **values)
        return allocation_id

    def outcome(self, child_id: str, date: str, outcome_type: str, *, offences=None,
                committed: str | None = None, category: str = "theft_and_handling",
                gravity: int = 3, appearance_id: str | None = None,
                outcome_id: str | None = None, **values) -> str:
        """An outcome and the offences it was for: by default one offence committed
        ``committed`` (default: the outcome date) of ``category``; ``offences`` takes a
        list of dicts of offence columns instead, or 0 for none."""
        outcome_id = outcome_id or self._id("O")
        self.add("outcome", outcome_id=outcome_id, child_id=child_id, outcome_date=date,
                 outcome_type=outcome_type, appearance_id=appearance_id, **values)
        if offences == 0:
            return outcome_id
        for spec in offences or [{}]:
            spec = {"committed_date": committed or date, "offence_category": category,
                    "gravity_score": gravity, **spec}
            self.offence(child_id, outcome_id=outcome_id, **spec)
        return outcome_id

    def offence(self, child_id: str, *, committed_date: str,
                offence_category: str = "theft_and_handling", gravity_score: int = 3,
                outcome_id: str | None = None, **values) -> str:
        offence_id = self._id("X")
        self.add("offence", offence_id=offence_id, child_id=child_id, outcome_id=outcome_id,
                 committed_date=committed_date, offence_category=offence_category,
                 gravity_score=gravity_score, **values)
        return offence_id

    def appearance(self, child_id: str, date: str, result: str = "sentenced",
                   court_type: str = "youth_court") -> str:
        appearance_id = self._id("H")
        self.add("court_appearance", appearance_id=appearance_id, child_id=child_id,
                 appearance_date=date, court_type=court_type, result=result)
        return appearance_id

    def remand(self, child_id: str, start: str, remand_type: str, end: str | None = None) -> str:
        remand_id = self._id("R")
        self.add("remand_episode", remand_id=remand_id, child_id=child_id,
                 remand_type=remand_type, start_date=start, end_date=end)
        return remand_id

    def programme(self, child_id: str, programme_type: str, start: str, end: str | None = None,
                  *, end_reason: str | None = None, outcome_id: str | None = None,
                  **values) -> str:
        programme_id = self._id("P")
        self.add("intervention_programme", programme_id=programme_id, child_id=child_id,
                 programme_type=programme_type, start_date=start, end_date=end,
                 end_reason=end_reason, outcome_id=outcome_id, **values)
        return programme_id

    def status(self, programme_id: str, stage: str = "end", **values) -> None:
        self.add("programme_status", programme_id=programme_id, stage=stage, **values)

    def assessment(self, child_id: str, *, stage: str = "start", tool: str = "assetplus",
                   completed: str | None = None, programme_id: str | None = None,
                   sections: dict[str, int] | None = None, **values) -> str:
        assessment_id = self._id("AS")
        self.add("assessment", assessment_id=assessment_id, child_id=child_id,
                 programme_id=programme_id, tool=tool, stage=stage, completed_date=completed,
                 **values)
        for section, score in (sections or {}).items():
            self.add("assessment_section", assessment_id=assessment_id, section=section,
                     score=score)
        return assessment_id

    def referral(self, child_id: str, service: str, received: str, *,
                 assessed: str | None = None, intervention: str | None = None,
                 urgency: str | None = None, programme_id: str | None = None) -> str:
        referral_id = self._id("RF")
        self.add("referral", referral_id=referral_id, child_id=child_id,
                 programme_id=programme_id, referral_service=service, urgency=urgency,
                 received_date=received, assessment_date=assessed,
                 intervention_date=intervention)
        return referral_id

    def psr(self, child_id: str, requested: str, submitted: str | None = None, *,
            pyo: bool = False, **values) -> str:
        report_id = self._id("PSR")
        self.add("pre_sentence_report", report_id=report_id, child_id=child_id,
                 requested_date=requested, submitted_date=submitted,
                 persistent_young_offender=pyo, **values)
        return report_id

    def victim(self, offence_id: str, **values) -> str:
        victim_id = self._id("V")
        self.add("victim", victim_id=victim_id, offence_id=offence_id, **values)
        return victim_id

    def parenting(self, child_id: str, offered: str, **values) -> str:
        parenting_id = self._id("PI")
        self.add("parenting_intervention", parenting_id=parenting_id, child_id=child_id,
                 offered_date=offered, **values)
        return parenting_id

    def board_meeting(self, date: str, attendance: dict[str, dict] | None = None,
                      service_id: str | None = None) -> str:
        """A meeting and, per agency, its attendance: {"police": {"attended": True, ...}}."""
        meeting_id = self._id("M")
        self.add("board_meeting", meeting_id=meeting_id,
                 service_id=service_id or self.service_id, meeting_date=date)
        for agency, values in (attendance or {}).items():
            self.add("board_attendance", meeting_id=meeting_id, agency=agency, **values)
        return meeting_id

    # -- out -----------------------------------------------------------------------------

    def arrow(self) -> dict[str, pa.Table]:
        """Every table that has rows, as Arrow with the canonical schema."""
        out = {}
        for table in TABLES:
            rows = self.rows.get(table.name)
            if rows:
                out[table.name] = pa.Table.from_pylist(rows, schema=arrow_schema(table))
        return out
