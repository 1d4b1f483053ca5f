"""A child's record as the page shows it: the summary and one section per part of the record.

Each section is declared as data (its rows and its columns); the template draws every section
the same way. Cells are plain text, optionally shown as a GOV.UK tag (whose text always says the
status, so colour is never the only signal) or as a link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join

from yjhub.casedata.clocks import referral_clocks
from yjhub.casedata.display import (
    NOT_RECORDED,
    age_on,
    code_label,
    long_date,
    short_date,
    yes_no,
)


@dataclass(frozen=True)
class Cell:
    text: str
    tag: str = ""  # a GOV.UK tag modifier (e.g. govuk-tag--green): the text shows as a tag
    href: str = ""  # the text is a link
    hidden: str = ""  # visually hidden words completing a link's text
    lines: tuple = ()  # several short lines (clock readings), each (text, status, tag)
    numeric: bool = False

    @property
    def html(self) -> str:
        """The cell's content as HTML (escaped here, once: a record has hundreds of cells)."""
        if self.lines:
            return format_html_join(
                "", '<span class="yj-clock">{} <strong class="govuk-tag {}">{}</strong></span>',
                ((text, tag, status) for text, status, tag in self.lines))
        if self.href:
            return format_html('<a class="govuk-link" href="{}">{}<span '
                               'class="govuk-visually-hidden">{}</span></a>',
                               self.href, self.text, self.hidden)
        if self.tag:
            return format_html('<strong class="govuk-tag {}">{}</strong>', self.tag, self.text)
        return conditional_escape(self.text)


@dataclass
class Context:
    child: object
    today: date
    holidays: list[date]
    can_edit: bool


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable  # (row, context) -> Cell | str
    numeric: bool = False


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    rows: Callable  # (child) -> list of rows
    columns: tuple[Column, ...]
    empty: str
    caption: str = ""


@dataclass
class Table:
    caption: str
    headers: list[tuple[str, bool]]
    rows: list[list[Cell]]


@dataclass
class Section:
    key: str
    title: str
    count: int
    empty: str
    table: Table | None = None
    details: list[tuple[str, Table]] = field(default_factory=list)  # (summary, table)


def _d(name: str):
    return lambda row, ctx: short_date(getattr(row, name))


def _code(name: str, list_name: str):
    return lambda row, ctx: code_label(list_name, getattr(row, name))


def _yes_no(name: str):
    return lambda row, ctx: yes_no(getattr(row, name))


def _text(name: str):
    return lambda row, ctx: "" if getattr(row, name) is None else str(getattr(row, name))


def _staff_name(staff) -> str:
    if staff is None:
        return "Not allocated"
    name = " ".join(p for p in (staff.given_name, staff.family_name) if p)
    return name or staff.staff_id


def _allocation_status(row, ctx) -> Cell:
    if row.start_date > ctx.today:
        return Cell("Starts later", "govuk-tag--blue")
    if row.end_date is None or row.end_date >= ctx.today:
        return Cell("Open", "govuk-tag--green")
    return Cell("Ended", "govuk-tag--grey")


def _offence_outcome(row, ctx) -> str:
    if row.outcome is None:
        return "Pending"
    return f"{code_label('outcome_type', row.outcome.outcome_type)} " \
        f"({short_date(row.outcome.outcome_date)})"


def _programme_status(row, ctx) -> Cell:
    if row.end_date is None:
        return Cell("Open", "govuk-tag--green")
    return Cell("Ended", "govuk-tag--grey")


def _status_recorded(row, ctx) -> Cell:
    stages = {s.stage for s in row.programme_status_set.all()}
    if row.end_date is not None and "end" not in stages:
        return Cell("End status missing", "govuk-tag--yellow")
    recorded = [label for stage, label in (("start", "Start"), ("end", "End")) if stage in stages]
    return Cell(" and ".join(recorded) if recorded else "None recorded")


def _assessment_timeliness(row, ctx) -> Cell:
    if row.completed_date is not None:
        if row.due_date is None:
            return Cell("Completed", "govuk-tag--grey")
        if row.completed_date <= row.due_date:
            return Cell("On time", "govuk-tag--green")
        return Cell("Late", "govuk-tag--red")
    if row.due_date is None:
        return Cell("No due date", "govuk-tag--grey")
    if row.due_date < ctx.today:
        return Cell("Overdue", "govuk-tag--red")
    return Cell("Not due yet", "govuk-tag--blue")


def _assessment_completed(row, ctx) -> Cell:
    if row.completed_date is not None:
        return Cell(short_date(row.completed_date))
    if ctx.can_edit:
        return Cell("Record completion", href=reverse(
            "casedata:assessment_complete", args=[ctx.child.pk, row.pk]),
            hidden=f" of assessment {row.pk}")
    return Cell("Outstanding")


def _referral_clocks(row, ctx) -> Cell:
    readings = referral_clocks(row, ctx.holidays, ctx.today)
    return Cell("", lines=tuple((r.text, r.status, r.tag) for r in readings))


def _victims(child) -> list:
    return [victim for offence in child.offence_set.all() for victim in offence.victim_set.all()]


def _related(name: str):
    return lambda child: list(getattr(child, name).all())


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("allocations", "Case allocations", _related("case_allocation_set"), (
        Column("Team", lambda r, c: r.team.name),
        Column("Case manager", lambda r, c: _staff_name(r.staff)),
        Column("From", _d("start_date")),
        Column("To", _d("end_date")),
        Column("Status", _allocation_status),
        Column("MAPPA level", _text("mappa_level"), numeric=True),
        Column("Risk panel", _yes_no("risk_panel")),
    ), "No allocations are recorded."),
    SectionSpec("offences", "Offences", _related("offence_set"), (
        Column("Offence", _text("offence_id")),
        Column("Committed", _d("committed_date")),
        Column("Category", _code("offence_category", "offence_category")),
        Column("Gravity", _text("gravity_score"), numeric=True),
        Column("Outcome", _offence_outcome),
    ), "No offences are recorded."),
    SectionSpec("outcomes", "Outcomes and disposals", _related("outcome_set"), (
        Column("Outcome", _text("outcome_id")),
        Column("Date", _d("outcome_date")),
        Column("Disposal", _code("outcome_type", "outcome_type")),
        Column("Tier", _code("tier", "tier")),
        Column("Given by a court", _yes_no("court")),
    ), "No outcomes are recorded."),
    SectionSpec("programmes", "Orders and programmes", _related("intervention_programme_set"), (
        Column("Programme", _text("programme_id")),
        Column("Order or programme", _code("programme_type", "programme_type")),
        Column("Started", _d("start_date")),
        Column("Planned end", _d("planned_end_date")),
        Column("Ended", _d("end_date")),
        Column("Status", _programme_status),
        Column("End reason", lambda r, c: code_label("end_reason", r.end_reason)
               if r.end_reason else ""),
        Column("Start and end status", _status_recorded),
    ), "No orders or programmes are recorded."),
    SectionSpec("assessments", "Assessments", _related("assessment_set"), (
        Column("Assessment", _text("assessment_id")),
        Column("Tool and stage", lambda r, c: f"{code_label('assessment_tool', r.tool)}, "
               f"{code_label('assessment_stage', r.stage).lower()}"),
        Column("Due", _d("due_date")),
        Column("Completed", _assessment_completed),
        Column("On time", _assessment_timeliness),
        Column("Risk of harm", _code("risk_of_harm", "risk_level")),
        Column("Safety and wellbeing", _code("safety_wellbeing", "risk_level")),
        Column("Likelihood of reoffending", _code("likelihood_of_reoffending",
                                                  "likelihood_level")),
        Column("Scaled approach", _code("scaled_approach_level", "scaled_approach_level")),
    ), "No assessments are recorded."),
    SectionSpec("referrals", "Referrals", _related("referral_set"), (
        Column("Referral", _text("referral_id")),
        Column("Service", _code("referral_service", "referral_service")),
        Column("Urgency", lambda r, c: code_label("urgency", r.urgency)
               if r.urgency else ""),
        Column("Received", _d("received_date")),
        Column("Assessed", _d("assessment_date")),
        Column("Intervention", _d("intervention_date")),
        Column("Working-day clocks", _referral_clocks),
    ), "No referrals are recorded.", caption="Clocks count working days after the start date, "
       "skipping weekends and bank holidays; a clock without an end date runs to today."),
    SectionSpec("court", "Court appearances", _related("court_appearance_set"), (
        Column("Appearance", _text("appearance_id")),
        Column("Date", _d("appearance_date")),
        Column("Court", _code("court_type", "court_type")),
        Column("Result", _code("result", "court_result")),
    ), "No court appearances are recorded."),
    SectionSpec("reports", "Pre-sentence reports", _related("pre_sentence_report_set"), (
        Column("Report", _text("report_id")),
        Column("Requested", _d("requested_date")),
        Column("Due", _d("due_date")),
        Column("Submitted", _d("submitted_date")),
    ), "No pre-sentence reports are recorded."),
    SectionSpec("remand", "Remand and bail", _related("remand_episode_set"), (
        Column("Episode", _text("remand_id")),
        Column("Type", _code("remand_type", "remand_type")),
        Column("Secure", _yes_no("secure")),
        Column("From", _d("start_date")),
        Column("To", _d("end_date")),
    ), "No remand or bail episodes are recorded."),
    SectionSpec("victims", "Victims and restorative justice", _victims, (
        Column("Victim", _text("victim_id")),
        Column("Offence", lambda r, c: r.offence_id),
        Column("Type", _code("victim_type", "victim_type")),
        Column("Referred", _d("referred_date")),
        Column("Consented to contact", _yes_no("consent_to_contact")),
        Column("Restorative justice offered", _yes_no("rj_offered")),
        Column("Took part", _yes_no("rj_participated")),
        Column("Satisfied", _yes_no("satisfied")),
    ), "No victims are recorded.", caption="No victim's name is held."),
    SectionSpec("parenting", "Parenting work", _related("parenting_intervention_set"), (
        Column("Work", _text("parenting_id")),
        Column("Offered", _d("offered_date")),
        Column("Started", _d("started_date")),
        Column("Completed", _d("completed_date")),
        Column("Parenting order", _yes_no("parenting_order")),
        Column("Parent satisfied", _yes_no("parent_satisfied")),
    ), "No parenting work is recorded."),
)

#: The rows of a programme's start and end status: (label, column, code list or None).
STATUS_ITEMS = (
    ("Recorded", "recorded_date", "date"),
    ("Education, training or employment", "ete_type", "ete_type"),
    ("ETE hours a week", "ete_hours", None),
    ("ETE suitable", "ete_suitable", "bool"),
    ("Accommodation", "accommodation_type", "accommodation_type"),
    ("Accommodation suitable", "accommodation_suitable", "bool"),
    ("Substance misuse need", "substance_need", "bool"),
    ("Substance misuse work offered", "substance_offered", "bool"),
    ("Attending substance misuse work", "substance_attending", "bool"),
    ("Mental health need", "mental_health_need", "bool"),
    ("Mental health work offered", "mental_health_offered", "bool"),
    ("Attending mental health work", "mental_health_attending", "bool"),
    ("SEND need (Wales: ALN)", "send_need", "bool"),
    ("EHCP (Wales: IDP) in place", "send_plan", "bool"),
    ("Early help plan", "early_help", "bool"),
    ("Child in need plan", "child_in_need", "bool"),
    ("Child protection plan", "child_protection", "bool"),
    ("Looked after", "looked_after", "bool"),
)


def _status_value(status, column: str, kind: str | None) -> str:
    if status is None:
        return "Not recorded"
    value = getattr(status, column)
    if kind == "date":
        return long_date(value, NOT_RECORDED)
    if kind == "bool":
        return yes_no(value)
    if kind:
        return code_label(kind, value)
    return NOT_RECORDED if value is None else str(value)


def _status_table(programme) -> Table | None:
    by_stage = {s.stage: s for s in programme.programme_status_set.all()}
    if not by_stage:
        return None
    start, end = by_stage.get("start"), by_stage.get("end")
    rows = [[Cell(label), Cell(_status_value(start, column, kind)),
             Cell(_status_value(end, column, kind))] for label, column, kind in STATUS_ITEMS]
    return Table(caption=f"Status of {programme.programme_id} at its start and end",
                 headers=[("Circumstance", False), ("Start", False), ("End", False)], rows=rows)


def _cell(value, numeric: bool = False) -> Cell:
    cell = value if isinstance(value, Cell) else Cell(str(value))
    return replace(cell, numeric=True) if numeric else cell


def record_sections(context: Context) -> list[Section]:
    sections = []
    for spec in SECTIONS:
        rows = spec.rows(context.child)
        section = Section(spec.key, spec.title, len(rows), spec.empty)
        if rows:
            section.table = Table(
                caption=spec.caption,
                headers=[(c.header, c.numeric) for c in spec.columns],
                rows=[[_cell(c.value(row, context), c.numeric) for c in spec.columns]
                      for row in rows])
        if spec.key == "programmes":
            for programme in rows:
                table = _status_table(programme)
                if table is not None:
                    label = code_label("programme_type", programme.programme_type)
                    section.details.append((f"{programme.programme_id} {label}: start and end "
                                            "status", table))
        sections.append(section)
    return sections


def referral_dates(child) -> list[date]:
    """The dates the referral clocks need bank holidays between."""
    dates = []
    for referral in child.referral_set.all():
        dates += [d for d in (referral.received_date, referral.assessment_date,
                              referral.intervention_date) if d]
    return dates


def summary_rows(child, today: date) -> list[tuple[str, str, str]]:
    """(label, value, the edit form's field id or "") for the summary list."""
    age = age_on(child.date_of_birth, today)
    ethnicity = code_label("ethnicity", child.ethnicity)
    if child.ethnic_group and not child.ethnicity:
        ethnicity += f" (broad group: {code_label('ethnic_group', child.ethnic_group)})"
    return [
        ("Child ID", child.child_id, ""),
        ("Given name", child.given_name or NOT_RECORDED, "given_name"),
        ("Family name", child.family_name or NOT_RECORDED, "family_name"),
        ("Date of birth", f"{long_date(child.date_of_birth)} (age {age})", ""),
        ("Sex", code_label("sex", child.sex), ""),
        ("Gender", code_label("gender", child.gender), "gender"),
        ("Ethnicity", ethnicity, "ethnicity"),
        ("Home local authority", child.home_local_authority or NOT_RECORDED,
         "home_local_authority"),
        ("Looked after", yes_no(child.looked_after), "looked_after"),
        ("SEND need (Wales: ALN)", yes_no(child.send_need), "send_need"),
        ("EHCP (Wales: IDP) in place", yes_no(child.send_plan), "send_plan"),
    ]
