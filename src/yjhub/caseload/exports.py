"""The caseload as an Excel workbook: the rows on the first sheet (a frozen header, dates as
dates), and a second sheet saying who exported it, when, with which filters, and that it holds
personal data."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from yjhub.caseload.labels import label
from yjhub.caseload.selectors import CaseRow

DATE_FORMAT = "dd/mm/yyyy"
PERSONAL_DATA = (
    "This workbook contains personal data about children: special category and criminal "
    "offence data under UK GDPR and the Data Protection Act 2018. Keep it on the service's "
    "secure systems, share it only with those who need it for their work, and delete it when "
    "you no longer need it. Its export has been recorded in the audit trail.")


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def _on_time(row: CaseRow) -> str:
    on_time = row.last_assessment_on_time
    return "" if on_time is None else ("Yes" if on_time else "No")


def _mappa(row: CaseRow) -> str:
    if row.mappa_level is None:
        return ""
    return "Not MAPPA" if row.mappa_level == 0 else f"Level {row.mappa_level}"


#: (heading, width, value of a row, is a date)
COLUMNS = (
    ("Child ID", 12, lambda r: r.child_id, False),
    ("Given name", 16, lambda r: r.given_name, False),
    ("Family name", 16, lambda r: r.family_name, False),
    ("Case manager", 22, lambda r: r.staff_name, False),
    ("Team", 20, lambda r: r.team_name, False),
    ("Allocated from", 14, lambda r: r.allocated_from, True),
    ("Orders or programmes open", 40,
     lambda r: "; ".join(p.label for p in r.programmes), False),
    ("Planned end", 13, lambda r: r.planned_end, True),
    ("Risk of harm", 13, lambda r: label("risk_level", r.risk_of_harm), False),
    ("Safety and wellbeing", 13, lambda r: label("risk_level", r.safety_wellbeing), False),
    ("Likelihood of reoffending", 13,
     lambda r: label("likelihood_level", r.likelihood_of_reoffending), False),
    ("Scaled approach level", 13,
     lambda r: label("scaled_approach_level", r.scaled_approach_level), False),
    ("Last assessment completed", 14, lambda r: r.last_assessment_date, True),
    ("Last assessment on time", 11, _on_time, False),
    ("Next review due", 13, lambda r: r.next_review_due, True),
    ("MAPPA", 11, _mappa, False),
    ("Risk panel", 10, lambda r: _yes_no(r.risk_panel), False),
    ("Looked after", 10, lambda r: _yes_no(r.looked_after), False),
    ("SEND need", 10, lambda r: _yes_no(r.send_need), False),
    ("EHCP", 10, lambda r: _yes_no(r.send_plan), False),
    ("Overdue", 10, lambda r: "Yes" if r.overdue else "No", False),
    ("What is overdue", 45, lambda r: "; ".join(f.label for f in r.flags), False),
)


def caseload_workbook(rows: list[CaseRow], *, exported_by: str, exported_at: dt.datetime,
                      as_at: dt.date, filters: list[tuple[str, str]]) -> bytes:
    """The workbook's bytes. ``exported_at`` is local time; ``filters`` are (name, value)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Caseload"
    sheet.append([heading for heading, *_ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([value(row) for _, _, value, _ in COLUMNS])
    for index, (_, width, _, is_date) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if is_date:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"

    about = book.create_sheet("About this export")
    about.append(["Caseload export"])
    about["A1"].font = Font(bold=True, size=14)
    about.append([])
    lines = [
        ("Exported by", exported_by),
        ("Exported at", exported_at.replace(tzinfo=None, microsecond=0)),
        ("Caseload as at", as_at),
        ("Open cases", len(rows)),
        ("Overdue", sum(1 for r in rows if r.overdue)),
    ]
    lines += [(f"Filter: {name}", value) for name, value in filters] or [("Filters", "None")]
    for name, value in lines:
        about.append([name, value])
    about["B4"].number_format = "dd/mm/yyyy hh:mm"
    about["B5"].number_format = DATE_FORMAT
    about.append([])
    about.append(["Personal data", PERSONAL_DATA])
    about.cell(about.max_row, 1).font = Font(bold=True)
    about.cell(about.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 80

    out = BytesIO()
    book.save(out)
    return out.getvalue()
