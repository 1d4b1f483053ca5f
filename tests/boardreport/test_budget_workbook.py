"""The budget workbook: amounts in pounds, every problem by sheet, row, column and value."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from yjhub.boardreport.budget_workbook import amount, read_budget, write_budget


@pytest.mark.parametrize("value, expected", [
    (91847, Decimal("91847.00")), ("£91,847", Decimal("91847.00")),
    ("1,234.5", Decimal("1234.50")), ("(500)", Decimal("-500.00")), ("", None), (None, None),
    (0.1, Decimal("0.10")),
])
def test_amounts(value, expected):
    assert amount(value) == expected


@pytest.mark.parametrize("value", ["ninety", "1.234", "£", "12e3", True])
def test_not_amounts(value):
    with pytest.raises(ValueError):
        amount(value)


def _book(rows, head=("Agency", "Contribution", "Budget", "Forecast", "Actual to date")):
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Budget"
    sheet.append(list(head))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_seed_004_core_funding_reads():
    # seed 004, "Youth Offending Service Budget for 2019/20: Core Funding", the first lines
    rows = [("Police & Crime Commissioner", "Staffing", 91847, None, None),
            ("Police & Crime Commissioner", "Other delegated funds", 77934, None, None),
            ("National Probation Service", "Staffing", "£73,764", None, None),
            ("YJ Grant", "Other delegated funds", "£460,919", "460,919", "345,689.25")]
    book = read_budget(_book(rows), file_name="budget.xlsx")
    assert book.ok, book.problems
    assert [r.budget for r in book.rows] == [Decimal("91847.00"), Decimal("77934.00"),
                                             Decimal("73764.00"), Decimal("460919.00")]
    assert book.rows[3].actual_to_date == Decimal("345689.25")


def test_every_problem_is_named():
    rows = [("Police", "Staffing", "lots", None, None),        # row 2: not an amount
            ("", "Staffing", 5, None, None),                   # row 3: no agency
            ("Police", "staffing", 5, None, None),             # row 4: twice with row 2
            ("Health", "Staffing", 5, "5.555", None)]          # row 5: three decimals
    book = read_budget(_book(rows), file_name="b.xlsx")
    found = [(p.sheet, p.row, p.column, p.value) for p in book.problems]
    assert found == [("Budget", 2, "C (Budget)", "lots"), ("Budget", 3, "A (Agency)", ""),
                     ("Budget", 4, "", "Police / staffing"),
                     ("Budget", 5, "D (Forecast)", "5.555")]
    assert "given twice (rows 2 and 4)" in book.problems[2].problem


def test_missing_column_and_wrong_sheet():
    book = read_budget(_book([], head=("Agency", "Budget")), file_name="b.xlsx")
    assert [p.problem for p in book.problems] == ["the column 'Contribution' is missing"]
    wb = Workbook()
    out = io.BytesIO()
    wb.save(out)
    book = read_budget(out.getvalue(), file_name="b.xlsx")
    assert "no sheet called 'Budget'" in book.problems[0].problem


def test_export_reads_back():
    data = write_budget([{"agency": "Health", "contribution": "Staffing",
                          "budget": Decimal("70945.00"), "forecast": Decimal("71000.00"),
                          "actual_to_date": None}])
    book = read_budget(data)
    assert book.ok
    row = book.rows[0]
    assert (row.agency, row.budget, row.forecast, row.actual_to_date) == (
        "Health", Decimal("70945.00"), Decimal("71000.00"), None)
