"""Starting a plan: from a template, or from last year's plan.

From last year's plan the new plan keeps the narrative (every answer, matched by section and
prompt id), every table's figures (to be updated), the board, the signatories' names and roles
(not their signatures or dates), the EPQA table, and each objective area's overview and
**unfinished** actions (status other than done/dropped), each marked ``carried_from``. Last
year's appendix outturn becomes the earlier year's column; this year's figures, targets, data
blocks and the review schedule start empty.
"""

from __future__ import annotations

import copy
import re

from yjhub.plans.model import (
    Action,
    Appendix,
    AppendixColumns,
    AppendixRow,
    Column,
    ContentsEntry,
    DataItem,
    EpqaItem,
    EpqaRow,
    Meta,
    ObjectiveArea,
    Plan,
    Prompt,
    Row,
    Section,
    Signature,
    Table,
    TemplateRef,
)
from yjhub.plans.templates import Template, template

FINISHED = {"done", "complete", "completed", "achieved", "dropped", "closed"}

_PERIOD = re.compile(r"^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$")


def period_start_year(period: str) -> int | None:
    match = _PERIOD.match(period.strip()) if period else None
    return int(match.group(1)) if match else None


def period_shift(period: str, years: int) -> str:
    """``period_shift("2006-07", 1) == "2007-08"``; unknown shapes come back unchanged."""
    start = period_start_year(period)
    if start is None:
        return period
    start += years
    return f"{start}-{(start + 1) % 100:02d}"


def _short(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def plan_new(*, template_id: str, from_plan: Plan | None = None, period: str = "",
             service: str = "") -> Plan:
    """A new plan on the template ``template_id`` (see :func:`templates`), empty or carried
    forward from ``from_plan`` (last year's plan)."""
    tpl = template(template_id)
    if not period:
        period = period_shift(from_plan.meta.period, 1) if from_plan else (
            tpl.periods[0] if tpl.periods else "")
    plan = _from_template(tpl, period=period,
                          service=service or (from_plan.meta.service if from_plan else ""))
    if from_plan is not None:
        _carry(plan, from_plan)
    return plan


def _from_template(tpl: Template, *, period: str, service: str) -> Plan:
    sections = [Section(id=s["id"], number=s.get("number", ""), title=s["title"],
                        level=s.get("level", 1),
                        prompts=[Prompt(id=p["id"], text=" ".join(p.get("text", "").split()),
                                        answered_by=list(p.get("answered_by", [])))
                                 for p in s.get("prompts", [])])
                for s in tpl.sections]
    tables = {t["id"]: Table(id=t["id"], caption=t.get("caption", ""),
                             note=" ".join(t.get("note", "").split()),
                             columns=[Column(id=c["id"], label=c.get("label", ""),
                                             kind=c.get("kind", "number"))
                                      for c in t["columns"]],
                             rows=[Row(id=r["id"], label=r.get("label", ""),
                                       kind=r.get("kind", ""), group=r.get("group", ""))
                                   for r in t.get("rows", [])])
              for t in tpl.tables}
    delivery = [ObjectiveArea(id=a["id"], title=a["title"],
                              prompt=" ".join(a.get("prompt", "").split()),
                              data=[DataItem(label=d.get("label", ""),
                                             indicator=d.get("indicator", ""))
                                    for d in a.get("data", [])],
                              epqa=[EpqaItem(label=e.get("label", ""), epqa=e["epqa"],
                                             kind=e.get("kind", "actual"))
                                    for e in a.get("epqa", [])])
                for a in tpl.delivery]
    start = period_start_year(period)
    labels = tpl.appendix.get("columns", {})
    names = ({"previous": _short(start - 2), "current": _short(start - 1), "next": _short(start)}
             if start else {"previous": "", "current": "", "next": ""})
    appendix = Appendix(
        columns=AppendixColumns(**{k: labels.get(k, "").format(**names).strip()
                                   for k in ("previous", "current", "target")}),
        rows=[AppendixRow(id=r["id"], theme=r.get("theme", ""), label=r.get("label", ""),
                          indicator=r.get("indicator", ""), measure=r.get("measure", ""),
                          kind=r.get("kind", ""))
              for r in tpl.appendix.get("rows", [])])
    epqa = [EpqaRow(id=r["id"], label=r.get("label", "")) for r in tpl.epqa.get("rows", [])]
    signatures = [Signature(role=role) for role in tpl.signatures.get("roles", [])]
    return Plan(
        meta=Meta(service=service, period=period,
                  title=f"Youth Justice Plan {period}".strip(),
                  template=TemplateRef(id=tpl.id, version=tpl.version)),
        contents=[ContentsEntry(number=s.number, title=s.title) for s in sections
                  if s.level <= 2],
        sections=sections, tables=tables, delivery=delivery, appendix=appendix, epqa=epqa,
        signatures=signatures)


def _carry(plan: Plan, last: Plan) -> None:
    plan.meta.carried_from = last.meta.period
    if last.meta.title and last.meta.period and last.meta.period in last.meta.title:
        plan.meta.title = last.meta.title.replace(last.meta.period, plan.meta.period)
    for section in plan.sections:
        before = last.section(section.id)
        if before is None:
            continue
        section.narrative = before.narrative
        section.figures = copy.deepcopy(before.figures)
        answers = {p.id: p.answer for p in before.prompts}
        for prompt in section.prompts:
            prompt.answer = answers.get(prompt.id, "")
    for table_id, table in plan.tables.items():
        before = last.tables.get(table_id)
        if before is None:
            continue
        columns = {c.id for c in table.columns}
        rows = {r.id: r for r in table.rows}
        carried = []
        for old in before.rows:
            new = rows.pop(old.id, None) or Row(id=old.id, label=old.label, kind=old.kind,
                                                group=old.group)
            new.label = old.label or new.label
            new.note = old.note
            new.values = {k: v for k, v in old.values.items() if k in columns}
            carried.append(new)
        table.rows = carried + list(rows.values())
    for area in plan.delivery:
        before = last.area(area.id)
        if before is None:
            continue
        area.overview = before.overview
        area.actions_held_in = before.actions_held_in
        area.actions = [Action(action=a.action, lead=a.lead, deadline=a.deadline,
                               status=a.status, outcome=a.outcome,
                               carried_from=a.carried_from or last.meta.period)
                        for a in before.actions if a.status.strip().lower() not in FINISHED]
    for row in plan.appendix.rows:
        before = last.appendix.row(row.id)
        if before is not None:
            row.previous = before.current
    epqa = {r.id: r for r in last.epqa}
    plan.epqa = [copy.deepcopy(epqa.get(r.id, r)) for r in plan.epqa]
    plan.board = copy.deepcopy(last.board)
    if last.signatures:
        plan.signatures = [Signature(role=s.role, name=s.name) for s in last.signatures]
