"""Reads of plans, shaped for the pages: the list, one plan as the viewer may see it (a board
member's copy has small counts withheld), its checks linked to where to fix them, versions."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.urls import reverse

from yjhub.accounts.permissions import roles_of
from yjhub.plans.board import plan_withheld
from yjhub.plans.checks import check_plan, counts
from yjhub.plans.fileformat import load_plan
from yjhub.plans.findings import Finding
from yjhub.plans.model import Plan
from yjhub.plans.models import PlanRecord, PlanVersion

#: Roles that see a plan's small counts (they may see the children's records anyway); anyone
#: else who may see a plan (a board member) sees them withheld.
SEES_SMALL_NUMBERS = {"team_manager", "performance_officer", "head_of_service"}
EDITS = {"performance_officer", "head_of_service"}
SEVERITY_TAGS = {"error": ("Error", "govuk-tag--red"), "warning": ("Warning", "govuk-tag--yellow"),
                 "info": ("Note", "govuk-tag--grey")}


def sees_small_numbers(user) -> bool:
    return bool(roles_of(user) & SEES_SMALL_NUMBERS)


def may_edit(user) -> bool:
    return bool(roles_of(user) & EDITS)


def plans_list(*, user):
    return PlanRecord.objects.select_related("updated_by").order_by("-period", "-updated_at")


def plan_record(*, user, plan_id: int) -> PlanRecord:
    return get_object_or_404(PlanRecord, pk=plan_id)


def plan_of(record: PlanRecord, *, user=None) -> Plan:
    """The plan as ``user`` may see it (withheld for a board member); the whole plan when no
    user is given (for editing)."""
    plan = load_plan(record.text)
    if user is not None and not sees_small_numbers(user):
        return plan_withheld(plan)
    return plan


def plan_versions(*, record: PlanRecord):
    return PlanVersion.objects.filter(plan=record).select_related("saved_by")


@dataclass
class Shown:
    """A finding as a page shows it: its tag, its message and where to go to fix it."""

    finding: Finding
    href: str
    where: str

    @property
    def tag(self) -> tuple[str, str]:
        return SEVERITY_TAGS[self.finding.severity]


def findings_shown(record: PlanRecord, plan: Plan, *, only: dict | None = None) -> list[Shown]:
    """``check_plan``'s findings, each linked to the page that edits its location; ``only``
    (section, table or area: id) keeps those of one page."""
    out = []
    for finding in check_plan(plan):
        loc = finding.location
        if only and not all(getattr(loc, k) == v for k, v in only.items()):
            continue
        href, where = finding_link(record, plan, finding)
        out.append(Shown(finding, href, where))
    return out


def findings_counts(findings: list[Shown]) -> dict[str, int]:
    return counts([s.finding for s in findings])


def finding_link(record: PlanRecord, plan: Plan, finding: Finding) -> tuple[str, str]:
    """(URL, the place in words) for where a finding is fixed."""
    loc = finding.location
    pk = record.pk
    if loc.table and loc.table in plan.tables:
        anchor = f"#cell-{loc.row}-{loc.column}" if loc.row and loc.column else ""
        return (reverse("plans:plan_table", args=[pk, loc.table]) + anchor,
                plan.tables[loc.table].caption or f"Table {loc.table}")
    if loc.area and plan.area(loc.area):
        return (reverse("plans:plan_area", args=[pk, loc.area]),
                f"Delivery plan: {plan.area(loc.area).title}")
    if loc.section and plan.section(loc.section) and not loc.path.startswith("contents"):
        section = plan.section(loc.section)
        anchor = f"#prompt-{loc.item}" if loc.path.startswith("sections") and loc.item and \
            "prompts" in loc.path else ""
        return (reverse("plans:plan_section", args=[pk, loc.section]) + anchor,
                f"Section {section.number} {section.title}".strip())
    if loc.path.startswith(("signatures", "reviews")):
        return reverse("plans:plan_signoff", args=[pk]), "Reviews and sign-off"
    if loc.path.startswith("appendix"):
        return reverse("plans:plan", args=[pk]) + "#appendix", "Performance appendix"
    if loc.path.startswith("board"):
        return reverse("plans:plan", args=[pk]) + "#board", "Table A: the board"
    return reverse("plans:plan", args=[pk]) + "#contents", "The plan"
