"""Pages of action plans and inspection improvement plans. Thin: reads through selectors,
writes through services (which audit every change with old -> new values).

Who may do what (docs/action-plans.md): everyone with ``action_plan_view`` sees every plan
and its RAG; ``action_plan_manage`` (head of service, performance officer) makes plans, adds
and changes any action, keeps the register of leads, imports and carries forward;
``action_update`` lets a team manager change and report progress on the actions they or
their team lead (``selectors.action_can_update``), and a manager any action.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from yjhub.actions import selectors, services
from yjhub.actions.codes import code_list, open_statuses
from yjhub.actions.deadlines import KINDS
from yjhub.actions.forms import (
    ActionForm,
    CarryForwardForm,
    LeadForm,
    PlanForm,
    PlanUploadForm,
    ProgressForm,
    RecommendationForm,
)
from yjhub.actions.models import Action, Lead, Plan, PlanImport
from yjhub.actions.spreadsheets import Problem, workbook_read, workbook_require_plan
from yjhub.audit.services import audit_event_record, audit_export_record
from yjhub.importing.uploads import (
    UploadError,
    UploadSizeLimit,
    upload_discard,
    upload_of,
    upload_store,
)
from yjhub.web.access import permission_required
from yjhub.web.fields import date_parts, error_list

RAG_TAGS = {"red": "govuk-tag--red", "amber": "govuk-tag--yellow", "green": "govuk-tag--green",
            "not_rated": "govuk-tag--grey", "": "govuk-tag--grey"}
STATUS_TAGS = {"not_started": "govuk-tag--grey", "in_progress": "govuk-tag--blue",
               "done": "govuk-tag--green", "dropped": "govuk-tag--grey",
               "carried_forward": "govuk-tag--purple"}
GROUPINGS = {"enabler": "Enabler", "area": "Objective area", "recommendation": "Recommendation",
             "none": "None (plan order)"}
WHEN = {"": "Any time", "overdue": "Overdue", "due_soon": "Due in the next 28 days"}


def _today() -> date:
    return timezone.localdate()


def _as_at(request) -> date:
    """The ``as_at`` of the query (YYYY-MM-DD), or today."""
    try:
        return date.fromisoformat(request.GET.get("as_at", ""))
    except ValueError:
        return _today()


def _row(action: Action, *, as_at: date, user=None) -> dict:
    statuses, rags, enablers = (code_list("statuses"), code_list("rags"),
                                code_list("enablers"))
    overdue = action.is_open and action.due_on is not None and action.due_on < as_at
    return {
        "action": action, "reference": action.reference,
        "leads": [str(lead) for lead in selectors.action_leads(action)] or (
            [action.leads_text] if action.leads_text else []),
        "deadline": action.deadline_text or "Not given",
        "deadline_kind": KINDS.get(action.deadline_kind, ""),
        "due_on": action.due_on, "overdue": overdue,
        "status": statuses.label(action.status), "status_tag": STATUS_TAGS.get(action.status),
        "rag": rags.label(action.rag) if action.rag else "Not rated",
        "rag_tag": RAG_TAGS.get(action.rag, ""),
        "enabler": enablers.label(action.enabler) if action.enabler else "",
        "can_update": user is not None and selectors.action_can_update(user=user,
                                                                        action=action),
    }


def _plan_or_404(plan_id) -> Plan:
    return get_object_or_404(Plan, pk=plan_id)


def _action_or_404(action_id) -> Action:
    return get_object_or_404(selectors.actions_all(), pk=action_id)


def _may_manage(user) -> bool:
    return user.has_perm("yjhub.action_plan_manage")


# Plans

@permission_required("action_plan_view")
def plans(request):
    as_at = _today()
    rows = []
    queryset = selectors.plans_all().annotate(
        n_actions=Count("actions", distinct=True),
        n_open=Count("actions", filter=Q(actions__status__in=open_statuses()), distinct=True),
        n_overdue=Count("actions", filter=Q(actions__status__in=open_statuses(),
                                            actions__due_on__lt=as_at), distinct=True))
    for plan in queryset:
        rows.append({"plan": plan, "kind": Plan.KINDS[plan.kind]})
    return render(request, "actions/plans.html", {
        "rows": rows, "can_manage": _may_manage(request.user), "as_at": as_at})


@permission_required("action_plan_view")
def plan(request, plan_id):
    plan = _plan_or_404(plan_id)
    as_at = _as_at(request)
    queryset = selectors.actions_all(plan=plan)
    leads = list(Lead.objects.filter(actions__plan=plan).distinct().select_related("team"))
    teams = sorted({(lead.team_id, lead.team.name) for lead in leads if lead.team_id},
                   key=lambda t: t[1])
    chosen = {key: request.GET.get(key, "") for key in ("lead", "team", "status", "when",
                                                        "group")}
    if chosen["lead"].isdigit():
        queryset = selectors.actions_for_lead(queryset, lead=int(chosen["lead"]))
    if chosen["team"]:
        queryset = selectors.actions_for_team(queryset, team_id=chosen["team"])
    if chosen["status"] == "open":
        queryset = queryset.filter(status__in=open_statuses())
    elif chosen["status"]:
        queryset = queryset.filter(status=chosen["status"])
    if chosen["when"] == "overdue":
        queryset = queryset.filter(status__in=open_statuses(), due_on__lt=as_at)
    elif chosen["when"] == "due_soon":
        soon = selectors.actions_due_soon(as_at=as_at, plan=plan).values("pk")
        queryset = queryset.filter(pk__in=soon)
    group = chosen["group"] or ("recommendation" if plan.is_improvement_plan else "enabler")
    if group not in GROUPINGS:
        group = "enabler"
    shown = {a.pk for a in queryset}
    ordered = [a for a in selectors.plan_actions_ordered(plan=plan) if a.pk in shown]
    groups = _groups(ordered, group=group, as_at=as_at, user=request.user)
    summary = selectors.action_rag_summary(as_at=as_at, plan=plan)
    return render(request, "actions/plan.html", {
        "plan": plan, "kind": Plan.KINDS[plan.kind], "groups": groups, "as_at": as_at,
        "count": len(ordered), "total": plan.actions.count(),
        "summary_rows": [(selectors.RagSummary.rag_label(key), summary.by_rag[key],
                          RAG_TAGS[key]) for key in summary.rag_keys()],
        "rag_heads": [selectors.RagSummary.rag_label(key) for key in summary.rag_keys()],
        "by_enabler": [(code_list("enablers").label(code) if code != selectors.NO_ENABLER
                        else "No enabler", [counts[k] for k in summary.rag_keys()])
                       for code, counts in summary.by_enabler.items() if sum(counts.values())],
        "filters": chosen, "group": group, "groupings": GROUPINGS, "when_choices": WHEN,
        "lead_choices": [(str(lead.pk), str(lead)) for lead in leads],
        "team_choices": teams,
        "status_choices": [("open", "Open (not started or in progress)")]
        + code_list("statuses").choices(),
        "can_manage": _may_manage(request.user),
        "recommendations": plan.recommendations.all(),
        "carried_into": plan.next_plans.all(),
    })


def _groups(actions: list[Action], *, group: str, as_at: date, user) -> list[dict]:
    enablers = code_list("enablers")
    groups: dict[str, dict] = {}
    order: list[str] = []
    for action in actions:
        if group == "enabler":
            key = action.enabler or "~"
            title = enablers.label(action.enabler) if action.enabler else "No enabler"
        elif group == "area":
            key, title = action.area or "~", action.area or "No objective area"
        elif group == "recommendation" and action.recommendation_id:
            rec = action.recommendation
            key = f"{rec.position:05d}-{rec.pk}"
            title = f"{rec.get_kind_display()} {rec.number}: {rec.text}" if rec.number else \
                f"{rec.get_kind_display()}: {rec.text}"
        elif group == "recommendation":
            key, title = "~", "Not under a recommendation"
        else:
            key, title = "all", "Actions"
        if key not in groups:
            groups[key] = {"title": title, "rows": []}
            order.append(key)
        groups[key]["rows"].append(_row(action, as_at=as_at, user=user))
    if group == "enabler":
        rank = {c.code: i for i, c in enumerate(enablers.codes)}
        order.sort(key=lambda k: rank.get(k, 99))
    elif group == "area":
        order.sort(key=lambda k: (k == "~", k.lower()))
    return [groups[k] for k in order]


def _plan_values(form) -> dict:
    data = form.cleaned_data
    return {name: data[name] for name in (
        "title", "kind", "starts_on", "ends_on", "description", "inspection",
        "report_published_on", "submission_due_on", "submitted_on")}


@permission_required("action_plan_manage")
def plan_create(request):
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = services.plan_create(user=request.user, request=request, **_plan_values(form))
        messages.success(request, f"Plan “{plan.title}” made. Add its actions, or import them "
                         "from a workbook.")
        return redirect("actions:plan", plan_id=plan.pk)
    return _plan_form(request, form, None)


@permission_required("action_plan_manage")
def plan_edit(request, plan_id):
    plan = _plan_or_404(plan_id)
    initial = {name: getattr(plan, name) for name in (
        "title", "kind", "starts_on", "ends_on", "description", "inspection",
        "report_published_on", "submission_due_on", "submitted_on")}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = _plan_values(form)
        if values["kind"] == "improvement_plan" and values["report_published_on"] and \
                not values["submission_due_on"]:
            values["submission_due_on"] = services.improvement_plan_submission_due(
                values["report_published_on"])
        try:
            services.plan_update(user=request.user, plan=plan, request=request, **values)
        except services.ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Plan “{plan.title}” saved.")
            return redirect("actions:plan", plan_id=plan.pk)
    return _plan_form(request, form, plan)


def _plan_form(request, form, plan):
    return render(request, "actions/plan_form.html", {
        "form": form, "plan": plan, "errors": error_list(form),
        "dates": {name: date_parts(form[name]) for name in (
            "starts_on", "ends_on", "report_published_on", "submission_due_on",
            "submitted_on")},
    })


@permission_required("action_plan_manage")
def plan_carry_forward(request, plan_id):
    plan = _plan_or_404(plan_id)
    unfinished = selectors.actions_open(plan=plan).count()
    form = CarryForwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = services.plan_carry_forward(
            user=request.user, plan=plan, title=form.cleaned_data["title"],
            starts_on=form.cleaned_data["starts_on"], ends_on=form.cleaned_data["ends_on"],
            request=request)
        messages.success(request, f"{unfinished} unfinished actions carried forward into "
                         f"“{new.title}”.")
        return redirect("actions:plan", plan_id=new.pk)
    return render(request, "actions/plan_carry_forward.html", {
        "plan": plan, "form": form, "errors": error_list(form), "unfinished": unfinished,
        "dates": {name: date_parts(form[name]) for name in ("starts_on", "ends_on")},
    })


@permission_required("action_plan_view")
def plan_export(request, plan_id):
    plan = _plan_or_404(plan_id)
    data = selectors.plan_workbook(plan=plan)
    audit_export_record(request=request, detail=f"Plan {plan.title} as Excel")
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument."
                            "spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}.xlsx"'
    return response


# Actions

def _action_values(form) -> dict:
    data = dict(form.cleaned_data)
    values = {name: data[name] for name in ("area", "enabler", "objective", "text",
                                            "links_text", "indicator_ids", "risks",
                                            "success_criteria")}
    for name in ("recommendation", "number"):
        if name in data:
            values[name] = data[name] or ("" if name == "number" else None)
    return values


@permission_required("action_plan_manage")
def action_create(request, plan_id):
    plan = _plan_or_404(plan_id)
    form = ActionForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(
                user=request.user, plan=plan, deadline=form.cleaned_data["deadline"],
                leads=form.cleaned_data["leads"],
                linked_plans=form.cleaned_data["linked_plans"],
                linked_recommendations=form.cleaned_data["linked_recommendations"],
                request=request, **_action_values(form))
        except services.ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Action {action.reference} added.")
            return redirect("actions:action", action_id=action.pk)
    return render(request, "actions/action_form.html", {
        "form": form, "plan": plan, "action": None, "errors": error_list(form)})


@permission_required("action_plan_view")
def action(request, action_id):
    action = _action_or_404(action_id)
    as_at = _today()
    updates = list(action.updates.select_related("by"))
    statuses, rags = code_list("statuses"), code_list("rags")
    history = [{"update": u, "status": statuses.label(u.status),
                "status_tag": STATUS_TAGS.get(u.status),
                "rag": rags.label(u.rag) if u.rag else "Not rated",
                "rag_tag": RAG_TAGS.get(u.rag, "")} for u in updates]
    from yjhub.indicators.catalogue import catalogue

    names = {}
    for indicator in catalogue().indicators:
        names[indicator.id] = indicator.title
        names |= {m.id: f"{indicator.title}: {m.label}" for m in indicator.measures}
    indicators = [(i, names.get(i, "")) for i in action.indicator_ids]
    return render(request, "actions/action.html", {
        "action": action, "row": _row(action, as_at=as_at, user=request.user),
        "history": history, "indicators": indicators,
        "carried_to": action.carried_to.select_related("plan"),
        "linked_plans": action.linked_plans.all(),
        "linked_recommendations": action.linked_recommendations.select_related("plan"),
        "can_manage": _may_manage(request.user),
    })


def _check_can_update(request, action: Action) -> None:
    if not selectors.action_can_update(user=request.user, action=action):
        raise PermissionDenied


@permission_required("action_update")
def action_edit(request, action_id):
    action = _action_or_404(action_id)
    _check_can_update(request, action)
    initial = {name: getattr(action, name) for name in (
        "number", "area", "enabler", "objective", "text", "links_text", "risks",
        "success_criteria")}
    initial |= {"deadline": action.deadline_text,
                "indicator_ids": ", ".join(action.indicator_ids),
                "leads": [str(lead.pk) for lead in action.leads.all()],
                "linked_plans": [str(p.pk) for p in action.linked_plans.all()],
                "linked_recommendations": [str(r.pk) for r in
                                           action.linked_recommendations.all()],
                "recommendation": str(action.recommendation_id or "")}
    form = ActionForm(request.POST or None, plan=action.plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(
                user=request.user, action=action, deadline=form.cleaned_data["deadline"],
                leads=form.cleaned_data["leads"],
                linked_plans=form.cleaned_data["linked_plans"],
                linked_recommendations=form.cleaned_data["linked_recommendations"],
                request=request, **_action_values(form))
        except services.ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Action {action.reference} saved.")
            return redirect("actions:action", action_id=action.pk)
    return render(request, "actions/action_form.html", {
        "form": form, "plan": action.plan, "action": action, "errors": error_list(form)})


@permission_required("action_update")
def progress_create(request, action_id):
    action = _action_or_404(action_id)
    _check_can_update(request, action)
    form = ProgressForm(request.POST or None,
                        initial={"on": _today(), "status": action.status, "rag": action.rag})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.progress_update_create(
            user=request.user, action=action, on=data["on"], status=data["status"],
            rag=data["rag"], note=data["note"], completed_on=data["completed_on"],
            request=request)
        messages.success(request, f"Progress of action {action.reference} recorded.")
        return redirect("actions:action", action_id=action.pk)
    return render(request, "actions/progress_form.html", {
        "form": form, "action": action, "errors": error_list(form),
        "dates": {name: date_parts(form[name]) for name in ("on", "completed_on")},
    })


@permission_required("action_plan_manage")
def recommendation_create(request, plan_id):
    plan = _plan_or_404(plan_id)
    form = RecommendationForm(request.POST or None, initial={"kind": "recommendation"})
    if request.method == "POST" and form.is_valid():
        rec = services.recommendation_create(user=request.user, plan=plan, request=request,
                                             **form.cleaned_data)
        messages.success(request, f"{rec.get_kind_display()} {rec.number} added. Add its "
                         "activities with Add an action.")
        return redirect("actions:plan", plan_id=plan.pk)
    return render(request, "actions/recommendation_form.html", {
        "form": form, "plan": plan, "errors": error_list(form)})


@permission_required("action_plan_view")
def actions_due(request):
    """Overdue and due-soon actions, by lead and by team (all plans)."""
    as_at = _as_at(request)
    overdue = list(selectors.actions_overdue(as_at=as_at))
    soon = list(selectors.actions_due_soon(as_at=as_at))
    mine = request.GET.get("mine") == "1"
    if mine:
        keep = {a.pk for a in selectors.actions_all().filter(leads__user=request.user)}
        overdue = [a for a in overdue if a.pk in keep]
        soon = [a for a in soon if a.pk in keep]
    by = request.GET.get("by", "lead")
    group = selectors.actions_by_team if by == "team" else selectors.actions_by_lead

    def rows(actions):
        return [{"title": str(key) if key is not None else "No lead named",
                 "rows": [_row(a, as_at=as_at) for a in items]} for key, items in group(actions)]

    return render(request, "actions/actions_due.html", {
        "as_at": as_at, "overdue": rows(overdue), "soon": rows(soon), "by": by, "mine": mine,
        "n_overdue": len(overdue), "n_soon": len(soon), "days": selectors.DUE_SOON_DAYS,
    })


@permission_required("action_plan_manage")
def leads(request):
    form = LeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lead = services.lead_create(user=request.user, name=data["name"], role=data["role"],
                                    team_id=data["team"] or None, lead_user=data["user"],
                                    request=request)
        messages.success(request, f"{lead} added to the register of leads.")
        return redirect("actions:leads")
    rows = selectors.leads_all().annotate(
        n_open=Count("actions", filter=Q(actions__status__in=open_statuses())))
    return render(request, "actions/leads.html", {"form": form, "errors": error_list(form),
                                                  "rows": rows})


@permission_required("action_plan_manage")
def lead_edit(request, lead_id):
    lead = get_object_or_404(Lead, pk=lead_id)
    form = LeadForm(request.POST or None, initial={
        "name": lead.name, "role": lead.role, "team": lead.team_id or "",
        "user": str(lead.user_id or "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.lead_update(user=request.user, lead=lead, request=request,
                             name=data["name"].strip(), role=data["role"].strip(),
                             team_id=data["team"] or None, lead_user=data["user"])
        messages.success(request, f"{lead} saved.")
        return redirect("actions:leads")
    return render(request, "actions/lead_form.html", {"form": form, "lead": lead,
                                                      "errors": error_list(form)})


# Import

@permission_required("action_plan_manage")
@csrf_exempt
def plan_imports(request):
    """Upload a workbook; it is checked and nothing is written until the person confirms.
    (The size limit is set before the upload is read; the CSRF check then runs as usual.)"""
    if request.method == "POST":
        request.upload_handlers.insert(0, UploadSizeLimit(request, limit=PlanUploadForm.LIMIT))
    return _plan_imports(request)


@csrf_protect
def _plan_imports(request):
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if getattr(request, "upload_too_large", False):
            form.is_valid()
            form.add_error("file", "The file must be smaller than 20 MB")
        elif form.is_valid():
            record = _import_check(request, form)
            if record is not None:
                return redirect("actions:plan_import", import_id=record.pk)
    return render(request, "actions/imports.html", {
        "form": form, "errors": error_list(form),
        "rows": PlanImport.objects.select_related("user", "plan")[:20],
    })


def _import_check(request, form) -> PlanImport | None:
    upload = form.cleaned_data["file"]
    try:
        path = upload_store(file=upload)
    except UploadError as error:
        form.add_error("file", str(error))
        return None
    into = form.cleaned_data["into"]
    book = workbook_read(path, name=upload.name)
    if into is None and book.ok:
        workbook_require_plan(book)
    status = "checked" if book.ok else "problems"
    record = PlanImport.objects.create(
        user=request.user, file_name=upload.name[:200], source=str(path), status=status,
        problems=[p.__dict__ for p in book.problems], summary=_import_summary(book, into),
        into=into)
    if not book.ok:
        upload_discard(source=str(path))
    return record


def _import_summary(book, into) -> dict:
    enablers = code_list("enablers")
    counts: dict[str, int] = {}
    for action in book.actions:
        label = enablers.label(action.enabler) if action.enabler else "No enabler"
        counts[label] = counts.get(label, 0) + 1
    plan = book.plan
    return {
        "title": into.title if into else plan.get("title", ""),
        "kind": Plan.KINDS.get(into.kind if into else book.kind, ""),
        "starts_on": str(plan.get("starts_on") or ""), "ends_on": str(plan.get("ends_on") or ""),
        "actions": len(book.actions), "recommendations": len(book.recommendations),
        "sub_items": sum(1 for a in book.actions if a.parent is not None),
        "by_enabler": counts, "sheets": book.sheets,
    }


@permission_required("action_plan_manage")
def plan_import(request, import_id):
    record = get_object_or_404(PlanImport.objects.select_related("user", "plan", "into"),
                               pk=import_id)
    kept = record.source and upload_of(record.source) is not None
    can_load = record.status == "checked" and kept
    if request.method == "POST":
        if not can_load:
            messages.info(request, "This check cannot be loaded: it found problems, was loaded "
                          "already, or its upload is no longer kept. Upload the workbook again.")
            return redirect("actions:plan_import", import_id=record.pk)
        if request.POST.get("action") == "discard":
            upload_discard(source=record.source)
            record.status = "discarded"
            record.save(update_fields=["status"])
            messages.info(request, f"{record.file_name} was removed without loading it.")
            return redirect("actions:plan_imports")
        return _import_load(request, record)
    problems = [Problem(**p) for p in record.problems]
    return render(request, "actions/import.html", {
        "record": record, "problems": problems, "can_load": can_load,
        "status": PlanImport.STATUSES[record.status],
        "by_enabler": sorted((record.summary.get("by_enabler") or {}).items()),
    })


def _import_load(request, record: PlanImport):
    book = workbook_read(record.source, name=record.file_name)
    if record.into is None and book.ok:
        workbook_require_plan(book)
    if not book.ok:  # changed since the check: refuse whole
        record.status = "problems"
        record.problems = [p.__dict__ for p in book.problems]
        record.save(update_fields=["status", "problems"])
        upload_discard(source=record.source)
        messages.info(request, "Problems were found when loading, so nothing was written.")
        return redirect("actions:plan_import", import_id=record.pk)
    plan = services.plan_import(user=request.user, workbook=book, into=record.into,
                                request=request)
    upload_discard(source=record.source)
    record.status, record.plan = "loaded", plan
    record.save(update_fields=["status", "plan"])
    audit_event_record(user=request.user, action="update", table="action_plan_import",
                       record_id=record.pk, changes={"status": ["checked", "loaded"],
                                                     "plan": [None, plan.pk]},
                       detail=f"Workbook {record.file_name} loaded into {plan.title}",
                       request=request)
    messages.success(request, f"{record.file_name} loaded: {len(book.actions)} actions in "
                     f"“{plan.title}”.")
    return redirect("actions:plan", plan_id=plan.pk)
