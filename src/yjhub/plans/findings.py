"""What a check reports: a :class:`Finding` (rule id, severity, location, figures, difference,
message), and the register of the rules built into the code (the template-declared ones are
in each template's ``checks:``). ``docs/plan-checks.md`` is generated from both."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Location:
    """Where a finding is: ``path`` names it in the plan file's terms
    (``tables.A3.rows[total_gender].total``, ``delivery[parenting].data[1].actual``); the other
    fields say the same for a screen to highlight."""

    path: str = ""
    section: str = ""
    table: str = ""
    row: str = ""
    column: str = ""
    area: str = ""
    item: str = ""


@dataclass
class Finding:
    rule: str
    severity: str
    location: Location
    message: str
    figures: dict[str, object] = field(default_factory=dict)
    difference: float | int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    says: str


#: The rules built into the code, by area. Template-declared checks (table sums and
#: cross-table totals) are listed in each template file.
RULES: dict[str, Rule] = {r.id: r for r in [
    Rule("plan.template_unknown", "warning",
         "The plan names a template that is not installed; only the template-free checks ran."),
    Rule("plan.template_version", "info",
         "The plan was written on another version of its template than the one installed; "
         "the installed version's checks ran."),
    Rule("section.missing", "warning", "A section of the template is missing from the plan."),
    Rule("prompt.unanswered", "warning",
         "A guidance prompt has no answer (neither text nor the table, list or section the "
         "template says answers it)."),
    Rule("contents.numbering", "warning",
         "A contents entry's number differs from the number of the same section in the body."),
    Rule("contents.not_in_body", "warning",
         "A contents entry matches no section of the body."),
    Rule("contents.not_in_contents", "info",
         "A section of the body (level 1 or 2) is not on the contents page."),
    Rule("contents.duplicate_number", "warning",
         "Two sections of the body are printed with the same number."),
    Rule("table.missing", "warning", "A table of the template is missing from the plan."),
    Rule("table.not_a_number", "warning",
         "A cell that a sum needs holds text that is not a number (such as \"8 (1 Vac)\"); the "
         "sum is not checked."),
    Rule("table.missing_cell", "warning",
         "A row or cell that a check needs is missing from the plan's table."),
    Rule("narrative.figure", "error",
         "A figure quoted in a section's text differs from the cells it is tied to."),
    Rule("narrative.figure_ref", "warning",
         "A quoted figure is tied to a cell that does not exist."),
    Rule("board.empty", "warning", "Table A (the management board) has no members."),
    Rule("board.required_agency", "warning",
         "A statutory partner named by the template (local authority, police, probation, "
         "health) has no member on the board."),
    Rule("signoff.required", "error",
         "A signatory the template requires (the chief executive of the local authority) is "
         "missing from Table C or has no name."),
    Rule("signoff.unsigned", "warning",
         "An approved or published plan has a signatory with neither a signature nor a date."),
    Rule("signoff.on_behalf", "info", "A signature was made on behalf of the named officer."),
    Rule("signoff.not_on_board", "info",
         "A signatory matches no member of the board (chief officers need not sit on it)."),
    Rule("signoff.name_variant", "info",
         "A signatory matches a board member whose name is spelt differently (see "
         "yjhub.plans.names for the matching rule)."),
    Rule("reviews.missing", "warning", "Table B (the review schedule) has no review dates."),
    Rule("reviews.outside_period", "info",
         "A review date falls outside the plan's year (April to March)."),
    Rule("delivery.area_missing", "warning",
         "An objective area of the template is missing from the delivery plan."),
    Rule("delivery.overview_missing", "warning", "An objective area has no overview."),
    Rule("delivery.actions_missing", "warning",
         "An objective area has no actions and does not say where they are kept."),
    Rule("delivery.action_incomplete", "warning", "An action has no lead or no deadline."),
    Rule("delivery.indicator_unknown", "warning",
         "A data-block figure is tied to an appendix row that the plan does not have."),
    Rule("delivery.actual_vs_appendix", "error",
         "A data block's actual differs from the appendix's outturn for the same measure."),
    Rule("delivery.previous_vs_appendix", "error",
         "A data block's earlier-year figure differs from the appendix's earlier outturn."),
    Rule("delivery.target_vs_appendix", "error",
         "A data block's target differs from the appendix's target for the same measure."),
    Rule("delivery.change", "error",
         "A bracketed change does not recompute: it should be the actual printed minus the "
         "earlier year's outturn (percentage points)."),
    Rule("delivery.rounded", "info",
         "A data-block figure agrees with the appendix or EPQA table only when that is rounded "
         "to the decimals printed."),
    Rule("delivery.epqa_vs_table", "error",
         "An EPQA score quoted in a data block differs from the EPQA table."),
    Rule("delivery.epqa_not_in_table", "info",
         "An EPQA score is quoted in a data block but the EPQA table's cell is empty."),
]}

#: the severity of a template-declared check, by kind
TEMPLATE_CHECK_SEVERITY = {
    "column_sum": "error", "row_sum": "error", "equal": "error",
    "totals_agree": "error (warning when the difference is exactly the explaining row)",
}
