"""The plan pages against the demo service: start, edit (checked on every save, versions kept,
audited), import a table from a spreadsheet, refresh the figures from data (checked against the
demo counted by hand), sign-off, upload, download, and what a board member sees."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from tests.web.performance_support import first_time_entrants, page, table
from tests.web.plans_support import plan_record_make
from yjhub.audit.models import AuditEvent
from yjhub.plans.fileformat import load_plan
from yjhub.plans.models import PlanRecord, PlanVersion

pytestmark = pytest.mark.django_db

ESSEX = Path(__file__).parents[1] / "plans" / "fixtures" / "essex-2006-07.yaml"


@pytest.fixture
def record():
    return plan_record_make()


def _plan(record):
    return load_plan(PlanRecord.objects.get(pk=record.pk).text)


def test_start_a_plan_from_a_template_and_from_last_years(client_as, record):
    browser = client_as("performance_officer")
    assert browser.get("/plans/new/").status_code == 200
    response = browser.post("/plans/new/", {"start": "template", "template": "yjb-2006",
                                            "period": "2026-27", "service": "Demo"})
    new = PlanRecord.objects.get(period="2026-27")
    assert response.url == f"/plans/{new.pk}/"
    assert (new.version, new.template_id) == (1, "yjb-2006")
    assert AuditEvent.objects.filter(action="create", table="plan",
                                     record_id=str(new.pk)).exists()
    # from last year's: the narrative comes with it
    plan = _plan(record)
    plan.section("summary").prompts[0].answer = "Last year's overview."
    from yjhub.plans.services import plan_save

    plan_save(user=None, record=record, plan=plan, what="test", changes={})
    browser.post("/plans/new/", {"start": "last_year", "from_plan": str(record.pk),
                                 "period": "2026-27", "service": ""})
    carried = PlanRecord.objects.filter(period="2026-27").order_by("-pk").first()
    assert _plan(carried).section("summary").prompts[0].answer == "Last year's overview."


def test_start_a_plan_refuses_a_bad_year(client_as):
    response = client_as("head_of_service").post("/plans/new/", {
        "start": "template", "template": "yjb-2006", "period": "2026-28"})
    assert response.status_code == 200
    assert "must be a financial year like 2025-26, not &quot;2026-28&quot;" in \
        response.content.decode()
    assert not PlanRecord.objects.filter(period="2026-28").exists()


def test_editing_a_section_saves_a_version_audits_and_checks(client_as, record):
    browser = client_as("performance_officer")
    url = f"/plans/{record.pk}/sections/summary/"
    before = page(browser.get(url))
    assert "Please summarise the key objectives" in before.text
    assert "has no answer" in before.text  # the check, before the answer is written
    response = browser.post(url, {"prompt-overview": "Our overview.",
                                  "prompt-key_objectives": "Fewer first-time entrants.",
                                  "narrative": ""}, follow=True)
    text = response.content.decode()
    assert "Saved as version 2" in text
    assert "has no answer" not in page(response).find("main").text
    plan = _plan(record)
    assert plan.section("summary").prompts[1].answer == "Fewer first-time entrants."
    assert list(PlanVersion.objects.filter(plan_id=record.pk).values_list("number", flat=True)) \
        == [2, 1]
    event = AuditEvent.objects.filter(action="update", table="plan").latest("id")
    assert event.changes["sections.summary.prompts.key_objectives.answer"] == \
        ["", "Fewer first-time entrants."]
    assert event.changes["version"] == [1, 2]


def test_a_table_that_does_not_add_up_is_reported_with_a_link_to_its_cell(client_as, record):
    browser = client_as("head_of_service")
    url = f"/plans/{record.pk}/tables/A1/"
    # 100 + 250 = 350, but the total typed is 300: a difference of 50
    response = browser.post(url, {"cell-preventive-amount": "£100", "cell-pace-amount": "250",
                                  "cell-total-amount": "300"}, follow=True)
    root = page(response)
    checks = root.find("div", id="checks")
    assert checks is not None and "A1" in checks.text
    links = [a.attrs["href"] for a in checks.find_all("a")]
    assert any(href.startswith(url + "#cell-total-amount") for href in links)
    values = _plan(record).tables["A1"].row("preventive").values
    assert values == {"amount": 100}
    assert root.find("input", id="cell-total-amount").attrs["value"] == "300"


def _workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "A2a"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_import_a_budget_table_from_a_spreadsheet(client_as, record):
    from django.core.files.uploadedfile import SimpleUploadedFile

    browser = client_as("performance_officer")
    url = f"/plans/{record.pk}/tables/A2a/"
    data = _workbook([["Additional income", "Amount (£)"], ["Youth Justice Board", 1426000],
                      ["European Funding", 0], ["Total (for inclusion in Table A2)", 1426000]])
    response = browser.post(url, {"action": "import", "workbook": SimpleUploadedFile(
        "budget.xlsx", data)}, follow=True)
    assert "Saved as version 2" in response.content.decode()
    table = _plan(record).tables["A2a"]
    assert table.row("yjb").values == {"amount": 1426000}
    assert table.row("total").values == {"amount": 1426000}
    # a row the table does not have: named by file, sheet, row, column and value; nothing taken
    bad = _workbook([["", "Amount (£)"], ["Youth Justice Board", 5], ["Lottery", 7]])
    response = browser.post(url, {"action": "import", "workbook": SimpleUploadedFile(
        "budget2.xlsx", bad)})
    assert "budget2.xlsx, sheet A2a, row 3, column A: &#x27;Lottery&#x27; is not a row of " \
        "table A2a" in response.content.decode()
    assert PlanRecord.objects.get(pk=record.pk).version == 2
    assert _plan(record).tables["A2a"].row("yjb").values == {"amount": 1426000}


def test_reviews_and_sign_off(client_as, record):
    browser = client_as("performance_officer")
    url = f"/plans/{record.pk}/sign-off/"
    assert "Table C: Signature of approval" in browser.get(url).content.decode()
    browser.post(url, {"reviews": "2", "review-0-date": "September 2025",
                       "review-0-reviewer": "Management board", "review-0-done": "yes",
                       "review-1-date": "", "review-1-reviewer": "",
                       "signatures": "1",
                       "signature-0-role": "Chief Executive of the Local Authority",
                       "signature-0-name": "A Person", "signature-0-date": "1.5.25"})
    plan = _plan(record)
    assert [(r.date, r.reviewer, r.done) for r in plan.reviews] == \
        [("September 2025", "Management board", True)]
    assert plan.signatures[0].name == "A Person"


def test_upload_a_plan_file(client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    browser = client_as("performance_officer")
    response = browser.post("/plans/upload/", {"file": SimpleUploadedFile(
        "essex-2006-07.yaml", ESSEX.read_bytes())})
    essex = PlanRecord.objects.get(period="2006-07")
    assert response.url == f"/plans/{essex.pk}/"
    assert essex.title == "Youth Justice Plan for 2006 - 2007"
    count = PlanRecord.objects.count()
    response = browser.post("/plans/upload/", {"file": SimpleUploadedFile(
        "broken.yaml", b"meta:\n  period: [1, 2]\n")})
    assert "broken.yaml: meta.period" in response.content.decode()
    assert PlanRecord.objects.count() == count


def test_checks_of_the_essex_plan_link_to_where_to_fix_them(client_as):
    from yjhub.plans.services import plan_create

    record = plan_create(user=None, plan=load_plan(ESSEX), what="test")
    root = page(client_as("head_of_service").get(f"/plans/{record.pk}/"))
    checks = root.find("div", id="checks")
    text = checks.text
    # seed 000: Table A3's totals differ by 15, exactly the Vacant row
    assert "A3" in text
    links = {a.attrs["href"] for a in checks.find_all("a")}
    assert f"/plans/{record.pk}/tables/A3/#cell-total_gender-total" in links
    assert f"/plans/{record.pk}/delivery/parenting/" in links


@pytest.fixture
def refreshed(client_as, record):
    """The plan's figures refreshed from the demo data (the outturn year 2024-25)."""
    browser = client_as("performance_officer")
    assert "Refresh the figures" in browser.get(f"/plans/{record.pk}/refresh/").content.decode()
    response = browser.post(f"/plans/{record.pk}/refresh/", follow=True)
    assert "appendix rows filled from data for 2024-25" in response.content.decode()
    return record


def test_refresh_from_data_fills_the_appendix_with_provenance(client_as, refreshed):
    plan = _plan(refreshed)
    row = plan.appendix.row("headline_fte_count")
    # counted by hand from the demo's outcomes: first substantive outcome in the year, 10-17
    now = len(first_time_entrants(dt.date(2024, 4, 1), dt.date(2025, 3, 31)))
    before = len(first_time_entrants(dt.date(2023, 4, 1), dt.date(2024, 3, 31)))
    assert (row.previous, row.current) == (str(before), str(now))
    assert row.source == "data" and row.provenance.indicator_version == "2011.1"
    assert row.provenance.snapshot.startswith("app database (import ")
    root = page(client_as("team_manager").get(f"/plans/{refreshed.pk}/"))
    text = root.find("main").text
    assert "Data: headline.fte, version 2011.1" in text
    assert f"computed by the indicator engine at {row.provenance.computed_at} (UTC) from " \
        f"{row.provenance.snapshot}" in text
    assert len(list(root.find_all("svg"))) == len(plan.appendix.trends) > 10


def test_board_members_see_small_counts_withheld_on_the_page_and_downloads(client_as,
                                                                             refreshed):
    plan = _plan(refreshed)
    small = [r for r in plan.appendix.rows if "current" in r.small and r.current.isdigit()]
    assert small, "the demo has counts of 1 to 4 (secure remand episodes)"
    row = small[0]
    label = f"{row.theme}: {row.label}"
    caption = "Appendix B: Performance measures"
    staff = table(page(client_as("head_of_service").get(f"/plans/{refreshed.pk}/")), caption)
    board = table(page(client_as("board_member").get(f"/plans/{refreshed.pk}/")), caption)
    mine = next(r for r in staff if r[0] == label)
    theirs = next(r for r in board if r[0] == label)
    assert mine[2] == row.current and int(row.current) in range(1, 5)
    assert theirs[2] == "fewer than 5" and theirs[3] == ""  # and no change to work back from
    assert all("fewer than 5" not in cell for r in staff for cell in r)
    download = client_as("board_member").get(f"/plans/{refreshed.pk}/download.yaml")
    board_plan = load_plan(download.content.decode())
    assert board_plan.appendix.row(row.id).current == "fewer than 5"
    assert "board" in download["Content-Disposition"]
    word = client_as("board_member").get(f"/plans/{refreshed.pk}/download.docx")
    document = docx.Document(io.BytesIO(word.content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "fewer than 5" in cells
    assert AuditEvent.objects.filter(action="export", detail__contains="board version").exists()


def test_download_each_format(client_as, record):
    browser = client_as("team_manager")
    pdf = browser.get(f"/plans/{record.pk}/download.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    html = browser.get(f"/plans/{record.pk}/download.html")
    assert b"<h2" in html.content and b"A. Summary" in html.content
    yaml = browser.get(f"/plans/{record.pk}/download.yaml")
    assert load_plan(yaml.content.decode()).meta.period == "2025-26"
    assert browser.get(f"/plans/{record.pk}/download.exe").status_code == 404
    versions = browser.get(f"/plans/{record.pk}/versions/")
    assert "made by the tests" in versions.content.decode()


def test_a_current_plan_filled_from_the_demo_has_every_figure_and_a_chart_per_indicator(
        client_as):
    from yjhub.indicators.catalogue import catalogue
    from yjhub.plans import plan_new
    from yjhub.plans.services import plan_create

    record = plan_create(user=None, plan=plan_new(template_id="yjb-2021", period="2025-26",
                                                  service="Demo"), what="test")
    client_as("performance_officer").post(f"/plans/{record.pk}/refresh/")
    plan = _plan(record)
    rows = [r for r in plan.appendix.rows if r.kind != "heading"]
    assert rows and all(r.previous not in (None, "", "no data") and
                        r.current not in (None, "", "no data") for r in rows)
    assert (plan.appendix.columns.previous, plan.appendix.columns.current) == \
        ("2023/24", "2024/25")
    # one trend per indicator of the headline and 2023 KPI families (but the reoffending
    # tracker, split by follow-up quarter)
    expected = [i.id for i in catalogue().select(["headline", "kpi2023"]) if not i.dimensions]
    assert sorted(t.indicator for t in plan.appendix.trends) == sorted(expected)
    word = client_as("head_of_service").get(f"/plans/{record.pk}/download.docx")
    pictures = docx.Document(io.BytesIO(word.content)).inline_shapes
    assert len(pictures) == len(expected)
