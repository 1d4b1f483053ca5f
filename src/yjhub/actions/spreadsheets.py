"""Action plans and improvement plans in Excel: reading a workbook (checking every row) and
writing one. Pure: no Django; ``services.plan_import`` loads what is read, ``selectors`` feed
``plan_workbook_write``.

The layout (docs/action-plans.md shows it):

- an optional sheet **Plan**: two columns, a field and its value (Title, Kind, Starts on,
  Ends on, Description, Inspection, Report published on, Submission due on, Submitted on);
- one or more sheets of actions: the first row names the columns (any order; names are
  matched ignoring case, spaces and punctuation). An action plan has Enabler, Objective,
  Specific actions, Deadline...; an improvement plan has a Recommendation / AFI column, filled
  on the first row of each recommendation ("1. Systems are in place..."), with its activities
  numbered ("1. YOS will agree...") and lettered sub-items ("(a) establish a working group")
  in the Activity column;
- sheets named Progress or Read me are not read (the export writes the progress history
  there).

Every problem is reported with its sheet, row, column and value; a workbook with any problem
is loaded not at all.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from yjhub.actions.codes import code_list

PLAN_SHEET = "Plan"
SKIPPED_SHEETS = {"progress", "readme", "notes"}

# field -> the column names it is written as (the first is the one the export writes).
COLUMNS: dict[str, tuple[str, ...]] = {
    "ref": ("Ref", "Reference"),
    "area": ("Area", "Objective area", "Priority area"),
    "enabler": ("Enabler",),
    "recommendation": ("Recommendation / AFI", "Recommendation", "Area for improvement"),
    "recommendation_kind": ("Recommendation kind",),
    "source_audit_ref": ("Source audit", "Source audit ref", "Case audit"),
    "source_recommendation_ref": ("Source recommendation", "Source recommendation ref"),
    "objective": ("Objective",),
    "text": ("Specific actions", "Specific action", "Action", "Actions", "Activity"),
    "leads": ("Lead", "Leads", "Lead(s)", "Lead responsibility"),
    "deadline": ("Deadline", "Timetable for completion", "Timetable"),
    "due_on": ("Due date",),
    "links": ("Links to plans / performance", "Links"),
    "indicators": ("Indicators", "Indicator ids"),
    "risks": ("Risks",),
    "success_criteria": ("Success criteria",),
    "status": ("Status",),
    "rag": ("RAG",),
    "completed_on": ("Completed on",),
    "progress": ("Progress", "Progress update"),
    "progress_on": ("Progress date",),
    "carried_from": ("Carried from",),
}
#: Written by the export for people to read, ignored on import (worked out again).
EXPORT_ONLY = {"ref", "due_on", "carried_from"}

PLAN_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("Title",),
    "kind": ("Kind", "Kind of plan"),
    "starts_on": ("Starts on", "Start date", "From"),
    "ends_on": ("Ends on", "End date", "To"),
    "description": ("Description",),
    "inspection": ("Inspection",),
    "report_published_on": ("Report published on", "Report publication date"),
    "submission_due_on": ("Submission due on", "Plan due on"),
    "submitted_on": ("Submitted on",),
}
PLAN_KINDS = {"action_plan": "Action plan", "improvement_plan": "Inspection improvement plan"}
PLAN_KIND_ALIASES = {"actionplan": "action_plan", "improvementplan": "improvement_plan",
                     "inspectionimprovementplan": "improvement_plan"}
PLAN_DATES = {"starts_on", "ends_on", "report_published_on", "submission_due_on",
              "submitted_on"}

_NUMBERED = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[.):]?\s+(\S.*)$", re.S)
_LETTERED = re.compile(r"^\s*\(([a-z]{1,2})\)\s*(\S.*)$", re.S | re.I)
_AFI = re.compile(r"^\s*(AFI|area for improvement)\s*(\d*)\s*[.):]?\s*(\S.*)$", re.S | re.I)
_SPLIT_LEADS = re.compile(r"\s*(?:\n|;)\s*")


def _key(text) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text or "").lower().replace("&", "and"))


_COLUMN_KEYS = {_key(name): f for f, names in COLUMNS.items() for name in names}
_PLAN_KEYS = {_key(name): f for f, names in PLAN_FIELDS.items() for name in names}


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str      # the column's letter and name, e.g. 'A "Enabler"'
    value: str
    message: str

    def __str__(self) -> str:
        where = f"sheet {self.sheet}"
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        value = f": {_quoted(self.value)}" if self.value != "" else ""
        return f"{where}{value}: {self.message}"


def _quoted(value) -> str:
    text = str(value)
    return f'"{text[:80]}…"' if len(text) > 80 else f'"{text}"'


@dataclass
class RecommendationIn:
    key: int            # its index in the workbook
    number: str
    kind: str
    text: str
    source_audit_ref: str = ""
    source_recommendation_ref: str = ""
    sheet: str = ""
    row: int = 0


@dataclass
class ActionIn:
    sheet: str
    row: int
    text: str
    number: str = ""
    recommendation: int | None = None  # RecommendationIn.key
    parent: int | None = None          # index of the activity in PlanWorkbook.actions
    area: str = ""
    enabler: str = ""
    objective: str = ""
    leads: list[str] = field(default_factory=list)
    leads_text: str = ""
    deadline: str | date = ""
    links: str = ""
    indicators: list[str] = field(default_factory=list)
    risks: str = ""
    success_criteria: str = ""
    status: str = "not_started"
    rag: str = ""
    completed_on: date | None = None
    progress: str = ""
    progress_on: date | None = None


@dataclass
class PlanWorkbook:
    name: str
    plan: dict = field(default_factory=dict)
    recommendations: list[RecommendationIn] = field(default_factory=list)
    actions: list[ActionIn] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def kind(self) -> str:
        if self.plan.get("kind"):
            return self.plan["kind"]
        return "improvement_plan" if self.recommendations else "action_plan"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").strip()


def _date(value) -> date | None:
    """A date cell or a date written as text (2008-05-07, 07/05/2008, 7 May 2008)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%d.%m.%y",
                    "%d/%m/%y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _indicator_ids() -> set[str]:
    from yjhub.indicators.catalogue import catalogue

    ids = set()
    for indicator in catalogue().indicators:
        ids.add(indicator.id)
        ids |= {m.id for m in indicator.measures}
    return ids


def workbook_read(source, *, name: str = "") -> PlanWorkbook:
    """Read and check a workbook (a path, bytes or a file object)."""
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    result = PlanWorkbook(name=name or str(getattr(source, "name", "") or source))
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        result.problems.append(Problem("(workbook)", None, "", "",
                                       f"cannot be read as an Excel workbook ({error})"))
        return result
    try:
        result.sheets = list(book.sheetnames)
        action_sheets = []
        for sheet in book.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            if _key(sheet.title) == _key(PLAN_SHEET):
                _plan_read(sheet.title, rows, result)
            elif _key(sheet.title) not in SKIPPED_SHEETS:
                action_sheets.append((sheet.title, rows))
    finally:
        book.close()
    indicators = _indicator_ids()
    for title, rows in action_sheets:
        _actions_read(title, rows, result, indicators)
    if not result.actions and not result.problems:
        result.problems.append(Problem("(workbook)", None, "", "",
                                       "no actions found: a sheet of actions needs a first row "
                                       "naming its columns, one of them Specific actions or "
                                       "Activity"))
    return result


def _plan_read(sheet: str, rows, result: PlanWorkbook) -> None:
    for number, row in enumerate(rows, start=1):
        cells = list(row) + [None, None]
        label, value = _text(cells[0]), cells[1]
        if not label or (number == 1 and _key(label) == "field"):
            continue
        name = _PLAN_KEYS.get(_key(label))
        if name is None:
            result.problems.append(Problem(sheet, number, 'A "Field"', label,
                                           "not a field of a plan: use one of "
                                           + ", ".join(n[0] for n in PLAN_FIELDS.values())))
            continue
        if name in PLAN_DATES:
            try:
                result.plan[name] = _date(value)
            except ValueError:
                result.problems.append(Problem(sheet, number, f'B "{label}"', _text(value),
                                               "is not a date (write it like 2008-05-07)"))
        elif name == "kind":
            text = _text(value)
            kind = PLAN_KIND_ALIASES.get(_key(text)) or (text if text in PLAN_KINDS else None)
            if text and kind is None:
                result.problems.append(Problem(sheet, number, f'B "{label}"', text,
                                               "is not a kind of plan: Action plan or "
                                               "Inspection improvement plan"))
            elif kind:
                result.plan["kind"] = kind
        else:
            result.plan[name] = _text(value)
    starts, ends = result.plan.get("starts_on"), result.plan.get("ends_on")
    if starts and ends and ends < starts:
        result.problems.append(Problem(sheet, None, '"Ends on"', ends.isoformat(),
                                       f"the plan ends before it starts ({starts.isoformat()})"))


def _header(sheet: str, rows, result: PlanWorkbook):
    """The header row's number and {field: column index}; None if the sheet has no actions."""
    for number, row in enumerate(rows, start=1):
        texts = [_text(c) for c in row]
        if not any(texts):
            continue
        fields = {}
        problems = []
        for index, text in enumerate(texts):
            if not text:
                continue
            column = f'{get_column_letter(index + 1)} "{text}"'
            name = _COLUMN_KEYS.get(_key(text))
            if name is None:
                problems.append(Problem(sheet, number, column, text,
                                        "is not a column the import knows (see the list in "
                                        "docs/action-plans.md)"))
            elif name in fields:
                problems.append(Problem(sheet, number, column, text,
                                        "names the same column as an earlier one"))
            else:
                fields[name] = index
        if "text" not in fields:
            return None  # not a sheet of actions
        result.problems += problems
        return number, fields, texts
    return None


def _actions_read(sheet: str, rows, result: PlanWorkbook, indicators: set[str]) -> None:
    found = _header(sheet, rows, result)
    if found is None:
        return
    header_row, fields, headings = found
    current_rec: int | None = None
    current_activity: int | None = None
    improvement = "recommendation" in fields

    for number, row in enumerate(rows[header_row:], start=header_row + 1):
        cells = {name: row[index] if index < len(row) else None
                 for name, index in fields.items()}
        if not any(_text(v) for k, v in cells.items() if k not in EXPORT_ONLY):
            continue

        def problem(name: str, value, message: str, number=number) -> None:
            index = fields[name]
            result.problems.append(Problem(
                sheet, number, f'{get_column_letter(index + 1)} "{headings[index]}"',
                _text(value), message))

        text = _text(cells.get("text"))
        if improvement and _text(cells.get("recommendation")):
            rec = _recommendation(_text(cells["recommendation"]), cells, len(
                result.recommendations), sheet, number, problem)
            if rec is not None:
                result.recommendations.append(rec)
                current_rec = rec.key
                current_activity = None
        if not text:
            problem("text", "", "is blank: every row needs its action (or activity)")
            continue
        action = ActionIn(sheet=sheet, row=number, text=text)
        if improvement:
            if current_rec is None:
                problem("recommendation", "", "is blank, and no recommendation comes before "
                        "this activity")
            action.recommendation = current_rec
            lettered, numbered = _LETTERED.match(text), _NUMBERED.match(text)
            if lettered:
                if current_activity is None:
                    problem("text", text, "is a lettered sub-item with no numbered activity "
                            "before it")
                action.number, action.text = lettered[1].lower(), lettered[2].strip()
                action.parent = current_activity
            else:
                if numbered:
                    action.number, action.text = numbered[1], numbered[2].strip()
                current_activity = len(result.actions)
        _action_values(action, cells, problem, indicators)
        result.actions.append(action)


def _recommendation(text: str, cells, key: int, sheet: str, row: int,
                    problem) -> RecommendationIn | None:
    kind = "recommendation"
    number = ""
    afi, numbered = _AFI.match(text), _NUMBERED.match(text)
    if afi:
        kind, number, text = "area_for_improvement", afi[2], afi[3].strip()
    elif numbered:
        number, text = numbered[1], numbered[2].strip()
    written = _text(cells.get("recommendation_kind"))
    if written:
        resolved = code_list("recommendation_kinds").resolve(written)
        if resolved is None:
            problem("recommendation_kind", written, "is not a kind of recommendation: "
                    + code_list("recommendation_kinds").written())
            return None
        kind = resolved
    return RecommendationIn(
        key=key, number=number, kind=kind, text=text, sheet=sheet, row=row,
        source_audit_ref=_text(cells.get("source_audit_ref")),
        source_recommendation_ref=_text(cells.get("source_recommendation_ref")))


def _action_values(action: ActionIn, cells, problem, indicators: set[str]) -> None:
    action.area = _text(cells.get("area"))
    action.objective = _text(cells.get("objective"))
    action.links = _text(cells.get("links"))
    action.risks = _text(cells.get("risks"))
    action.success_criteria = _text(cells.get("success_criteria"))
    action.progress = _text(cells.get("progress"))
    action.leads_text = _text(cells.get("leads"))
    action.leads = [part for part in _SPLIT_LEADS.split(action.leads_text) if part]
    deadline = cells.get("deadline")
    action.deadline = deadline.date() if isinstance(deadline, datetime) else (
        deadline if isinstance(deadline, date) else _text(deadline))
    for name, list_name, what in (("enabler", "enablers", "an enabler"),
                                  ("status", "statuses", "a status"), ("rag", "rags", "a RAG")):
        written = _text(cells.get(name))
        if not written:
            continue
        code = code_list(list_name).resolve(written)
        if code is None:
            problem(name, written, f"is not {what}: use one of {code_list(list_name).written()}")
        else:
            setattr(action, name, code)
    ids = [i.strip() for i in re.split(r"[,;\n]", _text(cells.get("indicators"))) if i.strip()]
    for indicator in ids:
        if indicator not in indicators:
            problem("indicators", indicator, "is not an indicator of the catalogue (use its "
                    "id, like kpi2023.ete)")
    action.indicators = ids
    unreadable = set()
    for name in ("completed_on", "progress_on"):
        value = cells.get(name)
        try:
            setattr(action, name, _date(value))
        except ValueError:
            unreadable.add(name)
            problem(name, value, "is not a date (write it like 2008-05-07)")
    if action.status == "done" and action.completed_on is None \
            and "completed_on" not in unreadable:
        problem("status", _text(cells.get("status")),
                "is done, but the Completed on column gives no date" if "completed_on" in cells
                else "is done: add a Completed on column with the date it was done")
    if action.progress_on and not action.progress:
        problem("progress_on", action.progress_on.isoformat(),
                "gives a date but the Progress column is blank")


# Writing

def _width(name: str) -> int:
    return {"text": 60, "objective": 40, "recommendation": 40, "success_criteria": 40,
            "risks": 30, "links": 30, "leads": 30, "deadline": 22}.get(name, 16)


def plan_workbook_write(*, plan: dict, rows: list[dict], progress: list[dict],
                        improvement: bool) -> bytes:
    """A workbook in the layout ``workbook_read`` reads. ``plan``: {field: value};
    ``rows``: one dict per action with the keys of COLUMNS; ``progress``: rows of the
    progress history (Ref, Date, Status, RAG, Note, By)."""
    book = Workbook()
    sheet = book.active
    sheet.title = PLAN_SHEET
    sheet.append(["Field", "Value"])
    for name, labels in PLAN_FIELDS.items():
        value = plan.get(name)
        if name == "kind":
            value = PLAN_KINDS.get(value, value)
        sheet.append([labels[0], value if value not in (None, "") else None])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 60

    names = (["ref", "recommendation", "recommendation_kind", "source_audit_ref",
              "source_recommendation_ref", "text", "leads", "deadline", "due_on",
              "success_criteria", "links", "indicators", "risks", "status", "rag",
              "completed_on", "carried_from"] if improvement else
             ["ref", "area", "enabler", "objective", "text", "leads", "deadline", "due_on",
              "links", "indicators", "risks", "success_criteria", "status", "rag",
              "completed_on", "carried_from"])
    headings = [COLUMNS[n][0] for n in names]
    if improvement:
        headings[names.index("text")] = "Activity"
        headings[names.index("leads")] = "Lead responsibility"
        headings[names.index("deadline")] = "Timetable for completion"
    actions = book.create_sheet("Improvement plan" if improvement else "Actions")
    actions.append(headings)
    for row in rows:
        actions.append([row.get(n) if row.get(n) not in ("", None, []) else None
                        for n in names])
    for cell in actions[1]:
        cell.font = Font(bold=True)
    for index, name in enumerate(names, start=1):
        actions.column_dimensions[get_column_letter(index)].width = _width(name)
        for cell in actions[get_column_letter(index)][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    actions.freeze_panes = "A2"

    history = book.create_sheet("Progress")
    history.append(["Ref", "Date", "Status", "RAG", "Note", "By"])
    for row in progress:
        history.append([row["ref"], row["on"], row["status"], row["rag"], row["note"],
                        row["by"]])
    for cell in history[1]:
        cell.font = Font(bold=True)
    history.column_dimensions["E"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workbook_require_plan(result: PlanWorkbook) -> None:
    """For a workbook that makes a new plan: its Plan sheet must give a title and dates."""
    where = PLAN_SHEET if any(_key(s) == _key(PLAN_SHEET) for s in result.sheets) else None
    for name in ("title", "starts_on", "ends_on"):
        if not result.plan.get(name):
            label = PLAN_FIELDS[name][0]
            message = (f"gives no {label}: every new plan needs a title, a start and an end"
                       if where else f"is missing: add a sheet named Plan with {label} (and "
                       "Title, Starts on, Ends on), or choose a plan to add the actions to")
            result.problems.append(Problem(where or PLAN_SHEET, None, f'"{label}"', "",
                                           message))
            if not where:
                return
