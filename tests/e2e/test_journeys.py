"""Journeys through the app in Chromium, as the demo service's people make them.

Each journey checks what the user sees, that every page it passes passes axe, and that the audit
trail recorded each view and change it made.
"""

from __future__ import annotations

import re

import openpyxl
import pytest

from tests.e2e.conftest import check_page, sign_in

pytestmark = pytest.mark.slow


def last_event(server) -> int:
    """The id of the latest audit event: a test counts only the events after it (the server,
    and so its audit trail, is shared by every browser test)."""
    return server.query("select coalesce(max(id), 0) from audit_auditevent")[0][0]


def events(server, since: int = 0, **where) -> list[tuple]:
    clauses = " and ".join([f"{column} = ?" for column in where] + ["e.id > ?"])
    return server.query(
        "select e.action, e.[table], e.record_id, e.child_id, e.changes, e.detail"
        " from audit_auditevent e join accounts_user u on u.id = e.actor_id"
        f" where {clauses} order by e.id", *where.values(), since)


def nav(page, label: str):
    """Follow an item of the service navigation."""
    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role("link", name=label,
                                                                 exact=True).click()


def test_sign_in_with_the_second_factor(page, server):
    page.goto("/")
    assert page.url.endswith("/sign-in/?next=/")
    check_page(page, "01-sign-in")
    page.get_by_label("Username").fill("demo-head-of-service")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("alert").is_visible()  # the error summary
    check_page(page, "02-sign-in-error")
    page.get_by_label("Username").fill("demo-head-of-service")
    page.get_by_label("Password", exact=True).fill(server.passwords()["demo-head-of-service"])
    page.get_by_role("button", name="Continue").click()
    check_page(page, "03-second-factor")
    page.get_by_label("Code", exact=True).fill(server.totp_code("demo-head-of-service"))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server.url + "/")
    assert page.get_by_role("link", name="Audit log").is_visible()
    check_page(page, "04-home-head-of-service")


def test_import_a_file_with_an_error_then_a_good_one(page, server, tmp_path):
    start = last_event(server)
    sign_in(page, server, "demo-performance-officer")
    (service_id,) = server.query("select service_id from service limit 1")[0]
    header = "child_id,service_id,date_of_birth,sex,ethnicity\n"
    bad = tmp_path / "bad" / "child.csv"
    bad.parent.mkdir()
    bad.write_text(header + f"E2E-1,{service_id},31/02/2011,F,WBRI\n")
    nav(page, "Imports")
    check_page(page, "10-imports")
    page.get_by_label(re.compile("file", re.I)).set_input_files(str(bad))
    page.get_by_role("button", name="Upload and check").click()
    body = page.locator("main").inner_text()
    assert "date_of_birth" in body and "31/02/2011" in body and re.search(r"\b2\b", body)
    check_page(page, "11-import-problems")
    assert server.query("select count(*) from child where child_id = 'E2E-1'") == [(0,)]

    good = tmp_path / "good" / "child.csv"
    good.parent.mkdir()
    good.write_text(header + f"E2E-1,{service_id},28/02/2011,F,WBRI\n")
    nav(page, "Imports")
    page.get_by_label(re.compile("file", re.I)).set_input_files(str(good))
    page.get_by_role("button", name="Upload and check").click()
    check_page(page, "12-import-checked")
    page.get_by_role("button", name="Confirm and load").click()
    check_page(page, "13-import-loaded")
    assert server.query("select date_of_birth from child where child_id = 'E2E-1'") \
        == [("2011-02-28",)]
    assert [e[0] for e in events(server, start, **{"u.username": "demo-performance-officer",
                                           "e.action": "import"})] == ["import"]


def test_caseload_export(page, server, tmp_path):
    start = last_event(server)
    sign_in(page, server, "demo-team-manager")
    nav(page, "Caseload")
    check_page(page, "20-caseload")
    rows_on_page = page.locator("main table tbody tr").count()
    assert rows_on_page > 0
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("^Download these")).click()
    path = tmp_path / "caseload.xlsx"
    download.value.save_as(path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    exported = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert len(exported) >= rows_on_page
    (export,) = events(server, start, **{"u.username": "demo-team-manager", "e.action": "export"})
    for child_id in exported:
        assert child_id in export[4]


def test_a_practitioner_changes_a_childs_details(page, server):
    start = last_event(server)
    sign_in(page, server, "demo-practitioner")
    nav(page, "Caseload")
    page.locator("main table tbody tr a[href^='/children/']").first.click()
    child_id = page.url.rstrip("/").rsplit("/", 1)[1]
    check_page(page, "30-child-record")
    (before,) = server.query("select looked_after from child where child_id = ?",
                             child_id)[0]
    page.get_by_role("link", name=re.compile("^Change")).first.click()
    check_page(page, "31-child-edit")
    answer = "No" if before else "Yes"
    page.get_by_role("group", name="Looked after").get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Save changes").click()
    check_page(page, "32-child-saved")
    (after,) = server.query("select looked_after from child where child_id = ?",
                            child_id)[0]
    assert bool(after) == (answer == "Yes")
    mine = events(server, start, **{"u.username": "demo-practitioner", "e.child_id": child_id})
    # the record, the form, the change, the record again after saving
    assert [e[0] for e in mine] == ["view", "view", "update", "view"]
    assert '"looked_after"' in mine[2][4]


def test_dashboard_to_indicator_to_child(page, server):
    start = last_event(server)
    sign_in(page, server, "demo-performance-officer")
    check_page(page, "40-home")
    page.locator(".yj-tile__title a").first.click()
    assert "/indicators/" in page.url
    check_page(page, "41-indicator")
    page.get_by_role("link", name="The children behind this figure").click()
    check_page(page, "42-indicator-children")
    page.locator("main table a[href^='/children/']").first.click()
    child_id = page.url.rstrip("/").rsplit("/", 1)[1]
    check_page(page, "43-child-record")
    seen = events(server, start, **{"u.username": "demo-performance-officer", "e.action": "view"})
    assert any(child_id in (e[4] or "") for e in seen[:-1])  # listed behind the figure
    assert seen[-1][3] == child_id and seen[-1][2] == child_id  # then the record itself


ROLE_LOGINS = ["demo-practitioner", "demo-team-manager", "demo-performance-officer",
               "demo-head-of-service", "demo-board-member", "demo-case-auditor",
               "demo-administrator"]


@pytest.mark.parametrize("username", ROLE_LOGINS)
def test_every_page_of_the_navigation_passes_axe(page, server, username):
    """Each role's own navigation, page by page: what it may open, and nothing breaks axe."""
    sign_in(page, server, username)
    menu = page.get_by_role("navigation", name="Menu").get_by_role("link")
    labels = [menu.nth(i).inner_text().strip() for i in range(menu.count())]
    assert labels, username
    for label in labels:
        nav(page, label)
        assert page.locator("h1").count() == 1, f"{username} {label}"
        check_page(page, f"50-{username}-{label.lower().replace(' ', '-')}")
