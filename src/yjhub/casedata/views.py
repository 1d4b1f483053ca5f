"""Views of casedata: finding a child, their record, changing it and its history.

Thin: reads through selectors, writes through services. A child outside the user's scope is
"not found" (404), never "forbidden", so a page does not reveal that the child exists; a role
with no access to children at all is refused (403) by the permission before any look-up.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from yjhub.audit.selectors import audit_events_of_child
from yjhub.audit.services import audit_event_record, audit_view_record
from yjhub.casedata import selectors
from yjhub.casedata.display import column_label, event_row, long_date, value_label
from yjhub.casedata.forms import AssessmentCompleteForm, ChildEditForm, ChildSearchForm
from yjhub.casedata.models import Assessment, Child
from yjhub.casedata.record import Context, record_sections, referral_dates, summary_rows
from yjhub.casedata.services import assessment_complete, child_update
from yjhub.web.access import permission_required
from yjhub.web.fields import date_parts, error_list
from yjhub.web.paging import paginate

RECENT_ACTIVITY = 5


def _child_or_404(request, child_id: str, permission: str) -> Child:
    """The child, if the user holds ``permission`` for this child; otherwise 404."""
    child = Child.objects.filter(pk=child_id).first()
    if child is None or not request.user.has_perm(f"yjhub.{permission}", child):
        raise Http404("No child found")
    return child


def _name(child) -> str:
    return " ".join(p for p in (child.given_name, child.family_name) if p) or child.child_id


@permission_required("child_view")
def children(request):
    form = ChildSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_bound and form.is_valid() else ""
    today = timezone.localdate()
    if query:
        found = selectors.child_search(user=request.user, query=query, today=today)
    else:
        found = selectors.children_open_of(user=request.user, today=today)
    pagination = paginate(request, selectors.children_with_allocations(found))
    rows = []
    for child in pagination.page.object_list:
        allocation = selectors.allocation_current(child, today=today)
        is_open = allocation is not None and allocation.start_date <= today and (
            allocation.end_date is None or allocation.end_date >= today)
        rows.append({
            "child": child, "name": _name(child),
            "date_of_birth": long_date(child.date_of_birth),
            "team": allocation.team.name if allocation else "",
            "case_manager": _staff(allocation),
            "open": is_open,
        })
    shown = [row["child"].child_id for row in rows]
    audit_event_record(
        user=request.user, action="view", table="child",
        detail=(f'Find a child: search "{query}"' if query else "Find a child: open cases")
        + f", page {pagination.page.number}, {len(shown)} children shown",
        changes={"children": shown} if shown else {}, request=request)
    return render(request, "casedata/children.html", {
        "form": form, "query": query, "rows": rows, "pagination": pagination,
        "errors": error_list(form, anchors={"q": "q"}) if form.is_bound else [],
    })


def _staff(allocation) -> str:
    if allocation is None or allocation.staff is None:
        return "Not allocated" if allocation else ""
    staff = allocation.staff
    return " ".join(p for p in (staff.given_name, staff.family_name) if p) or staff.staff_id


@permission_required("child_view")
def child(request, child_id):
    _child_or_404(request, child_id, "child_view")
    record = selectors.child_record_get(child_id=child_id)
    today = timezone.localdate()
    dates = referral_dates(record)
    holidays = selectors.bank_holidays_between(start=min(dates), end=today) if dates else []
    can_edit = request.user.has_perm("yjhub.child_edit", record)
    can_see_history = request.user.has_perm("yjhub.child_history_view", record)
    allocation = selectors.allocation_current(record, today=today)
    is_open = allocation is not None and allocation.start_date <= today and (
        allocation.end_date is None or allocation.end_date >= today)
    audit_view_record(request=request, child_id=record.pk, detail="Child record")
    recent = []
    if can_see_history:
        recent = [event_row(e) for e in audit_events_of_child(child_id=record.pk)
                  [:RECENT_ACTIVITY]]
    sections = record_sections(Context(record, today, holidays, can_edit))
    return render(request, "casedata/child.html", {
        "child": record, "name": _name(record), "summary": summary_rows(record, today),
        "sections": sections, "can_edit": can_edit, "can_see_history": can_see_history,
        "recent": recent, "is_open": is_open, "allocation": allocation,
        "team": allocation.team.name if allocation else "", "case_manager": _staff(allocation),
    })


@permission_required("child_edit")
def child_edit(request, child_id):
    child = _child_or_404(request, child_id, "child_edit")
    if request.method == "POST":
        form = ChildEditForm(request.POST, child=child)
        if form.is_valid():
            changes = child_update(user=request.user, child=child, data=form.cleaned_data,
                                   request=request)
            if changes:
                changed = ", ".join(column_label(c) for c in changes)
                messages.success(request, f"Details of child {child.pk} saved. Changed: "
                                 f"{changed}.")
            else:
                messages.info(request, f"Nothing was changed in the details of child "
                              f"{child.pk}.")
            return redirect("casedata:child", child_id=child.pk)
    else:
        form = ChildEditForm(child=child)
        audit_view_record(request=request, child_id=child.pk, detail="Child record: change "
                          "details form")
    return render(request, "casedata/child_edit.html", {
        "form": form, "child": child, "name": _name(child), "errors": error_list(form),
    })


@permission_required("child_edit")
def assessment_complete_view(request, child_id, assessment_id):
    child = _child_or_404(request, child_id, "child_edit")
    assessment = get_object_or_404(Assessment.objects.select_related("programme"),
                                   pk=assessment_id, child_id=child.pk)
    if assessment.completed_date is not None:
        messages.info(request, f"Assessment {assessment.pk} is already recorded as completed.")
        return redirect("casedata:child", child_id=child.pk)
    programme_start = assessment.programme.start_date if assessment.programme else None
    form = AssessmentCompleteForm(request.POST or None, assessment=assessment,
                                  programme_start=programme_start)
    if request.method == "POST" and form.is_valid():
        assessment_complete(user=request.user, assessment=assessment,
                            completed_date=form.cleaned_data["completed_date"], request=request)
        messages.success(request, f"Assessment {assessment.pk} recorded as completed on "
                         f"{long_date(assessment.completed_date)}.")
        return redirect(f"{_child_url(child)}#assessments")
    if request.method != "POST":
        audit_view_record(request=request, child_id=child.pk, table="assessment",
                          record_id=assessment.pk, detail="Child record: assessment completion "
                          "form")
    return render(request, "casedata/assessment_complete.html", {
        "form": form, "child": child, "assessment": assessment, "errors": error_list(form),
        "date_parts": date_parts(form["completed_date"]),
        "tool": value_label("assessment", "tool", assessment.tool),
        "stage": value_label("assessment", "stage", assessment.stage),
        "due": long_date(assessment.due_date, "No due date"),
        "programme_start": long_date(programme_start),
    })


def _child_url(child) -> str:
    from django.urls import reverse

    return reverse("casedata:child", args=[child.pk])


@permission_required("child_history_view")
def child_history(request, child_id):
    child = _child_or_404(request, child_id, "child_history_view")
    changes_only = request.GET.get("changes") == "1"
    audit_view_record(request=request, child_id=child.pk, detail="Child record: history")
    events = audit_events_of_child(child_id=child.pk)
    if changes_only:
        events = events.exclude(action="view")
    pagination = paginate(request, events)
    return render(request, "casedata/child_history.html", {
        "child": child, "name": _name(child), "pagination": pagination,
        "rows": [event_row(e) for e in pagination.page.object_list],
        "changes_only": changes_only,
    })
