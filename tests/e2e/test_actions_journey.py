"""Action plans in Chromium: import Kent's improvement plan from Excel, read it, record
progress, download it; a board member reads it. Every page passes axe."""

from __future__ import annotations

import re

import pytest

from tests.actions.fixtures.transcriptions import APPENDIX_D_XLSX, KENT_XLSX
from tests.e2e.conftest import check_page, sign_in
from tests.e2e.test_journeys import nav

pytestmark = pytest.mark.slow


def test_import_read_and_update_a_plan(page, server, tmp_path):
    sign_in(page, server, "demo-performance-officer")
    nav(page, "Action plans")
    check_page(page, "60-action-plans")
    page.get_by_role("link", name="Import a plan from Excel").click()
    check_page(page, "61-action-plan-import")
    page.get_by_label("Upload a workbook").set_input_files(str(KENT_XLSX))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()
    body = page.locator("main").inner_text()
    assert "Checked: ready to load" in body and "100" in body
    check_page(page, "62-action-plan-import-checked")
    page.get_by_role("button", name="Load the plan").click()
    page.wait_for_url(re.compile(r"/action-plans/\d+/$"))
    assert "Kent Youth Offending Service Improvement Plan 2008-09" in page.locator("h1") \
        .inner_text()
    check_page(page, "63-action-plan")
    page.get_by_role("link", name=re.compile("^establish a Yr 11 Working Group")).click()
    check_page(page, "64-action")
    page.get_by_role("link", name="Add a progress update").click()
    when = page.get_by_role("group", name="Date of the update")
    when.get_by_label("Day").fill("20")
    when.get_by_label("Month").fill("5")
    when.get_by_label("Year").fill("2008")
    page.get_by_label("Done").check()
    page.get_by_label("Green").check()
    page.get_by_label("Progress", exact=True).fill("Working group met on 20 May")
    check_page(page, "65-action-progress")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the update").click()
    assert "Working group met on 20 May" in page.locator("main").inner_text()
    with page.expect_download() as download:
        page.goto("/action-plans/")
        page.get_by_role("link", name="Kent Youth Offending Service Improvement Plan 2008-09") \
            .click()
        page.get_by_role("link", name="Download as Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    page.goto("/action-plans/due/?as_at=2008-07-01")
    check_page(page, "66-actions-due")


def test_a_bad_workbook_names_its_problem(page, server, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "appendix-d.xlsx"
    book = load_workbook(APPENDIX_D_XLSX)
    book["Appendix D"]["A5"] = "Morale"
    book.save(path)
    sign_in(page, server, "demo-head-of-service")
    page.goto("/action-plans/imports/")
    page.get_by_label("Upload a workbook").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()
    body = page.locator("main").inner_text()
    assert "1 problem found: nothing was written" in body and "Morale" in body
    check_page(page, "67-action-plan-import-problems")


def test_a_board_member_reads_plans(page, server):
    sign_in(page, server, "demo-board-member")
    nav(page, "Action plans")
    assert page.get_by_role("link", name="Make a plan").count() == 0
    links = page.get_by_role("main").get_by_role("link", name=re.compile("Plan"))
    if links.count():
        with page.expect_navigation():
            links.first.click()
        assert page.get_by_role("link", name="Add an action").count() == 0
        check_page(page, "68-action-plan-board-member")
