"""The Youth Justice Plan in Chromium: a performance officer starts the 2025-26 plan, writes a
section, types a table that does not add up and sees the check, fills the figures from the
demo's data and downloads the plan; a board member reads it. Every page passes axe."""

from __future__ import annotations

import docx
import pytest

from tests.e2e.conftest import check_page, sign_in

pytestmark = pytest.mark.slow


def test_start_write_check_fill_and_download_a_plan(page, server):
    sign_in(page, server, "demo-performance-officer")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Youth justice plans",
                                                             exact=True).click()
    page.wait_for_url("**/plans/")
    check_page(page, "60-plans")
    page.get_by_role("button", name="Start a plan").click()
    check_page(page, "61-plan-new")
    page.get_by_label("From a template").check()
    page.get_by_label("Template", exact=True).select_option("yjb-2021")
    page.get_by_label("The plan's year").fill("2025-26")
    page.get_by_role("button", name="Start the plan").click()
    page.wait_for_url("**/plans/*/")
    assert page.locator("h1").inner_text() == "Youth Justice Plan 2025-26"
    check_page(page, "62-plan")

    page.get_by_role("link", name="Edit 1. Introduction, vision and strategy").click()
    page.locator("textarea").first.fill("Fewer children entering the youth justice system.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and check").click()
    assert "Saved as version 2" in page.locator(".govuk-notification-banner").inner_text()
    check_page(page, "63-plan-section")

    page.get_by_role("link", name="Back to Youth Justice Plan 2025-26").click()
    page.get_by_role("link", name="Youth justice service budget").click()
    page.get_by_label("Police and Crime Commissioner / Police, Staffing costs (£)").fill("100")
    page.get_by_label("Total, Staffing costs (£)").fill("90")
    page.get_by_role("button", name="Save and check").click()
    checks = page.locator("#checks").inner_text()
    assert "Error" in checks
    check_page(page, "64-plan-table")

    page.get_by_role("link", name="Back to Youth Justice Plan 2025-26").click()
    page.get_by_role("link", name="Refresh the figures from data").click()
    check_page(page, "65-plan-refresh")
    page.get_by_role("button", name="Refresh the figures").click()
    page.wait_for_url("**/plans/*/", timeout=180_000)
    assert "filled from data for 2024-25" in page.locator(".govuk-notification-banner") \
        .inner_text()
    assert page.locator("svg[role=img]").count() == 15
    check_page(page, "66-plan-filled")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the plan as Word").click()
    word = docx.Document(str(download.value.path()))
    assert any(p.style.name == "Heading 1" for p in word.paragraphs)


def test_a_board_member_reads_a_plan(page, server):
    sign_in(page, server, "demo-board-member")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Youth justice plans",
                                                             exact=True).click()
    page.wait_for_url("**/plans/")
    assert page.get_by_role("button", name="Start a plan").count() == 0
    links = page.locator("table a")
    if links.count():
        with page.expect_navigation():
            links.first.click()
        assert "fewer than 5" in page.locator(".govuk-inset-text").first.inner_text()
        check_page(page, "67-plan-board")
