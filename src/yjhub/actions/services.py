"""Changing action plans. Every write is in a transaction and records an audit event with the
old and new values (``{field: [old, new]}``) in the same transaction."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from yjhub.actions.codes import code_list, open_statuses
from yjhub.actions.deadlines import deadline_parse
from yjhub.actions.models import Action, Lead, Plan, ProgressUpdate, Recommendation
from yjhub.actions.spreadsheets import PlanWorkbook
from yjhub.audit.services import audit_event_record

SUBMISSION_WEEKS = 4  # an improvement plan is due four weeks after the report is published

PLAN_FIELDS = ("kind", "title", "starts_on", "ends_on", "description", "inspection",
               "report_published_on", "submission_due_on", "submitted_on")
ACTION_FIELDS = ("recommendation", "parent", "number", "position", "area", "enabler",
                 "objective", "text", "leads_text", "deadline_text", "links_text",
                 "indicator_ids", "risks", "success_criteria", "status", "rag",
                 "completed_on", "source_row")


class ActionError(ValueError):
    """A change that cannot be made; the message says why, for the person."""


def _value(value):
    """An audit-friendly value: dates as ISO text, models as their id."""
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value


def _changes(obj, values: dict) -> dict:
    """Set the values on obj; returns {field: [old, new]} for those that changed."""
    changes = {}
    for name, new in values.items():
        old = getattr(obj, name)
        if _value(old) != _value(new):
            changes[name] = [_value(old), _value(new)]
            setattr(obj, name, new)
    return changes


def _m2m_changes(name: str, old, new) -> dict:
    old_ids, new_ids = sorted(o.pk for o in old), sorted(n.pk for n in new)
    return {} if old_ids == new_ids else {name: [old_ids, new_ids]}


def improvement_plan_submission_due(published_on: date) -> date:
    return published_on + timedelta(weeks=SUBMISSION_WEEKS)


def _check_choice(list_name: str, value: str, label: str, *, blank: bool = True) -> None:
    if value == "" and blank:
        return
    if code_list(list_name).resolve(value) != value:
        raise ActionError(f"{label} \"{value}\" is not one of: {code_list(list_name).written()}")


def _check_indicators(ids) -> list[str]:
    from yjhub.indicators.catalogue import catalogue

    known = {i.id for i in catalogue().indicators}
    measures = {m.id for i in catalogue().indicators for m in i.measures}
    ids = [str(i).strip() for i in ids or [] if str(i).strip()]
    unknown = [i for i in ids if i not in known and i not in measures]
    if unknown:
        raise ActionError(f"Indicator \"{unknown[0]}\" is not in the indicator catalogue")
    return ids


# Plans

@transaction.atomic
def plan_create(*, user, title: str, starts_on: date, ends_on: date, kind: str = "action_plan",
                description: str = "", inspection: str = "",
                report_published_on: date | None = None, submission_due_on: date | None = None,
                submitted_on: date | None = None, previous: Plan | None = None,
                request=None) -> Plan:
    if kind not in Plan.KINDS:
        raise ActionError(f"Kind of plan \"{kind}\" is not one of: {', '.join(Plan.KINDS)}")
    if ends_on < starts_on:
        raise ActionError(f"The plan must end on or after it starts: it starts {starts_on} "
                          f"and ends {ends_on}")
    if kind == "improvement_plan" and report_published_on and submission_due_on is None:
        submission_due_on = improvement_plan_submission_due(report_published_on)
    plan = Plan.objects.create(
        kind=kind, title=title, starts_on=starts_on, ends_on=ends_on, description=description,
        inspection=inspection, report_published_on=report_published_on,
        submission_due_on=submission_due_on, submitted_on=submitted_on, previous=previous)
    audit_event_record(user=user, action="create", table="action_plan", record_id=plan.pk,
                       changes={f: [None, _value(getattr(plan, f))] for f in PLAN_FIELDS
                                if getattr(plan, f) not in ("", None)},
                       detail=f"{plan.get_kind_display()} {plan.title}", request=request)
    return plan


@transaction.atomic
def plan_update(*, user, plan: Plan, request=None, **values) -> Plan:
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise ActionError(f"unknown plan fields {sorted(unknown)}")
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    changes = _changes(plan, values)
    if plan.ends_on < plan.starts_on:
        raise ActionError(f"The plan must end on or after it starts: it starts {plan.starts_on} "
                          f"and ends {plan.ends_on}")
    if changes:
        plan.save()
        if "starts_on" in changes:  # months without a year are read from the plan's start
            for action in plan.actions.all():
                _action_deadline_set(action, action.deadline_text, plan)
                action.save(update_fields=["deadline_kind", "due_on", "recurrence"])
        audit_event_record(user=user, action="update", table="action_plan", record_id=plan.pk,
                           changes=changes, detail=f"Plan {plan.title}", request=request)
    return plan


# Leads

@transaction.atomic
def lead_create(*, user, name: str = "", role: str = "", team_id: str | None = None,
                lead_user=None, request=None) -> Lead:
    name, role = name.strip(), role.strip()
    if not name and not role:
        raise ActionError("A lead needs a name or a role")
    lead = Lead.objects.create(name=name, role=role, team_id=team_id or None, user=lead_user)
    audit_event_record(user=user, action="create", table="action_lead", record_id=lead.pk,
                       changes={"name": [None, name], "role": [None, role],
                                "team": [None, team_id or None],
                                "user": [None, lead_user.pk if lead_user else None]},
                       detail=f"Lead {lead}", request=request)
    return lead


@transaction.atomic
def lead_update(*, user, lead: Lead, request=None, **values) -> Lead:
    """Change a lead: ``name``, ``role``, ``team_id``, ``lead_user`` (their account)."""
    allowed = {"name", "role", "team_id", "lead_user"}
    if set(values) - allowed:
        raise ActionError(f"unknown lead fields {sorted(set(values) - allowed)}")
    if "lead_user" in values:
        values["user"] = values.pop("lead_user")
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    changes = _changes(lead, values)
    if not lead.name and not lead.role:
        raise ActionError("A lead needs a name or a role")
    if changes:
        lead.save()
        audit_event_record(user=user, action="update", table="action_lead", record_id=lead.pk,
                           changes=changes, detail=f"Lead {lead}", request=request)
    return lead


def lead_find_or_create(*, user, name: str = "", role: str = "", request=None) -> Lead:
    """The register's lead with this name and role (ignoring case), made if there is none."""
    found = Lead.objects.filter(name__iexact=name.strip(), role__iexact=role.strip()).first()
    return found or lead_create(user=user, name=name, role=role, request=request)


# Recommendations

@transaction.atomic
def recommendation_create(*, user, plan: Plan, text: str, number: str = "",
                          kind: str = "recommendation", position: int | None = None,
                          source_audit_ref: str = "", source_recommendation_ref: str = "",
                          request=None) -> Recommendation:
    _check_choice("recommendation_kinds", kind, "Kind", blank=False)
    if position is None:
        position = plan.recommendations.count() + 1
    rec = Recommendation.objects.create(
        plan=plan, text=text, number=number, kind=kind, position=position,
        source_audit_ref=source_audit_ref, source_recommendation_ref=source_recommendation_ref)
    audit_event_record(user=user, action="create", table="action_recommendation",
                       record_id=rec.pk,
                       changes={"plan": [None, plan.pk], "number": [None, number],
                                "kind": [None, kind], "text": [None, text],
                                "source_audit_ref": [None, source_audit_ref],
                                "source_recommendation_ref": [None, source_recommendation_ref]},
                       detail=f"Recommendation {number} of {plan.title}", request=request)
    return rec


@transaction.atomic
def recommendation_update(*, user, recommendation: Recommendation, request=None,
                          **values) -> Recommendation:
    allowed = {"number", "kind", "text", "position", "source_audit_ref",
               "source_recommendation_ref"}
    if set(values) - allowed:
        raise ActionError(f"unknown recommendation fields {sorted(set(values) - allowed)}")
    if "kind" in values:
        _check_choice("recommendation_kinds", values["kind"], "Kind", blank=False)
    changes = _changes(recommendation, values)
    if changes:
        recommendation.save()
        audit_event_record(user=user, action="update", table="action_recommendation",
                           record_id=recommendation.pk, changes=changes,
                           detail=f"Recommendation {recommendation.number}", request=request)
    return recommendation


# Actions

def _action_deadline_set(action: Action, text, plan: Plan) -> None:
    deadline = deadline_parse(text, starts_on=plan.starts_on)
    action.deadline_text = deadline.text
    action.deadline_kind = deadline.kind
    action.due_on = deadline.due
    action.recurrence = deadline.recurrence


def _action_check(values: dict) -> None:
    _check_choice("enablers", values.get("enabler", ""), "Enabler")
    _check_choice("statuses", values.get("status", "not_started"), "Status", blank=False)
    _check_choice("rags", values.get("rag", ""), "RAG")
    if not str(values.get("text", "x")).strip():
        raise ActionError("Enter the specific actions")


@transaction.atomic
def action_create(*, user, plan: Plan, text: str, deadline: str = "", leads=(),
                  linked_plans=(), linked_recommendations=(), request=None,
                  audit: bool = True, **values) -> Action:
    """Add an action (or activity, or sub-item) to a plan. ``deadline`` is the text as written;
    the due date, kind and recurrence are read from it (``deadlines.deadline_parse``)."""
    unknown = set(values) - set(ACTION_FIELDS) - {"carried_from"}
    if unknown:
        raise ActionError(f"unknown action fields {sorted(unknown)}")
    values.setdefault("status", "not_started")
    _action_check({**values, "text": text})
    if "indicator_ids" in values:
        values["indicator_ids"] = _check_indicators(values["indicator_ids"])
    if "position" not in values:
        values["position"] = plan.actions.count() + 1
    if values["status"] == "done" and not values.get("completed_on"):
        raise ActionError("Enter the date the action was completed")
    action = Action(plan=plan, text=text, **values)
    _action_deadline_set(action, deadline, plan)
    action.save()
    action.leads.set(leads)
    action.linked_plans.set(linked_plans)
    action.linked_recommendations.set(linked_recommendations)
    if audit:
        changes = {f: [None, _value(getattr(action, f))] for f in
                   (*ACTION_FIELDS, "deadline_kind", "due_on", "recurrence", "carried_from")
                   if getattr(action, f) not in ("", None, [])}
        if leads:
            changes["leads"] = [None, sorted(lead.pk for lead in leads)]
        audit_event_record(user=user, action="create", table="action", record_id=action.pk,
                           changes=changes, detail=f"Action {action.reference} of {plan.title}",
                           request=request)
    return action


@transaction.atomic
def action_update(*, user, action: Action, request=None, deadline: str | None = None,
                  leads=None, linked_plans=None, linked_recommendations=None,
                  **values) -> Action:
    """Change an action. Only the values given change; the audit event holds old -> new."""
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise ActionError(f"unknown action fields {sorted(unknown)}")
    action = Action.objects.select_for_update().select_related("plan").get(pk=action.pk)
    _action_check({"enabler": action.enabler, "status": action.status, "rag": action.rag,
                   "text": action.text, **values})
    if "indicator_ids" in values:
        values["indicator_ids"] = _check_indicators(values["indicator_ids"])
    if values.get("status", action.status) == "done" and not values.get(
            "completed_on", action.completed_on):
        raise ActionError("Enter the date the action was completed")
    if values.get("status", action.status) != "done" and "status" in values:
        values.setdefault("completed_on", None)
    changes = _changes(action, values)
    if deadline is not None and deadline.strip() != action.deadline_text:
        before = {f: _value(getattr(action, f)) for f in
                  ("deadline_text", "deadline_kind", "due_on", "recurrence")}
        _action_deadline_set(action, deadline, action.plan)
        for name, old in before.items():
            if old != _value(getattr(action, name)):
                changes[name] = [old, _value(getattr(action, name))]
    for name, new in (("leads", leads), ("linked_plans", linked_plans),
                      ("linked_recommendations", linked_recommendations)):
        if new is not None:
            change = _m2m_changes(name, getattr(action, name).all(), new)
            if change:
                getattr(action, name).set(new)
                changes |= change
    if changes:
        action.save()
        audit_event_record(user=user, action="update", table="action", record_id=action.pk,
                           changes=changes, detail=f"Action {action.reference} of "
                           f"{action.plan.title}", request=request)
    return action


@transaction.atomic
def progress_update_create(*, user, action: Action, on: date, status: str, rag: str = "",
                           note: str = "", completed_on: date | None = None,
                           request=None) -> ProgressUpdate:
    """A dated progress update. The action takes its status and RAG when the update is its
    latest (an update back-dated behind a later one is kept in the history only). Marking it
    done sets the completion date (the update's date unless ``completed_on`` is given)."""
    _check_choice("statuses", status, "Status", blank=False)
    _check_choice("rags", rag, "RAG")
    action = Action.objects.select_for_update().select_related("plan").get(pk=action.pk)
    update = ProgressUpdate.objects.create(
        action=action, on=on, status=status, rag=rag, note=note,
        by=user if user is not None and user.is_authenticated else None,
        by_name=user.get_username() if user is not None and user.is_authenticated else "system")
    latest = action.updates.order_by("-on", "-id").first()
    changes: dict = {}
    if latest.pk == update.pk:
        values = {"status": status, "rag": rag}
        if status == "done":
            values["completed_on"] = completed_on or action.completed_on or on
        elif action.completed_on:
            values["completed_on"] = None
        changes = _changes(action, values)
        if changes:
            action.save()
    audit_event_record(user=user, action="create", table="action_progress", record_id=update.pk,
                       changes={"on": [None, on.isoformat()], "status": [None, status],
                                "rag": [None, rag], "note": [None, note],
                                **{f"action.{k}": v for k, v in changes.items()}},
                       detail=f"Progress of action {action.reference} of {action.plan.title}",
                       request=request)
    return update


# Carrying forward

@transaction.atomic
def plan_carry_forward(*, user, plan: Plan, title: str, starts_on: date, ends_on: date,
                       into: Plan | None = None, request=None) -> Plan:
    """Copy the plan's unfinished actions into next year's plan (a new action plan, or
    ``into``), each linking back to the one it came from (``carried_from``); the old ones are
    marked carried forward. Leads, links, risks and success criteria go with them; an
    improvement plan's activity keeps its recommendation as its objective and as a link. The
    deadline is kept as written and read again against the new plan's dates."""
    if into is None:
        into = plan_create(user=user, title=title, starts_on=starts_on, ends_on=ends_on,
                           previous=plan, request=request,
                           description=f"Carries forward the unfinished actions of {plan.title}.")
    unfinished = list(plan.actions.filter(status__in=open_statuses())
                      .select_related("recommendation", "parent")
                      .prefetch_related("leads", "linked_plans", "linked_recommendations")
                      .order_by("position", "id"))
    copies: dict[int, Action] = {}
    position = into.actions.count()
    for old in unfinished:
        position += 1
        objective = old.objective
        if not objective and old.recommendation_id:
            objective = f"{old.recommendation.number}. {old.recommendation.text}".strip(". ")
        recs = list(old.linked_recommendations.all())
        if old.recommendation_id and old.recommendation not in recs:
            recs.append(old.recommendation)
        new = action_create(
            user=user, plan=into, text=old.text, deadline=old.deadline_text,
            leads=list(old.leads.all()), linked_plans=list(old.linked_plans.all()) + [plan],
            linked_recommendations=recs, request=request,
            parent=copies.get(old.parent_id), number=old.number, position=position,
            area=old.area, enabler=old.enabler, objective=objective, leads_text=old.leads_text,
            links_text=old.links_text, indicator_ids=old.indicator_ids, risks=old.risks,
            success_criteria=old.success_criteria, status=old.status, rag=old.rag,
            carried_from=old, source_row=old.source_row)
        copies[old.pk] = new
        action_update(user=user, action=old, status="carried_forward", request=request)
    audit_event_record(user=user, action="update", table="action_plan", record_id=plan.pk,
                       changes={"carried_forward": [None, {"into": into.pk,
                                                           "actions": sorted(copies)}]},
                       detail=f"{len(copies)} unfinished actions of {plan.title} carried "
                       f"forward into {into.title}", request=request)
    return into


# Importing a workbook

@transaction.atomic
def plan_import(*, user, workbook: PlanWorkbook, into: Plan | None = None,
                on: date | None = None, request=None) -> Plan:
    """Load a checked workbook (``spreadsheets.workbook_read``) as a new plan, or add its
    actions to ``into``. Refuses a workbook with any problem, so nothing is half loaded. Each
    line of a Lead cell is a lead of the register (found by its text, or added). A Progress
    cell becomes a progress update dated by the Progress date column, or ``on`` (today)."""
    if not workbook.ok:
        raise ActionError(f"{workbook.name} has {len(workbook.problems)} problems: nothing "
                          "was loaded")
    from django.utils import timezone

    on = on or timezone.localdate()
    if into is None:
        details = {k: v for k, v in workbook.plan.items() if v not in ("", None)}
        details.setdefault("kind", workbook.kind)
        plan = plan_create(user=user, request=request, **details)
    else:
        plan = into
    leads: dict[str, Lead] = {}
    recs: dict[int, Recommendation] = {}
    for rec in workbook.recommendations:
        recs[rec.key] = recommendation_create(
            user=user, plan=plan, text=rec.text, number=rec.number, kind=rec.kind,
            source_audit_ref=rec.source_audit_ref,
            source_recommendation_ref=rec.source_recommendation_ref, request=request)
    made: list[Action] = []
    position = plan.actions.count()
    for row in workbook.actions:
        position += 1
        row_leads = []
        for text in row.leads:
            if text.lower() not in leads:
                leads[text.lower()] = lead_find_or_create(user=user, role=text, request=request)
            row_leads.append(leads[text.lower()])
        deadline = row.deadline.isoformat() if isinstance(row.deadline, date) else row.deadline
        action = action_create(
            user=user, plan=plan, text=row.text, deadline=deadline, leads=row_leads,
            request=request, number=row.number, position=position,
            recommendation=recs.get(row.recommendation),
            parent=made[row.parent] if row.parent is not None else None,
            area=row.area, enabler=row.enabler, objective=row.objective,
            leads_text=row.leads_text, links_text=row.links, indicator_ids=row.indicators,
            risks=row.risks, success_criteria=row.success_criteria,
            status="not_started" if row.progress else row.status,
            rag="" if row.progress else row.rag,
            completed_on=None if row.progress else row.completed_on,
            source_row=f"{row.sheet} row {row.row}")
        if row.progress:
            progress_update_create(user=user, action=action, on=row.progress_on or on,
                                   status=row.status, rag=row.rag, note=row.progress,
                                   completed_on=row.completed_on, request=request)
        made.append(action)
    audit_event_record(user=user, action="import", table="action_plan", record_id=plan.pk,
                       changes={"actions": [None, len(made)],
                                "recommendations": [None, len(recs)]},
                       detail=f"{len(made)} actions imported from {workbook.name} into "
                       f"{plan.title}", request=request)
    return plan
