"""The budget in Excel: a sheet called Budget with a header row and one line a row: Agency,
Contribution, Budget, Forecast, Actual to date (amounts in pounds; "£" and "," allowed). Every
problem is named by sheet, row, column and value; nothing is loaded when there is one. No
Django here."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from yjhub.importing.problems import Problem

SHEET = "Budget"
COLUMNS = (("Agency", "agency", True), ("Contribution", "contribution", True),
           ("Budget", "budget", True), ("Forecast", "forecast", False),
           ("Actual to date", "actual_to_date", False))
AMOUNTS = {"budget", "forecast", "actual_to_date"}
LIMIT = Decimal("9999999999.99")


@dataclass
class BudgetRow:
    row: int
    agency: str = ""
    contribution: str = ""
    budget: Decimal | None = None
    forecast: Decimal | None = None
    actual_to_date: Decimal | None = None


@dataclass
class BudgetBook:
    rows: list[BudgetRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def amount(value) -> Decimal | None:
    """Pounds from a cell or a form: 1234.5, "£1,234.50", "(500)" for -500. None when blank;
    ValueError when not an amount."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        if not str(value).strip():
            return None
        text = str(value).strip().replace(",", "").replace("£", "").replace(" ", "")
        negative = text.startswith("(") and text.endswith(")")
        text = text.strip("()")
        if not re.fullmatch(r"-?\d+(\.\d{1,2})?", text):
            raise ValueError
        number = Decimal(text) * (-1 if negative else 1)
    try:
        number = number.quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueError from None
    if abs(number) > LIMIT:
        raise ValueError
    return number


def read_budget(source, *, file_name: str = "upload") -> BudgetBook:
    book = BudgetBook()

    def problem(row=None, column="", value=None, text=""):
        book.problems.append(Problem(file=file_name, sheet=SHEET if row else "", row=row,
                                     column=column,
                                     value=None if value is None else str(value)[:80],
                                     problem=text))

    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a file that is not xlsx
        problem(text=f"not an Excel workbook (.xlsx) that can be read: {error}")
        return book
    try:
        if SHEET not in workbook.sheetnames:
            problem(text=f"the workbook has no sheet called {SHEET!r} "
                         f"(it has: {', '.join(workbook.sheetnames)})")
            return book
        rows = workbook[SHEET].iter_rows(values_only=True)
        header = [str(v).strip() if v is not None else "" for v in (next(rows, None) or [])]
        wanted = {h.lower(): (h, attr, req) for h, attr, req in COLUMNS}
        columns = {}
        for index, text in enumerate(header):
            if not text:
                continue
            if text.lower() not in wanted:
                problem(1, get_column_letter(index + 1), text, "not a column of the budget "
                        f"(expected: {', '.join(h for h, _a, _r in COLUMNS)})")
                continue
            columns[index] = wanted[text.lower()]
        for head, _attr, required in COLUMNS:
            if required and head not in {c[0] for c in columns.values()}:
                problem(1, "", None, f"the column {head!r} is missing")
        if book.problems:
            return book
        seen: dict[tuple[str, str], int] = {}
        for number, values in enumerate(rows, start=2):
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            line = BudgetRow(row=number)
            for index, (head, attr, required) in columns.items():
                value = values[index] if index < len(values) else None
                where = f"{get_column_letter(index + 1)} ({head})"
                if attr in AMOUNTS:
                    try:
                        parsed = amount(value)
                    except ValueError:
                        problem(number, where, value, f"{head} must be an amount in pounds, "
                                "like 91847 or £91,847.00")
                        continue
                else:
                    parsed = "" if value is None else str(value).strip()
                    if len(parsed) > (200 if attr == "agency" else 100):
                        problem(number, where, value, f"{head} is too long")
                        continue
                if required and parsed in (None, ""):
                    problem(number, where, "", f"{head} is missing")
                    continue
                setattr(line, attr, parsed)
            key = (line.agency.lower(), line.contribution.lower())
            if line.agency and line.contribution:
                if key in seen:
                    problem(number, "", f"{line.agency} / {line.contribution}",
                            f"this agency and contribution are given twice (rows {seen[key]} "
                            f"and {number})")
                seen.setdefault(key, number)
            book.rows.append(line)
        if not book.rows and not book.problems:
            problem(None, "", None, f"the sheet {SHEET} lists no budget lines")
    finally:
        workbook.close()
    return book


def write_budget(lines: list[dict]) -> bytes:
    """A workbook of budget lines (dicts keyed by the attributes of ``COLUMNS``)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet.append([h for h, _a, _r in COLUMNS])
    for line in lines:
        sheet.append([line.get(attr) for _h, attr, _r in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (40, 28, 14, 14, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=5):
        for cell in row:
            cell.number_format = "£#,##0.00"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
