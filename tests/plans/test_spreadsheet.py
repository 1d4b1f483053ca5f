"""A plan table read from an Excel workbook: matched by label or id, problems named by file,
sheet, row, column and value, nothing taken when there is one."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from yjhub.plans import plan_new
from yjhub.plans.spreadsheet import TableImportError, table_from_xlsx


def _book(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def a2():
    return plan_new(template_id="yjb-2006", period="2006-07").tables["A2"]


def test_rows_and_columns_by_label_or_id(a2):
    data = _book({"Notes": [["ignore me"]], "A2": [
        ["Budget sources 2006-07"],                                   # a title row, skipped
        ["Agency", "Staffing costs (£)", "in_kind", "Other delegated funds (£)", "Total (£)"],
        ["Police", 239000, 12000, 159000, 410000],
        [],
        ["health", 140000, None, 65000, "205,000"],                   # by id; text kept
    ]})
    values = table_from_xlsx(a2, data, "budget.xlsx")
    assert values[("police", "staffing")] == 239000
    assert values[("police", "total")] == 410000
    assert values[("health", "in_kind")] is None
    assert values[("health", "total")] == "205,000"
    assert ("probation", "staffing") not in values  # rows not given are left alone


def test_problems_name_file_sheet_cell_and_value(a2):
    data = _book({"A2": [
        ["", "Staffing costs (£)", "Grants (£)"],
        ["Police", 1, 2],
        ["Lottery", 3, 4],
        ["Police", 5, 6],
    ]})
    with pytest.raises(TableImportError) as caught:
        table_from_xlsx(a2, data, "budget.xlsx")
    assert caught.value.problems == [
        "budget.xlsx, sheet A2, row 1, column C: 'Grants (£)' is not a column of table A2",
        "budget.xlsx, sheet A2, row 3, column A: 'Lottery' is not a row of table A2",
        "budget.xlsx, sheet A2, row 4, column A: 'Police' is given again (first in row 2)",
    ]


def test_a_workbook_of_several_sheets_needs_the_tables_sheet(a2):
    data = _book({"One": [["x"]], "Two": [["y"]]})
    with pytest.raises(TableImportError, match="budget.xlsx: no sheet named A2 "
                                               r"\(the sheets are One, Two\)"):
        table_from_xlsx(a2, data, "budget.xlsx")
    with pytest.raises(TableImportError, match="not an Excel workbook"):
        table_from_xlsx(a2, b"not a zip", "budget.xlsx")
