"""Journeys through the risk registers and the board report in Chromium: every page passes axe
(the heat maps, the forms, the report's preview), and a change is audited."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import check_page, sign_in

pytestmark = pytest.mark.slow


def test_a_register_its_heat_maps_and_a_change(page, server):
    sign_in(page, server, "demo-head-of-service")
    with page.expect_navigation():  # a click returns before the page loads
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Risks").click()
    with page.expect_navigation():  # a click returns before the page loads
        page.get_by_role("link", name="Service risk register").click()
    assert page.locator("svg[role='img']").count() == 2
    check_page(page, "60-risk-register")
    with page.expect_navigation():  # a click returns before the page loads
        page.get_by_role("link", name="R1", exact=True).click()
    check_page(page, "61-risk")
    with page.expect_navigation():  # a click returns before the page loads
        page.get_by_role("link", name="Change this risk").click()
    check_page(page, "62-risk-edit")
    page.locator("#id_likelihood-4").check()  # likelihood 4 (the fourth radio)
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Risk R1 saved").is_visible()
    check_page(page, "62-risk-saved")
    (changes,) = server.query("select changes from audit_auditevent where [table] = 'risk' "
                              "and action = 'update' order by id desc limit 1")[0]
    assert '"likelihood": [2, 4]' in changes
    page.goto("/risks/import/")
    check_page(page, "63-risk-import")


def test_the_board_report_budget_and_rota(page, server):
    sign_in(page, server, "demo-performance-officer")
    with page.expect_navigation():  # a click returns before the page loads
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Board report").click()
    check_page(page, "64-board-report")
    with page.expect_navigation():  # a click returns before the page loads
        page.get_by_role("link", name="the budget").click()
    check_page(page, "65-budget")
    with page.expect_navigation():  # a click returns before the page loads
        page.get_by_role("link", name="Add a line").click()
    check_page(page, "66-budget-line")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()  # nothing entered: the error summary
    assert page.get_by_role("alert").is_visible()
    check_page(page, "67-budget-line-errors")
    page.goto("/board-report/themes/")
    check_page(page, "68-rota")
