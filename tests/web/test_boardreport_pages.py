"""The board report pages on the demo service: the report for a quarter in all three formats
(board figures whoever downloads it), the budget (entry and import) and the rota."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from tests.web.performance_support import (
    figures,  # noqa: F401 (a fixture)
    first_time_entrants,
    page,
    table,
)
from yjhub.indicators.periods import parse_period

pytestmark = pytest.mark.django_db
QUARTER = "2024-Q3"  # October to December 2024, 2024-25 Q3


def _fte_cell(count: int) -> str:
    """The board's figure for a count: withheld from 1 to 4."""
    return "Withheld" if 1 <= count <= 4 else str(count)


def test_the_report_in_three_formats_reads_back(client_as, figures):  # noqa: F811
    import docx
    from pypdf import PdfReader

    from yjhub.audit.models import AuditEvent

    quarter = parse_period("2024-25 Q3")
    fte = len(first_time_entrants(quarter.start, quarter.end))  # counted by hand
    client = client_as("board_member")
    preview = page(client.get("/board-report/", {"quarter": QUARTER}))
    rows = {r[0]: r for r in table(preview, "Headline indicators, 2024-25 Q3")[1:]}
    assert rows["First-time entrants"][1] == _fte_cell(fte)

    html = client.get(f"/board-report/{QUARTER}/html/")
    assert html["Content-Disposition"] == 'attachment; filename="board-report-2024-Q3.html"'
    root = page(html)
    rows = {r[0]: r for r in table(root, "Headline indicators, 2024-25 Q3")[1:]}
    assert rows["First-time entrants"][1] == _fte_cell(fte)
    # the report is the board's, whoever produces it: the performance officer's is the same
    officer = client_as("performance_officer").get(f"/board-report/{QUARTER}/html/")
    assert officer.content == html.content

    pdf = client.get(f"/board-report/{QUARTER}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Quarter 3, October to December 2024 (2024-25 Q3)" in text
    assert "Themed items" in text and "Liaison and diversion" in text

    word = client.get(f"/board-report/{QUARTER}/docx/")
    document = docx.Document(io.BytesIO(word.content))
    headline = next(t for t in document.tables
                    if t.rows[0].cells[1].text == "2024-25 Q3"
                    and t.rows[1].cells[0].text == "First-time entrants")
    assert headline.rows[1].cells[1].text == _fte_cell(fte)
    assert AuditEvent.objects.filter(action="export",
                                     detail="Board report 2024-25 Q3 (docx)").exists()


def test_an_unknown_quarter_or_format_is_not_found(client_as):
    client = client_as("head_of_service")
    assert client.get("/board-report/2024-Q5/pdf/").status_code == 404
    assert client.get("/board-report/2024-Q3/odt/").status_code == 404


def test_budget_lines_entered_changed_and_deleted(client_as):
    from yjhub.audit.models import AuditEvent
    from yjhub.boardreport.models import BudgetLine

    client = client_as("performance_officer")
    response = client.post("/board-report/budget/2024/add/", {
        "agency": "Health", "contribution": "Staffing", "budget": "lots"})
    assert 'Budget (£) "lots" is not an amount in pounds' in page(response).text
    response = client.post("/board-report/budget/2024/add/", {
        "agency": "Health", "contribution": "Staffing", "budget": "£70,945",
        "forecast": "71,000"})
    assert response.status_code == 302
    line = BudgetLine.objects.get(agency="Health")
    assert (line.first_year, str(line.budget), str(line.forecast)) == (2024, "70945.00",
                                                                        "71000.00")
    client.post(f"/board-report/budget/lines/{line.pk}/", {
        "agency": "Health", "contribution": "Staffing", "budget": "70945",
        "forecast": "72000", "actual_to_date": "36000"})
    event = AuditEvent.objects.filter(table="budget_line", action="update").latest("id")
    assert event.changes == {"forecast": ["71000.00", "72000.00"],
                             "actual_to_date": [None, "36000.00"]}
    client.post(f"/board-report/budget/lines/{line.pk}/", {"delete": "1"})
    assert not BudgetLine.objects.filter(pk=line.pk).exists()
    assert AuditEvent.objects.filter(table="budget_line", action="delete").exists()


def _workbook(rows) -> bytes:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Budget"
    sheet.append(["Agency", "Contribution", "Budget", "Forecast", "Actual to date"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_budget_import_whole_or_nothing(client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from yjhub.boardreport.models import BudgetLine

    client = client_as("head_of_service")
    bad = _workbook([["Police", "Staffing", 91847, None, None],
                     ["Health", "Staffing", "seventy", None, None]])
    response = client.post("/board-report/budget/2025/import/",
                           {"file": SimpleUploadedFile("budget.xlsx", bad)})
    assert table(page(response), "Problems found")[1:] == [
        ["Budget", "3", "C (Budget)", "seventy",
         "Budget must be an amount in pounds, like 91847 or £91,847.00"]]
    assert not BudgetLine.objects.filter(first_year=2025).exists()
    good = _workbook([["Police", "Staffing", 91847, 91847, 45000],
                      ["Health", "Staffing", "£70,945", None, None]])
    response = client.post("/board-report/budget/2025/import/",
                           {"file": SimpleUploadedFile("budget.xlsx", good)})
    assert response.status_code == 302
    assert BudgetLine.objects.filter(first_year=2025).count() == 2
    from yjhub.audit.models import AuditEvent

    event = AuditEvent.objects.filter(table="budget_line").latest("id")
    assert event.changes["lines"] == [[], [
        "agency Police / contribution Staffing / budget 91847.00 / forecast 91847.00 / "
        "actual_to_date 45000.00", "agency Health / contribution Staffing / budget 70945.00"]]
    rows = table(page(client.get("/board-report/budget/", {"year": "2025"})), "Lines by agency")
    # 91,847 + 70,945 = 162,792
    assert rows[-1][:3] == ["Total", "", "162,792.00"]


def test_the_rota_is_set_per_service_and_used_by_the_report(client_as):
    client = client_as("head_of_service")
    form = page(client.get("/board-report/themes/"))
    assert "the default rota" in form.text
    data = {f"q{q}_{k}": "" for q in (1, 2, 3, 4) for k in ("service", "partner")}
    data["q3_service"] = "Serious violence duty\n\nCase example"
    data["q3_partner"] = "Police"
    assert client.post("/board-report/themes/", data).status_code == 302
    preview = page(client.get("/board-report/", {"quarter": QUARTER})).text
    assert "Themed items: Serious violence duty; Case example; Police." in preview
    assert "the service's own rota" in preview
