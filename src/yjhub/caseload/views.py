"""Views of caseload. Thin: reads through selectors, writes through services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from yjhub.accounts.permissions import permission, roles_of
from yjhub.audit.services import audit_event_record, audit_export_record
from yjhub.caseload.checks import CHECKS, WINDOW_MONTHS
from yjhub.caseload.data_quality import (
    AREAS,
    NO_WORKER,
    counts_by_team,
    counts_by_worker,
    data_quality_items,
)
from yjhub.caseload.exports import caseload_workbook
from yjhub.caseload.flags import FLAGS, months_before
from yjhub.caseload.forms import ALL, CaseloadFilterForm, DataQualityForm
from yjhub.caseload.listing import sort_headers
from yjhub.caseload.selectors import (
    DEFAULT_SORT,
    SORTS,
    CaseRow,
    caseload_filter,
    caseload_rows,
    caseload_sort,
)
from yjhub.web.access import permission_required
from yjhub.web.fields import error_list
from yjhub.web.paging import paginate, query_with

CASES_PER_PAGE = 25
ITEMS_PER_PAGE = 25

#: The caseload table's columns: (sort key or None, heading).
CASELOAD_COLUMNS = [
    ("child", "Child"), ("case_manager", "Case manager"), ("team", "Team"),
    ("planned_end", "Order or programme"), ("risk_of_harm", "Risk of harm"),
    ("safety_wellbeing", "Safety and wellbeing"), ("likelihood", "Likelihood of reoffending"),
    (None, "Scaled approach"), ("last_assessment", "Last assessment"),
    ("next_review", "Next review due"), (None, "Overdue"),
    (None, "MAPPA, care and SEND"),
]


def _own_staff_id(user) -> str:
    """A practitioner's own caseload is the default; other roles start with everything."""
    if "practitioner" in roles_of(user) and user.staff_id:
        return user.staff_id
    return ""


@dataclass
class CaseloadQuery:
    form: CaseloadFilterForm
    rows: list[CaseRow]  # filtered and sorted
    sort: str
    descending: bool
    case_manager: str
    own_staff_id: str
    filters: list[tuple[str, str]]  # (name, value label) of the filters applied


def _caseload_query(request, as_at: dt.date) -> CaseloadQuery:
    everything = caseload_rows(user=request.user, as_at=as_at)
    own = _own_staff_id(request.user)
    teams = sorted({(r.team_id, r.team_name) for r in everything}, key=lambda t: t[1])
    managers = {r.staff_id: r.staff_name for r in everything if r.staff_id}
    if own and own not in managers:
        managers[own] = "You"
    data = request.GET.copy()
    if own and "case_manager" not in data:
        data["case_manager"] = own
    form = CaseloadFilterForm(data, teams=teams, case_managers=sorted(
        managers.items(), key=lambda m: m[1].lower()))
    form.is_valid()  # invalid filters are shown as errors and not applied
    chosen = form.cleaned_data
    rows = caseload_filter(
        everything, team=chosen.get("team", ""), case_manager=chosen.get("case_manager", ""),
        risk_of_harm=chosen.get("risk_of_harm", ""), overdue_only=chosen.get("overdue", False))
    sort = request.GET.get("sort", DEFAULT_SORT)
    sort = sort if sort in SORTS else DEFAULT_SORT
    descending = request.GET.get("order") == "desc"
    rows = caseload_sort(rows, sort=sort, descending=descending)
    filters = []
    for name in ("team", "case_manager", "risk_of_harm", "overdue"):
        value = chosen.get(name)
        if value and value != ALL:
            field = form.fields[name]
            shown = dict(field.choices).get(value, value) if name != "overdue" else "Yes"
            filters.append((str(field.label), str(shown)))
    return CaseloadQuery(form, rows, sort, descending, chosen.get("case_manager", ""), own,
                         filters)


@permission_required("caseload_view")
def caseload(request):
    as_at = timezone.localdate()
    query = _caseload_query(request, as_at)
    pagination = paginate(request, query.rows, per_page=CASES_PER_PAGE)
    page = pagination.page
    audit_event_record(user=request.user, action="view", detail="caseload",
                       changes={"children": [r.child_id for r in page]}, request=request)
    export_query = query_with(request.GET, page=None)
    return render(request, "caseload/caseload.html", {
        "form": query.form,
        "errors": error_list(query.form),
        "page": page,
        "count": len(query.rows),
        "overdue_count": sum(1 for r in query.rows if r.overdue),
        "headers": sort_headers(request.GET, CASELOAD_COLUMNS, sort=query.sort,
                                descending=query.descending),
        "pagination": pagination,
        "sort": query.sort,
        "order": "desc" if query.descending else "asc",
        "as_at": as_at,
        "flags": FLAGS,
        "own_staff_id": query.own_staff_id,
        "showing_own": bool(query.own_staff_id) and query.case_manager == query.own_staff_id,
        "whole_team_href": query_with(request.GET, case_manager=ALL, page=None),
        "own_href": query_with(request.GET, case_manager=query.own_staff_id, page=None),
        "can_export": request.user.has_perm(permission("caseload_export")),
        "export_query": export_query,
        "filters": query.filters,
    })


@permission_required("caseload_export")
def caseload_export(request):
    as_at = timezone.localdate()
    query = _caseload_query(request, as_at)
    now = timezone.localtime()
    who = request.user.get_full_name() or request.user.get_username()
    content = caseload_workbook(query.rows, exported_by=f"{who} ({request.user.get_username()})",
                                exported_at=now, as_at=as_at, filters=query.filters)
    audit_export_record(request=request, detail="caseload",
                        child_ids=[r.child_id for r in query.rows])
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="caseload-{as_at:%Y-%m-%d}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response


@permission_required("data_quality_view")
def data_quality(request):
    today = timezone.localdate()
    own = _own_staff_id(request.user)
    # The choices need the items, which need the date: read the date on its own first.
    dated = DataQualityForm(request.GET, today=today, teams=[], workers=[])
    dated.is_valid()
    as_at = dated.cleaned_data.get("as_at", today)
    everything = data_quality_items(user=request.user, as_at=as_at)

    teams = sorted({(i.team_id, i.team_name) for i in everything if i.team_id},
                   key=lambda t: t[1])
    workers = {i.worker: i.staff_name or "No case manager" for i in everything}
    if own and own not in workers:
        workers[own] = "You"
    data = request.GET.copy()
    if own and "worker" not in data:
        data["worker"] = own
    form = DataQualityForm(data, today=today, teams=teams, workers=sorted(
        workers.items(), key=lambda w: (w[0] == NO_WORKER, w[1].lower())))
    form.is_valid()
    chosen = form.cleaned_data
    team = chosen.get("team", "")
    worker = chosen.get("worker", "") or ALL
    in_team = [i for i in everything if not team or i.team_id == team]
    listed = [i for i in in_team if worker == ALL or i.worker == worker]
    pagination = paginate(request, listed, per_page=ITEMS_PER_PAGE)
    page = pagination.page
    audit_event_record(user=request.user, action="view", detail="data_quality",
                       changes={"children": sorted({i.child_id for i in page})},
                       request=request)
    date_values = {p: (request.GET.get(f"as_at_{p}") if form.as_at_errors
                       else getattr(as_at, p)) for p in ("day", "month", "year")}
    return render(request, "caseload/data_quality.html", {
        "form": form,
        "errors": error_list(form),
        "as_at": as_at,
        "since": months_before(as_at, WINDOW_MONTHS),
        "date_values": date_values,
        "window_months": WINDOW_MONTHS,
        "checks": CHECKS,
        "areas": AREAS,
        "by_team": counts_by_team(in_team),
        "by_worker": [(w, query_with(request.GET, worker=w.worker, page=None))
                      for w in counts_by_worker(in_team)],
        "page": page,
        "listed_count": len(listed),
        "worker_name": workers.get(worker, "") if worker != ALL else "",
        "worker": worker,
        "pagination": pagination,
        "own_staff_id": own,
        "own_href": query_with(request.GET, worker=own, page=None) if own else "",
        "all_workers_href": query_with(request.GET, worker=ALL, page=None),
    })
