"""Running the data-quality checks: the items to fix, who must fix them, and the counts.

One simple query per check (its failing rows: record, child, date; the SQL of each is kept for
the date, see ``_check_sql``), then two for the children's
allocations (open cases; the last holder of closed ones), one for staff and one for teams; the
window, the scope and who holds each case are worked out in one pass in Python.

An item belongs to the child's latest allocation that started on or before the as-at date: the
case manager then (or the last one, when the case has closed) puts it right.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import Q

from yjhub.accounts.permissions import roles_of
from yjhub.casedata.models import MODELS, CaseAllocation, Staff, Team
from yjhub.casedata.selectors import SERVICE_WIDE, children_visible, team_ids_of
from yjhub.caseload.checks import AREAS, CHECKS, CHECKS_BY_ID, AuditDate, Check
from yjhub.caseload.labels import label, staff_name

NO_WORKER = "none"  # the worker filter's value for items whose case has no case manager

_STAGES = {"start": "Start", "review": "Review", "transfer": "Transfer", "closure": "Closure"}
_SERVICES = {"camhs": "CAMHS", "substance_misuse": "Substance misuse"}

#: What a failing row is called in the list: table -> (columns read, wording).
RECORDS = {
    "assessment": (("stage", "assessor_id"),
                   lambda r: f"{_STAGES.get(r['stage'], r['stage'])} assessment"),
    "intervention_programme": (("programme_type",),
                               lambda r: label("programme_type", r["programme_type"])),
    "referral": (("referral_service",),
                 lambda r: f"{_SERVICES.get(r['referral_service'], r['referral_service'])} "
                           f"referral"),
    "pre_sentence_report": ((), lambda r: "Pre-sentence report"),
    "case_allocation": ((), lambda r: "Case allocation"),
}


@dataclass(frozen=True)
class Item:
    check: Check
    record_id: str
    record: str
    child_id: str
    child_name: str
    date: dt.date
    team_id: str  # blank when the child had no allocation by the as-at date
    team_name: str
    staff_id: str  # blank when the case has no case manager
    staff_name: str
    assessor_name: str = ""  # for an assessment, who completed it

    @property
    def worker(self) -> str:
        return self.staff_id or NO_WORKER


@lru_cache(maxsize=512)
def _check_sql(check_id: str, as_at: dt.date, holidays: frozenset[dt.date],
               vendor: str) -> tuple[str, tuple]:
    """The SQL and parameters of a check's query on a date. Building and compiling the query
    with the ORM costs several times more than running it, and its text depends only on these
    arguments, so it is kept (``vendor`` keys it to the database engine)."""
    check = CHECKS_BY_ID[check_id]
    at = AuditDate(as_at, set(holidays))
    columns, _ = RECORDS[check.table]
    return MODELS[check.table].objects.filter(check.fails(at)).values_list(
        "pk", "child_id", "child__given_name", "child__family_name", check.date_column,
        *columns).query.sql_with_params()


def _failing(check: Check, at: AuditDate) -> list[tuple]:
    """The rows failing ``check``: (record id, child id, given name, family name, date, the
    columns that name the record)."""
    sql, params = _check_sql(check.id, at.as_at, frozenset(at.holiday_dates),
                             connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # SQLite gives dates as text.
    return [(*r[:4], r[4] if isinstance(r[4], dt.date) else dt.date.fromisoformat(r[4]),
             *r[5:]) for r in rows]


def _open_cases(as_at: dt.date) -> dict[str, tuple[str, str]]:
    """The children whose case is open on ``as_at``: (team id, staff id) of their latest open
    allocation."""
    holder: dict[str, tuple[str, str]] = {}
    for child_id, team_id, staff_id in CaseAllocation.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=as_at), start_date__lte=as_at).order_by(
            "child_id", "start_date", "allocation_id").values_list(
            "child_id", "team_id", "staff_id"):
        holder[child_id] = (team_id, staff_id or "")  # the latest wins
    return holder


def _last_holders(child_ids: list[str], as_at: dt.date) -> dict[str, tuple[str, str]]:
    """For children whose case has closed: (team id, staff id) of their latest allocation
    started by ``as_at``."""
    holder: dict[str, tuple[str, str]] = {}
    for start in range(0, len(child_ids), 500):
        for child_id, team_id, staff_id in CaseAllocation.objects.filter(
                child_id__in=child_ids[start:start + 500], start_date__lte=as_at).order_by(
                "child_id", "start_date", "allocation_id").values_list(
                "child_id", "team_id", "staff_id"):
            holder[child_id] = (team_id, staff_id or "")
    return holder


def data_quality_items(*, user, as_at: dt.date, holidays: set[dt.date] | None = None
                       ) -> list[Item]:
    """Every item failing a check on ``as_at`` among the children the user may see (for team
    roles, only those whose case is their team's): items of cases open on ``as_at`` however
    old, items of closed cases when their date falls in the window."""
    at = AuditDate(as_at, holidays)
    open_cases = _open_cases(as_at)
    found = [(check, row) for check in CHECKS for row in _failing(check, at)
             if row[4] >= at.since or (row[1] in open_cases and not check.window_only)]
    holder = open_cases | _last_holders(
        sorted({row[1] for _, row in found} - open_cases.keys()), as_at)
    if roles_of(user) & SERVICE_WIDE:
        visible, team_ids = None, None
    else:
        visible = set(children_visible(user=user).values_list("pk", flat=True))
        team_ids = team_ids_of(user)
    staff = {s.staff_id: staff_name(s.given_name, s.family_name, s.staff_id)
             for s in Staff.objects.only("staff_id", "given_name", "family_name")}
    teams = dict(Team.objects.values_list("team_id", "name"))
    items = []
    for check, row in found:
        record_id, child_id, given, family, date = row[:5]
        team_id, staff_id = holder.get(child_id, ("", ""))
        if visible is not None and (child_id not in visible or team_id not in team_ids):
            continue
        columns, describe = RECORDS[check.table]
        values = dict(zip(columns, row[5:], strict=True))
        items.append(Item(
            check=check, record_id=str(record_id), record=describe(values),
            assessor_name=staff.get(values.get("assessor_id"), ""),
            child_id=child_id,
            child_name=" ".join(p for p in (given, family) if p) or child_id, date=date,
            team_id=team_id, team_name=teams.get(team_id, ""),
            staff_id=staff_id, staff_name=staff.get(staff_id, "")))
    items.sort(key=lambda i: (i.staff_name.lower() or "~", i.child_name.lower(), i.child_id,
                              i.date, i.check.id, i.record_id))
    return items


# -- counts -----------------------------------------------------------------------------------

@dataclass
class TeamCounts:
    teams: list[tuple[str, str]]  # (team id, name), the columns
    rows: list[tuple[Check, list[int], int]]  # check, count per team, total
    totals: list[int]
    total: int


@dataclass
class WorkerCounts:
    worker: str  # staff id, or NO_WORKER
    name: str
    team_name: str
    by_area: list[int]  # in the order of AREAS
    total: int


def counts_by_team(items: list[Item]) -> TeamCounts:
    """Items by check (rows) and team (columns), every check listed even with none."""
    teams = sorted({(i.team_id, i.team_name or "Not allocated") for i in items},
                   key=lambda t: (not t[0], t[1].lower(), t[0]))
    count = Counter((i.check.id, i.team_id) for i in items)
    rows = []
    for check in CHECKS:
        per_team = [count[(check.id, team_id)] for team_id, _ in teams]
        rows.append((check, per_team, sum(per_team)))
    totals = [sum(count[(c.id, t)] for c in CHECKS) for t, _ in teams]
    return TeamCounts(teams, rows, totals, len(items))


def counts_by_worker(items: list[Item]) -> list[WorkerCounts]:
    """Items by case manager and area of the checks, most items first."""
    workers: dict[str, WorkerCounts] = {}
    for item in items:
        w = workers.get(item.worker)
        if w is None:
            w = workers[item.worker] = WorkerCounts(
                item.worker, item.staff_name or "No case manager", item.team_name,
                [0] * len(AREAS), 0)
        w.by_area[AREAS.index(item.check.area)] += 1
        w.total += 1
    return sorted(workers.values(), key=lambda w: (-w.total, w.name.lower(), w.worker))
