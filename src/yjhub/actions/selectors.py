"""Reading action plans.

Plans hold no child's data, so every role that may see plans sees all of them; the web pages
decide what a user may change (``action_can_update``).

For the quarterly board report (stable; documented in docs/action-plans.md):

- ``actions_due_in(start=, end=)``: actions whose deadline date falls in the period;
- ``actions_overdue(as_at=)``: open actions whose deadline date has passed;
- ``actions_done_in(start=, end=)``: actions completed in the period;
- ``action_rag_summary(as_at=)``: counts by RAG, by status, by enabler and by area, as at a date
  (from the dated progress updates).

"Open" means a status that still has work to do (not started, in progress); done, no longer
needed and carried forward are closed. Recurring and ongoing actions with no date read from
their deadline are never due or overdue: they are followed through their progress updates.
Dates are inclusive at both ends.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet

from yjhub.actions.codes import code_list, open_statuses
from yjhub.actions.models import Action, Lead, Plan, ProgressUpdate

DUE_SOON_DAYS = 28
NOT_RATED = "not_rated"
NO_ENABLER = "none"


def action_leads(action: Action) -> list[Lead]:
    """The action's leads; a lettered sub-item with none of its own has its activity's."""
    leads = list(action.leads.all())
    if not leads and action.parent_id:
        leads = list(action.parent.leads.all())
    return leads


def actions_all(*, plan: Plan | None = None) -> QuerySet[Action]:
    """Every action (of one plan), with what a list shows loaded."""
    queryset = Action.objects.select_related(
        "plan", "recommendation", "parent", "parent__recommendation").prefetch_related(
        Prefetch("leads", queryset=Lead.objects.select_related("team")),
        Prefetch("parent__leads", queryset=Lead.objects.select_related("team")))
    if plan is not None:
        queryset = queryset.filter(plan=plan)
    return queryset


def actions_open(*, plan: Plan | None = None) -> QuerySet[Action]:
    return actions_all(plan=plan).filter(status__in=open_statuses())


def actions_due_in(*, start: date, end: date, plan: Plan | None = None) -> QuerySet[Action]:
    """Actions (open or not) whose deadline date is between ``start`` and ``end``, inclusive,
    earliest first: what the period's plan said would be done, whether or not it was."""
    return actions_all(plan=plan).filter(due_on__gte=start, due_on__lte=end) \
        .order_by("due_on", "plan__title", "position", "id")


def actions_overdue(*, as_at: date, plan: Plan | None = None) -> QuerySet[Action]:
    """Open actions due before ``as_at`` (an action due on ``as_at`` is not yet overdue),
    longest overdue first."""
    return actions_open(plan=plan).filter(due_on__lt=as_at) \
        .order_by("due_on", "plan__title", "position", "id")


def actions_due_soon(*, as_at: date, days: int = DUE_SOON_DAYS,
                     plan: Plan | None = None) -> QuerySet[Action]:
    """Open actions due from ``as_at`` to ``days`` days after it, inclusive."""
    return actions_open(plan=plan).filter(due_on__gte=as_at,
                                          due_on__lte=as_at + timedelta(days=days)) \
        .order_by("due_on", "plan__title", "position", "id")


def actions_done_in(*, start: date, end: date, plan: Plan | None = None) -> QuerySet[Action]:
    """Actions marked done with a completion date between ``start`` and ``end``, inclusive."""
    return actions_all(plan=plan).filter(status="done", completed_on__gte=start,
                                         completed_on__lte=end) \
        .order_by("completed_on", "plan__title", "position", "id")


@dataclass
class RagSummary:
    """Counts of actions as at a date. Each count dict has every code (zeros included), in the
    code lists' order; RAG counts end with ``not_rated``."""

    as_at: date
    total: int = 0
    by_rag: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    #: enabler code (or "none") -> RAG code -> count
    by_enabler: dict[str, dict[str, int]] = field(default_factory=dict)
    #: objective area as written (or "" for none) -> RAG code -> count
    by_area: dict[str, dict[str, int]] = field(default_factory=dict)
    #: plan title -> RAG code -> count
    by_plan: dict[str, dict[str, int]] = field(default_factory=dict)

    @staticmethod
    def rag_keys() -> list[str]:
        return [c.code for c in code_list("rags").codes] + [NOT_RATED]

    @staticmethod
    def rag_label(key: str) -> str:
        return "Not rated" if key == NOT_RATED else code_list("rags").label(key)


def action_state_as_at(*, action: Action, as_at: date,
                       updates: list[ProgressUpdate] | None = None) -> tuple[str, str]:
    """(status, RAG) of an action as at a date: those of its latest progress update on or
    before it (the later-entered one on the same day). With no update by then: not started and
    not rated, or done if it was completed by then."""
    if updates is None:
        updates = list(action.updates.all())
    dated = [u for u in updates if u.on <= as_at]
    if dated:
        latest = max(dated, key=lambda u: (u.on, u.pk))
        return latest.status, latest.rag or NOT_RATED
    if action.status == "done" and action.completed_on and action.completed_on <= as_at:
        return "done", action.rag or NOT_RATED
    return "not_started", NOT_RATED


def action_rag_summary(*, as_at: date, plan: Plan | None = None) -> RagSummary:
    """Counts by RAG, status, enabler, area and plan of the actions of every plan running on
    ``as_at`` (``starts_on <= as_at <= ends_on``; or of ``plan``), each as it stood on that
    date. An action's sub-items are counted too (each is something to do)."""
    queryset = Action.objects.select_related("plan").prefetch_related("updates")
    if plan is not None:
        queryset = queryset.filter(plan=plan)
    else:
        queryset = queryset.filter(plan__starts_on__lte=as_at, plan__ends_on__gte=as_at)
    rags = RagSummary.rag_keys()
    summary = RagSummary(as_at=as_at, by_rag=dict.fromkeys(rags, 0),
                         by_status={c.code: 0 for c in code_list("statuses").codes})
    enablers = [c.code for c in code_list("enablers").codes] + [NO_ENABLER]
    by_enabler = {code: Counter() for code in enablers}
    by_area: dict[str, Counter] = defaultdict(Counter)
    by_plan: dict[str, Counter] = defaultdict(Counter)
    for action in queryset.order_by("plan__starts_on", "plan__title", "position", "id"):
        status, rag = action_state_as_at(action=action, as_at=as_at,
                                         updates=list(action.updates.all()))
        summary.total += 1
        summary.by_rag[rag] += 1
        summary.by_status[status] = summary.by_status.get(status, 0) + 1
        by_enabler[action.enabler or NO_ENABLER][rag] += 1
        by_area[action.area][rag] += 1
        by_plan[action.plan.title][rag] += 1

    def full(counts: Counter) -> dict[str, int]:
        return {key: counts.get(key, 0) for key in rags}

    summary.by_enabler = {code: full(counts) for code, counts in by_enabler.items()}
    summary.by_area = {area: full(counts) for area, counts in sorted(by_area.items())}
    summary.by_plan = {title: full(counts) for title, counts in by_plan.items()}
    return summary


# Lists for the people who lead actions.

def actions_for_lead(queryset: QuerySet[Action], *, lead: Lead | int) -> QuerySet[Action]:
    """Actions the lead leads (a sub-item with no leads of its own: its activity's)."""
    return queryset.filter(Q(leads=lead) | Q(leads__isnull=True, parent__leads=lead)).distinct()


def actions_for_team(queryset: QuerySet[Action], *, team_id: str) -> QuerySet[Action]:
    """Actions led by someone in the team (by the lead's team, or a lead's user's team role;
    a sub-item with no leads of its own: its activity's)."""
    return queryset.filter(
        Q(leads__team_id=team_id) | Q(leads__user__role_assignments__team_id=team_id)
        | Q(leads__isnull=True, parent__leads__team_id=team_id)
        | Q(leads__isnull=True, parent__leads__user__role_assignments__team_id=team_id)
    ).distinct()


def actions_by_lead(actions) -> list[tuple[Lead | None, list[Action]]]:
    """Actions grouped by lead (an action with two leads shows under each; those with none
    under None, last)."""
    groups: dict[int | None, list[Action]] = defaultdict(list)
    leads: dict[int, Lead] = {}
    for action in actions:
        leads_of = action_leads(action)
        if not leads_of:
            groups[None].append(action)
        for lead in leads_of:
            leads[lead.pk] = lead
            groups[lead.pk].append(action)
    ordered = sorted((k for k in groups if k is not None), key=lambda k: str(leads[k]).lower())
    result = [(leads[k], groups[k]) for k in ordered]
    if None in groups:
        result.append((None, groups[None]))
    return result


def actions_by_team(actions) -> list[tuple[str, list[Action]]]:
    """Actions grouped by their leads' teams (by team name; "No team" last)."""
    groups: dict[str, list[Action]] = defaultdict(list)
    for action in actions:
        teams = {lead.team.name for lead in action_leads(action) if lead.team_id}
        for name in sorted(teams) or ["No team"]:
            groups[name].append(action)
    return sorted(groups.items(), key=lambda item: (item[0] == "No team", item[0]))


def plans_all() -> QuerySet[Plan]:
    return Plan.objects.all()


def leads_all() -> QuerySet[Lead]:
    return Lead.objects.select_related("team", "user")


def plan_actions_ordered(*, plan: Plan) -> list[Action]:
    """The plan's actions in the plan's order: by recommendation, then activity with its
    sub-items after it."""
    actions = list(actions_all(plan=plan).prefetch_related("updates"))
    children: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        if action.parent_id:
            children[action.parent_id].append(action)
    top = [a for a in actions if not a.parent_id or a.parent_id not in {x.pk for x in actions}]
    top.sort(key=lambda a: ((a.recommendation.position if a.recommendation else 0),
                            a.position, a.pk))
    ordered: list[Action] = []

    def add(action: Action) -> None:
        ordered.append(action)
        for child in sorted(children.get(action.pk, []), key=lambda a: (a.position, a.pk)):
            add(child)

    for action in top:
        add(action)
    return ordered


def plan_workbook(*, plan: Plan) -> bytes:
    """The plan as an Excel workbook that the import reads back (``spreadsheets``)."""
    from yjhub.actions.spreadsheets import plan_workbook_write

    labels = {name: code_list(name) for name in ("enablers", "statuses", "rags",
                                                 "recommendation_kinds")}
    rows, progress = [], []
    seen_recs: set[int] = set()
    for action in plan_actions_ordered(plan=plan):
        rec = action.recommendation
        first_of_rec = rec is not None and rec.pk not in seen_recs
        if rec is not None:
            seen_recs.add(rec.pk)
        if action.parent_id:
            text = f"({action.number}) {action.text}" if action.number else action.text
        else:
            text = f"{action.number}. {action.text}" if action.number and rec else action.text
        rows.append({
            "ref": action.reference,
            "recommendation": (f"{rec.number}. {rec.text}" if rec.number else rec.text)
            if first_of_rec else None,
            "recommendation_kind": labels["recommendation_kinds"].label(rec.kind)
            if first_of_rec else None,
            "source_audit_ref": rec.source_audit_ref if first_of_rec else None,
            "source_recommendation_ref": rec.source_recommendation_ref if first_of_rec else None,
            "area": action.area, "enabler": labels["enablers"].label(action.enabler)
            if action.enabler else "",
            "objective": action.objective, "text": text,
            "leads": "\n".join(str(x) for x in action.leads.all()) or action.leads_text,
            "deadline": action.deadline_text, "due_on": action.due_on,
            "links": action.links_text, "indicators": ", ".join(action.indicator_ids),
            "risks": action.risks, "success_criteria": action.success_criteria,
            "status": labels["statuses"].label(action.status),
            "rag": labels["rags"].label(action.rag) if action.rag else "",
            "completed_on": action.completed_on,
            "carried_from": (f"{action.carried_from.plan.title}: "
                             f"{action.carried_from.reference}")
            if action.carried_from_id else "",
        })
        for update in sorted(action.updates.all(), key=lambda u: (u.on, u.pk)):
            progress.append({"ref": action.reference, "on": update.on,
                             "status": labels["statuses"].label(update.status),
                             "rag": labels["rags"].label(update.rag) if update.rag else None,
                             "note": update.note, "by": update.by_name})
    details = {name: getattr(plan, name) for name in (
        "title", "kind", "starts_on", "ends_on", "description", "inspection",
        "report_published_on", "submission_due_on", "submitted_on")}
    return plan_workbook_write(plan=details, rows=rows, progress=progress,
                               improvement=plan.is_improvement_plan)


MANAGERS = {"performance_officer", "head_of_service"}


def user_team_ids(*, user) -> set[str]:
    """The teams of the user's team roles."""
    return {team for team in user.role_assignments.filter(team__isnull=False)
            .values_list("team_id", flat=True)}


def action_can_update(*, user, action: Action) -> bool:
    """Head of service and performance officer: any action. Team manager: an action led by
    them (a lead linked to their user) or by someone in their team (the lead's team, or the
    lead's user holding a role in it). Everyone else: none."""
    from yjhub.accounts.permissions import roles_of

    roles = roles_of(user)
    if roles & MANAGERS:
        return True
    if "team_manager" not in roles:
        return False
    teams = set(user.role_assignments.filter(role="team_manager")
                .values_list("team_id", flat=True))
    for lead in action_leads(action):
        if lead.user_id == user.pk or (lead.team_id and lead.team_id in teams):
            return True
        if lead.user_id and teams & user_team_ids(user=lead.user):
            return True
    return False
