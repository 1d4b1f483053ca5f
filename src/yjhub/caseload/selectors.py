"""Reads for the caseload: one row per open case among the children the user may see.

Three queries whatever the number of cases: the open allocations (with child, case manager and
team), the open programmes and the assessments of those children. Flags, filters and sorting
are then worked out in one pass over those rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from yjhub.accounts.permissions import roles_of
from yjhub.casedata.models import Assessment, CaseAllocation, InterventionProgramme
from yjhub.casedata.selectors import SERVICE_WIDE, children_visible, team_ids_of
from yjhub.caseload.flags import FLAGS, Flag
from yjhub.caseload.labels import label, ranks, staff_name


@dataclass(frozen=True)
class OpenProgramme:
    programme_id: str
    programme_type: str
    start_date: dt.date
    planned_end_date: dt.date | None

    @property
    def label(self) -> str:
        return label("programme_type", self.programme_type)


@dataclass(frozen=True)
class Outstanding:
    assessment_id: str
    stage: str
    due_date: dt.date


@dataclass
class CaseRow:
    child_id: str
    given_name: str
    family_name: str
    looked_after: bool | None
    send_need: bool | None
    send_plan: bool | None
    allocation_id: str
    allocated_from: dt.date
    team_id: str
    team_name: str
    staff_id: str
    staff_name: str
    mappa_level: int | None
    risk_panel: bool | None
    programmes: list[OpenProgramme] = field(default_factory=list)
    last_assessment_id: str | None = None
    last_assessment_date: dt.date | None = None
    last_assessment_due: dt.date | None = None
    last_assessment_stage: str | None = None
    risk_of_harm: str | None = None
    safety_wellbeing: str | None = None
    likelihood_of_reoffending: str | None = None
    scaled_approach_level: str | None = None
    next_review_due: dt.date | None = None
    outstanding: list[Outstanding] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p) or self.child_id

    @property
    def overdue(self) -> bool:
        return bool(self.flags)

    @property
    def planned_end(self) -> dt.date | None:
        """The latest planned end of the open programmes: when the case is due to close."""
        ends = [p.planned_end_date for p in self.programmes if p.planned_end_date]
        return max(ends) if ends else None

    @property
    def last_assessment_on_time(self) -> bool | None:
        """Completed by its due date; None when it has no due date (or there is none)."""
        if self.last_assessment_date is None or self.last_assessment_due is None:
            return None
        return self.last_assessment_date <= self.last_assessment_due

    @property
    def circumstances(self) -> list[str]:
        """MAPPA, risk panel, looked after and SEND, as short phrases: what applies, and what
        is not recorded."""
        said = []
        if self.mappa_level:
            said.append(f"MAPPA level {self.mappa_level}")
        elif self.mappa_level is None:
            said.append("MAPPA not recorded")
        if self.risk_panel:
            said.append("Risk panel")
        if self.looked_after:
            said.append("Looked after")
        elif self.looked_after is None:
            said.append("Looked after not recorded")
        if self.send_need:
            said.append("SEND with EHCP" if self.send_plan else "SEND")
        elif self.send_need is None:
            said.append("SEND not recorded")
        return said


def _open_allocations(*, user, as_at: dt.date) -> QuerySet:
    """Allocations open on ``as_at`` of the children in the user's scope; for team roles, only
    their own teams' allocations (a child they still see after a move is another team's
    case)."""
    allocations = CaseAllocation.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=as_at), start_date__lte=as_at,
        child_id__in=children_visible(user=user, today=as_at).values("pk"))
    if not roles_of(user) & SERVICE_WIDE:
        allocations = allocations.filter(team_id__in=team_ids_of(user))
    return allocations


def caseload_rows(*, user, as_at: dt.date) -> list[CaseRow]:
    """Every open case the user may see, with its flags worked out on ``as_at``."""
    allocations = _open_allocations(user=user, as_at=as_at)
    rows: dict[str, CaseRow] = {}
    # The latest allocation of a child when it has several open.
    for (child_id, allocation_id, start, team_id, staff_id, mappa, panel, given, family,
         looked_after, send_need, send_plan, team_name, staff_given, staff_family) in \
            allocations.order_by("child_id", "-start_date", "-allocation_id").values_list(
                "child_id", "allocation_id", "start_date", "team_id", "staff_id",
                "mappa_level", "risk_panel", "child__given_name", "child__family_name",
                "child__looked_after", "child__send_need", "child__send_plan", "team__name",
                "staff__given_name", "staff__family_name"):
        if child_id in rows:
            continue
        rows[child_id] = CaseRow(
            child_id=child_id, given_name=given or "", family_name=family or "",
            looked_after=looked_after, send_need=send_need, send_plan=send_plan,
            allocation_id=allocation_id, allocated_from=start, team_id=team_id,
            team_name=team_name, staff_id=staff_id or "",
            staff_name=staff_name(staff_given, staff_family, staff_id) if staff_id else "",
            mappa_level=mappa, risk_panel=panel)
    children = allocations.values("child_id")

    programmes = InterventionProgramme.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gt=as_at), child_id__in=children,
        start_date__lte=as_at).order_by("start_date", "programme_id").values_list(
        "child_id", "programme_id", "programme_type", "start_date", "planned_end_date")
    for child_id, *values in programmes:
        rows[child_id].programmes.append(OpenProgramme(*values))

    assessments = Assessment.objects.filter(child_id__in=children).values_list(
        "child_id", "assessment_id", "stage", "due_date", "completed_date", "risk_of_harm",
        "safety_wellbeing", "likelihood_of_reoffending", "scaled_approach_level",
        "next_review_due")
    latest: dict[str, tuple] = {}
    for a in assessments:
        child_id, assessment_id, stage, due, completed = a[:5]
        row = rows[child_id]
        if completed is not None and completed <= as_at:
            if child_id not in latest or (completed, assessment_id) > latest[child_id][:2]:
                latest[child_id] = (completed, assessment_id, a)
        elif due is not None and due < as_at:
            row.outstanding.append(Outstanding(assessment_id, stage, due))
    for child_id, (_, _, a) in latest.items():
        row = rows[child_id]
        (row.last_assessment_id, row.last_assessment_stage, row.last_assessment_due,
         row.last_assessment_date, row.risk_of_harm, row.safety_wellbeing,
         row.likelihood_of_reoffending, row.scaled_approach_level,
         row.next_review_due) = a[1], a[2], a[3], a[4], *a[5:]

    for row in rows.values():
        row.outstanding.sort(key=lambda o: (o.due_date, o.assessment_id))
        row.flags = [flag for flag in FLAGS if flag.test(row, as_at)]
    return list(rows.values())


# -- filters and sorting --------------------------------------------------------------------

NOT_RECORDED = "none"


def caseload_filter(rows: list[CaseRow], *, team: str = "", case_manager: str = "",
                    risk_of_harm: str = "", overdue_only: bool = False) -> list[CaseRow]:
    """The rows matching every filter given (an empty filter matches all; ``case_manager``
    "all" too)."""
    kept = rows
    if team:
        kept = [r for r in kept if r.team_id == team]
    if case_manager and case_manager != "all":
        kept = [r for r in kept if r.staff_id == case_manager]
    if risk_of_harm == NOT_RECORDED:
        kept = [r for r in kept if not r.risk_of_harm]
    elif risk_of_harm:
        kept = [r for r in kept if r.risk_of_harm == risk_of_harm]
    if overdue_only:
        kept = [r for r in kept if r.overdue]
    return kept


def _rank(code_list: str, column: str):
    order = ranks(code_list)
    return lambda r: order.get(getattr(r, column)) if getattr(r, column) else None


#: The sortable columns: key -> (column heading, the value sorted on; None sorts last).
SORTS = {
    "child": ("Child", lambda r: (r.family_name.lower(), r.given_name.lower())),
    "case_manager": ("Case manager", lambda r: r.staff_name.lower() or None),
    "team": ("Team", lambda r: r.team_name.lower()),
    "planned_end": ("Order or programme", lambda r: r.planned_end),
    "risk_of_harm": ("Risk of harm", _rank("risk_level", "risk_of_harm")),
    "safety_wellbeing": ("Safety and wellbeing", _rank("risk_level", "safety_wellbeing")),
    "likelihood": ("Likelihood of reoffending",
                   _rank("likelihood_level", "likelihood_of_reoffending")),
    "last_assessment": ("Last assessment", lambda r: r.last_assessment_date),
    "next_review": ("Next review due", lambda r: r.next_review_due),
}
DEFAULT_SORT = "next_review"


def caseload_sort(rows: list[CaseRow], *, sort: str = DEFAULT_SORT,
                  descending: bool = False) -> list[CaseRow]:
    """Rows sorted on one column; blanks last either way, ties by child's name and id."""
    key = SORTS.get(sort, SORTS[DEFAULT_SORT])[1]
    by_name = sorted(rows, key=lambda r: (r.family_name.lower(), r.given_name.lower(),
                                          r.child_id))
    present = [r for r in by_name if key(r) is not None]
    missing = [r for r in by_name if key(r) is None]
    return sorted(present, key=key, reverse=descending) + missing
