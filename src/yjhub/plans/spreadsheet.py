"""A plan table (budget, staffing) read from an Excel workbook (.xlsx).

The sheet named after the table (``A2``) is read, or the workbook's only sheet. Its first row
that names the table's columns (by label, "Staffing costs (£)", or id, ``staffing``; case,
spaces and punctuation aside) is the header; below it, each row whose first cell names a row of
the table (label or id) gives that row's cells. A blank row is skipped; a row or a column the
table does not have is a problem. Every problem names the file, the sheet, the cell (row and
column) and the value, and when there is one nothing is taken.
"""

from __future__ import annotations

import io
import re

from yjhub.plans.model import Table


class TableImportError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _key(text) -> str:
    return re.sub(r"[^a-z0-9]+", "", str(text or "").lower())


def _column_letter(n: int) -> str:
    letters = ""
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def table_from_xlsx(table: Table, data: bytes, filename: str) -> dict[tuple[str, str], object]:
    """{(row id, column id): value} for every cell of the table the sheet gives."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise TableImportError([f"{filename}: not an Excel workbook (.xlsx) that can be read "
                                f"({type(error).__name__})"]) from None
    names = {_key(n): n for n in book.sheetnames}
    if _key(table.id) in names:
        sheet = book[names[_key(table.id)]]
    elif len(book.sheetnames) == 1:
        sheet = book[book.sheetnames[0]]
    else:
        raise TableImportError([f"{filename}: no sheet named {table.id} (the sheets are "
                                f"{', '.join(book.sheetnames)})"])
    where = f"{filename}, sheet {sheet.title}"
    columns = {}
    for c in table.columns:
        columns[_key(c.id)] = c.id
        if c.label:
            columns[_key(c.label)] = c.id
    rows = {}
    for r in table.rows:
        if r.kind == "heading":
            continue
        rows.setdefault(_key(r.id), r.id)
        if r.label:
            rows.setdefault(_key(r.label), r.id)
    grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_at, header = None, {}
    for i, row in enumerate(grid):
        found = {j: columns[_key(v)] for j, v in enumerate(row) if j > 0 and _key(v) in columns}
        if found:
            header_at, header = i, found
            break
    if header_at is None:
        raise TableImportError([f"{where}: no row names the columns of table {table.id} "
                                f"({', '.join(c.label or c.id for c in table.columns)})"])
    problems, values = [], {}
    for j, v in enumerate(grid[header_at]):
        if j > 0 and v not in (None, "") and j not in header:
            problems.append(f"{where}, row {header_at + 1}, column {_column_letter(j + 1)}: "
                            f"{str(v)!r} is not a column of table {table.id}")
    taken: dict[str, int] = {}
    for i in range(header_at + 1, len(grid)):
        row = grid[i]
        if all(v in (None, "") for v in row):
            continue
        label = row[0] if row else None
        row_id = rows.get(_key(label))
        if row_id is None:
            problems.append(f"{where}, row {i + 1}, column A: {str(label)!r} is not a row of "
                            f"table {table.id}")
            continue
        if row_id in taken:
            problems.append(f"{where}, row {i + 1}, column A: {str(label)!r} is given again "
                            f"(first in row {taken[row_id]})")
            continue
        taken[row_id] = i + 1
        for j, column_id in header.items():
            value = row[j] if j < len(row) else None
            if isinstance(value, str):
                value = value.strip() or None
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if value is not None and not isinstance(value, int | float | str):
                problems.append(f"{where}, row {i + 1}, column {_column_letter(j + 1)}: "
                                f"{value!r} is neither a number nor text")
                continue
            values[(row_id, column_id)] = value
    if problems:
        raise TableImportError(problems)
    return values
