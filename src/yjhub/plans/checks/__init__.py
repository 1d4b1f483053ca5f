"""``check_plan(plan) -> list[Finding]``: every check of ``docs/plan-checks.md``.

Pure and fast (no I/O beyond the cached template files): the web app calls it as a plan is
edited. Findings come in the plan's order: template and tables, narrative, board and sign-off,
contents and prompts, delivery plan.
"""

from __future__ import annotations

from yjhub.plans.checks.delivery import check_delivery
from yjhub.plans.checks.people import check_board, check_reviews, check_signoff
from yjhub.plans.checks.tables import check_quoted_figures, check_tables
from yjhub.plans.checks.text import check_contents, check_prompts, check_sections
from yjhub.plans.findings import RULES, SEVERITIES, Finding, Location
from yjhub.plans.model import Plan
from yjhub.plans.templates import Template, template


def plan_template(plan: Plan) -> Template | None:
    try:
        return template(plan.meta.template.id)
    except KeyError:
        return None


def check_plan(plan: Plan, *, template: Template | None = None) -> list[Finding]:
    """Every finding on ``plan``, using its template's rules (or ``template``)."""
    out: list[Finding] = []
    tpl = template or plan_template(plan)
    if tpl is None:
        out.append(Finding(
            rule="plan.template_unknown", severity="warning",
            location=Location(path="meta.template"),
            message=f"The plan's template {plan.meta.template.id!r} is not installed: the "
                    f"template's own checks (table sums, cross-table totals, required sections, "
                    f"signatories) did not run."))
    else:
        if plan.meta.template.version and plan.meta.template.version != tpl.version:
            out.append(Finding(
                rule="plan.template_version", severity="info",
                location=Location(path="meta.template.version"),
                message=f"The plan was written on version {plan.meta.template.version} of "
                        f"template {tpl.id}; it was checked with version {tpl.version}.",
                figures={"plan": plan.meta.template.version, "installed": tpl.version}))
        check_sections(plan, tpl, out)
        check_tables(plan, tpl, out)
    check_quoted_figures(plan, out)
    check_board(plan, tpl, out)
    check_signoff(plan, tpl, out)
    check_reviews(plan, out)
    check_contents(plan, out)
    check_prompts(plan, out)
    check_delivery(plan, tpl, out)
    return out


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def counts(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}


__all__ = ["RULES", "Finding", "Location", "check_plan", "counts", "has_errors",
           "plan_template"]
