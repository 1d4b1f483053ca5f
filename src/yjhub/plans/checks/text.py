"""Sections, prompts and the contents page."""

from __future__ import annotations

import difflib
import re

from yjhub.plans.findings import Finding, Location
from yjhub.plans.model import Plan

TITLE_RATIO = 0.8


def check_sections(plan: Plan, tpl, out: list[Finding]) -> None:
    if tpl is None:
        return
    have = {s.id for s in plan.sections}
    for spec in tpl.sections:
        if spec["id"] not in have:
            out.append(Finding(
                rule="section.missing", severity="warning",
                location=Location(path=f"sections[{spec['id']}]", section=spec["id"]),
                message=f"The template's section {spec.get('number', '')} {spec['title']} is "
                        f"missing from the plan.".replace("  ", " ")))


def answered(plan: Plan, what: str) -> bool:
    """Whether a plan holds what ``answered_by`` names (see docs/plan-format.md)."""
    if what == "board":
        return bool(plan.board)
    if what == "reviews":
        return any(r.date.strip() for r in plan.reviews)
    if what == "signatures":
        return any(s.name.strip() for s in plan.signatures)
    if what == "appendix":
        return any(r.previous not in (None, "") or r.current not in (None, "")
                   for r in plan.appendix.rows)
    if what == "delivery":
        return any(a.overview.strip() for a in plan.delivery)
    kind, _, ident = what.partition(":")
    if kind == "table":
        table = plan.tables.get(ident)
        return table is not None and any(r.values for r in table.rows)
    if kind == "section":
        section = plan.section(ident)
        return section is not None and (bool(section.narrative.strip()) or any(
            p.answer.strip() for p in section.prompts))
    return False


def check_prompts(plan: Plan, out: list[Finding]) -> None:
    for section in plan.sections:
        for prompt in section.prompts:
            if prompt.answer.strip():
                continue
            if prompt.answered_by and all(answered(plan, w) for w in prompt.answered_by):
                continue
            waiting = [w for w in prompt.answered_by if not answered(plan, w)]
            also = f" (nor is {', '.join(waiting)} filled in)" if waiting else ""
            out.append(Finding(
                rule="prompt.unanswered", severity="warning",
                location=Location(path=f"sections[{section.id}].prompts[{prompt.id}]",
                                  section=section.id, item=prompt.id),
                message=f"Section {section.number} {section.title}: the prompt "
                        f"\"{_short(prompt.text)}\" has no answer{also}."))
    for area in plan.delivery:
        if not area.overview.strip():
            out.append(Finding(
                rule="delivery.overview_missing", severity="warning",
                location=Location(path=f"delivery[{area.id}].overview", area=area.id),
                message=f"Delivery plan, {area.title}: the overview is empty."))


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."


def number_key(number: str) -> str:
    """A section number without its punctuation: "C. 2", "C.2" and "C2" are all "C2"."""
    return re.sub(r"[\s.\-:]", "", number or "").upper()


def title_key(title: str) -> str:
    text = (title or "").lower().replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def check_contents(plan: Plan, out: list[Finding]) -> None:
    body = [s for s in plan.sections if s.number.strip() or s.title.strip()]
    by_number: dict[str, list] = {}
    for section in body:
        if section.number.strip():
            by_number.setdefault(number_key(section.number), []).append(section)
    for key, sections in by_number.items():
        if len(sections) > 1:
            names = " and ".join(f"\"{s.number} {s.title}\"" for s in sections)
            out.append(Finding(
                rule="contents.duplicate_number", severity="warning",
                location=Location(path=f"sections[{sections[1].id}].number",
                                  section=sections[1].id),
                message=f"Two sections of the body are numbered {key}: {names}.",
                figures={"number": sections[1].number,
                         "sections": [s.id for s in sections]}))
    if not plan.contents:
        return
    matched = set()
    for i, entry in enumerate(plan.contents):
        section = _match_title(entry.title, body)
        where = Location(path=f"contents[{i}]", item=str(i))
        if section is None:
            out.append(Finding(
                rule="contents.not_in_body", severity="warning", location=where,
                message=f"The contents page lists \"{entry.number} {entry.title}\" but no "
                        f"section of the body has that title."))
            continue
        matched.add(section.id)
        if number_key(entry.number) != number_key(section.number):
            out.append(Finding(
                rule="contents.numbering", severity="warning",
                location=Location(path=f"contents[{i}].number", section=section.id,
                                  item=str(i)),
                message=f"The contents page numbers \"{entry.title}\" {entry.number}, but the "
                        f"body numbers it {section.number or '(no number)'}.",
                figures={"contents": entry.number, "body": section.number}))
    for section in body:
        if section.level <= 2 and section.id not in matched:
            out.append(Finding(
                rule="contents.not_in_contents", severity="info",
                location=Location(path=f"sections[{section.id}]", section=section.id),
                message=f"Section {section.number} {section.title} is not on the contents "
                        f"page."))


def _match_title(title: str, sections):
    key = title_key(title)
    for section in sections:
        if title_key(section.title) == key:
            return section
    best, score = None, 0.0
    for section in sections:
        ratio = difflib.SequenceMatcher(None, key, title_key(section.title)).ratio()
        if ratio > score:
            best, score = section, ratio
    return best if score >= TITLE_RATIO else None

