"""The caseload's Excel export: opened with openpyxl and read cell by cell."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.web.caseload_builders import cases_fixture, today_fixture  # noqa: F401
from tests.web.conftest import signed_in_client
from yjhub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = reverse("caseload:caseload_export")


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(BytesIO(response.content))


def test_export_holds_the_filtered_rows(client_as, cases, today):
    response = client_as("head_of_service").get(URL, {"case_manager": "TST-S1"})
    assert response["Content-Disposition"] == \
        f'attachment; filename="caseload-{today:%Y-%m-%d}.xlsx"'
    book = workbook(response)
    assert book.sheetnames == ["Caseload", "About this export"]
    sheet = book["Caseload"]
    header = [c.value for c in sheet[1]]
    assert header[:8] == ["Child ID", "Given name", "Family name", "Case manager", "Team",
                          "Allocated from", "Orders or programmes open", "Planned end"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["G"].width == 40
    assert all(c.font.bold for c in sheet[1])
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    # The same order as the page: next review due, earliest first, blanks last.
    assert [r[0] for r in rows] == ["TST-A", "TST-F", "TST-B"]
    a = dict(zip(header, rows[0], strict=True))
    assert a["Given name"] == "Amy" and a["Family name"] == "Zephyr"
    assert a["Case manager"] == "Ada Archer"
    assert a["Orders or programmes open"] == "Youth rehabilitation order"
    # Dates are real dates (openpyxl reads them back as datetimes), shown day/month/year.
    assert a["Planned end"] == dt.datetime.combine(today + dt.timedelta(days=165), dt.time())
    assert a["Last assessment completed"] == dt.datetime.combine(
        today - dt.timedelta(days=192), dt.time())
    assert sheet.cell(2, header.index("Planned end") + 1).number_format == "dd/mm/yyyy"
    assert (a["Risk of harm"], a["Safety and wellbeing"], a["Likelihood of reoffending"],
            a["Scaled approach level"]) == ("High", "Medium", "Low", "Enhanced")
    assert a["Last assessment on time"] == "Yes"
    assert a["MAPPA"] == "Not MAPPA" and a["Risk panel"] == "No"
    assert a["Overdue"] == "Yes"
    assert a["What is overdue"] == "Review overdue; No assessment in 6 months"
    b = dict(zip(header, rows[2], strict=True))
    assert b["Risk of harm"] is None and b["Last assessment completed"] is None
    assert b["What is overdue"] == "Assessment outstanding"


def test_about_sheet_says_who_when_filters_and_personal_data(client_as, cases, demo, today):
    response = client_as("head_of_service").get(
        URL, {"case_manager": "TST-S1", "team": demo.team_id, "overdue": "1"})
    about = {row[0]: row[1] for row in workbook(response)["About this export"].iter_rows(
        min_row=3, values_only=True) if row and row[0]}
    assert about["Exported by"] == "test-head_of_service (test-head_of_service)"
    assert isinstance(about["Exported at"], dt.datetime)
    assert about["Exported at"].date() == today
    assert about["Caseload as at"] == dt.datetime.combine(today, dt.time())
    assert about["Open cases"] == 2 and about["Overdue"] == 2
    assert about["Filter: Case manager"] == "Ada Archer"
    assert about["Filter: Only cases with something overdue"] == "Yes"
    assert about["Filter: Team"]  # the team's name
    assert "personal data about children" in about["Personal data"]


def test_export_is_logged_with_the_children(client_as, cases):
    before = AuditEvent.objects.count()
    client_as("head_of_service").get(URL, {"case_manager": "TST-S1"})
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.detail) == ("export", "caseload")
    assert event.changes == {"children": ["TST-A", "TST-B", "TST-F"]}


def test_team_manager_export_leaves_out_other_teams(client_as, cases):
    book = workbook(client_as("team_manager").get(URL, {"case_manager": "all"}))
    exported = {row[0] for row in book["Caseload"].iter_rows(min_row=2, values_only=True)}
    assert {"TST-A", "TST-B", "TST-F", "TST-C"} <= exported
    assert "TST-D" not in exported and "TST-E" not in exported


def test_practitioner_export_defaults_to_their_own_cases(cases, demo):
    from tests.web import caseload_builders as build

    client = signed_in_client(build.practitioner_user("tst-ada", demo.team_id, "TST-S1"))
    book = workbook(client.get(URL))
    assert [row[0] for row in book["Caseload"].iter_rows(min_row=2, values_only=True)] == [
        "TST-A", "TST-F", "TST-B"]


def test_page_links_to_the_export_with_its_filters(client_as, cases):
    page = client_as("head_of_service").get(
        reverse("caseload:caseload"), {"case_manager": "TST-S1", "overdue": "1"}).content
    assert f'href="{URL}?case_manager=TST-S1&amp;overdue=1"'.encode() in page
    assert b"Download these 2 cases (Excel)" in page


def test_board_member_cannot_export(client_as):
    before = AuditEvent.objects.count()
    assert client_as("board_member").get(URL).status_code == 403
    assert AuditEvent.objects.count() == before
