"""The Youth Justice Plan, as pure Python (no Django): the model, the file format, the
templates, starting a plan, and the checks.

    from yjhub.plans import load_plan, dump_plan, save_plan, plan_new, templates, template
    plan = plan_new(template_id="yjb-2006")
    text = dump_plan(plan)                      # docs/plan-format.md
    findings = check_plan(plan)                 # docs/plan-checks.md
"""

from yjhub.plans.checks import check_plan, counts, has_errors
from yjhub.plans.fileformat import PlanFormatError, dump_plan, load_plan, save_plan
from yjhub.plans.findings import RULES, Finding, Location, Rule
from yjhub.plans.model import (
    Action,
    Appendix,
    AppendixColumns,
    AppendixRow,
    BoardMember,
    Cell,
    Column,
    ContentsEntry,
    DataItem,
    EpqaItem,
    EpqaRow,
    Meta,
    ObjectiveArea,
    Plan,
    PlanDates,
    Prompt,
    Provenance,
    QuotedFigure,
    Review,
    Row,
    Section,
    Signature,
    Table,
    TemplateRef,
)
from yjhub.plans.names import name_match
from yjhub.plans.new import period_shift, plan_new
from yjhub.plans.templates import Template, TemplateError, template, templates

__all__ = [
    "Action", "Appendix", "AppendixColumns", "AppendixRow", "BoardMember", "Cell", "Column",
    "ContentsEntry", "DataItem", "EpqaItem", "EpqaRow", "Finding", "Location", "Meta",
    "ObjectiveArea", "Plan", "PlanDates", "PlanFormatError", "Prompt", "Provenance",
    "QuotedFigure", "RULES", "Review", "Row", "Rule", "Section", "Signature", "Table",
    "Template", "TemplateError", "TemplateRef", "check_plan", "counts", "dump_plan",
    "has_errors", "load_plan", "name_match", "period_shift", "plan_new", "save_plan", "template",
    "templates",
]
