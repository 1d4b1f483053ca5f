"""A full case audit in Chromium: the performance officer creates an audit of 40 cases of the
demo service and gives it to the case auditor, who answers every case (one page per case) and
opens a sampled child's record; the officer moderates, records a recommendation, compares the
scores with the published figures and downloads the report in Word, PDF and HTML.

The scores shown are checked against the answers in the database, pooled by hand in SQL: a
section's score is all its sufficient answers over all its answered ones (not applicable left
out), not the mean of its criteria.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import check_page, sign_in

pytestmark = pytest.mark.slow

#: Answers chosen from the case's position and the question's place on the page: every fifth
#: question not applicable, every third otherwise insufficient, the rest sufficient.
ANSWER_ALL = """(position) => {
  const groups = document.querySelectorAll('fieldset.govuk-fieldset');
  let i = 0;
  groups.forEach((group) => {
    const radios = group.querySelectorAll('input[type=radio]');
    if (radios.length !== 3) return;
    i += 1;
    const k = (position + i) % 15;
    const value = k % 5 === 0 ? 'not_applicable' : (k % 3 === 0 ? 'insufficient' : 'sufficient');
    group.querySelector(`input[value=${value}]`).checked = true;
    group.querySelector('textarea').value = `Case ${position} question ${i}: ${value}`;
  });
  return i;
}"""


def pooled(server, audit_id: int, prefix: str) -> tuple[int, int]:
    """(sufficient, answered) over every answer to the questions starting ``prefix``."""
    (row,) = server.query(
        "select sum(a.answer = 'sufficient'), sum(a.answer != 'not_applicable')"
        " from audits_auditanswer a join audits_sampledcase c on c.id = a.case_id"
        " where c.audit_id = ? and a.question_id like ?", audit_id, prefix + "%")
    return int(row[0]), int(row[1])


def shown(sufficient: int, answered: int) -> int:
    return (200 * sufficient + answered) // (2 * answered)  # halves rounded up


def test_a_full_audit_of_40_cases(page, browser, server, tmp_path):
    import docx
    import pypdf

    # only this test's events count: the server is shared by every browser test
    (start,) = server.query("select coalesce(max(id), 0) from audit_auditevent")[0]
    # The performance officer creates the audit and draws 40 cases.
    sign_in(page, server, "demo-performance-officer")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Case audits").click()
    check_page(page, "70-audits")
    page.get_by_role("button", name="Create an audit").click()
    check_page(page, "71-audit-create")
    page.get_by_label("Title").fill("Core case audit, demo")
    page.get_by_label("Number of cases").fill("40")
    page.get_by_label("Random seed (optional)").fill("2026")
    page.get_by_role("button", name="Create the audit and draw the sample").click()
    page.wait_for_url(re.compile(r"/audits/\d+/$"))
    audit_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    assert "40 of" in page.locator("main").inner_text()
    assert page.locator("#cases tbody tr").count() == 40
    check_page(page, "72-audit-sampled")

    page.get_by_role("button", name="Assign cases").click()
    page.get_by_label("Demo Case auditor").check()
    check_page(page, "73-audit-assign")
    with page.expect_navigation():
        page.get_by_role("button", name="Share the cases out").click()
    assert server.query("select count(*) from audits_sampledcase s join accounts_user u"
                        " on u.id = s.assessor_id where s.audit_id = ? and"
                        " u.username = 'demo-case-auditor'", audit_id) == [(40,)]

    # The case auditor answers every case, one page each.
    auditor = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    apage = auditor.new_page()
    apage.console_errors = []
    apage.on("console", lambda m: apage.console_errors.append(m.text)
             if m.type == "error" else None)
    sign_in(apage, server, "demo-case-auditor")
    apage.get_by_role("navigation", name="Menu").get_by_role("link", name="Case audits") \
        .click()
    apage.get_by_role("link", name="Core case audit, demo").click()
    apage.locator("#cases tbody tr a").first.click()
    check_page(apage, "74-audit-case")
    # The sampled child's record opens for the case auditor, and the view is logged.
    child_id = apage.locator("main dl dd").first.inner_text().split()[0]
    with apage.expect_navigation():
        apage.get_by_role("link", name="Open the child’s record").click()
    assert apage.locator("h1").count() == 1 and f"/children/{child_id}/" in apage.url
    check_page(apage, "75-audit-child-record")
    assert server.query(
        "select count(*) from audit_auditevent e join accounts_user u on u.id = e.actor_id"
        " where u.username = 'demo-case-auditor' and e.action = 'view' and e.[table] = 'child'"
        " and e.child_id = ?", child_id) == [(1,)]
    apage.go_back()

    for position in range(1, 41):
        heading = apage.locator(".govuk-caption-l").inner_text()
        assert f"case {position} of 40" in heading, heading
        assert apage.evaluate(ANSWER_ALL, position) > 30
        apage.get_by_role("button", name="Save and mark the case done").click()
        apage.wait_for_load_state()
    assert re.search(rf"/audits/{audit_id}/$", apage.url)
    assert "40 of 40 cases done" in apage.locator("#progress").inner_text()
    check_page(apage, "76-audit-answered")
    saves = server.query(
        "select count(*) from audit_auditevent e join accounts_user u on u.id = e.actor_id"
        " where u.username = 'demo-case-auditor' and e.action = 'update'"
        " and e.[table] = 'audit_case'")
    assert saves == [(40,)]
    auditor.close()

    # The officer moderates a case, records a recommendation and reads the scores.
    page.goto(f"/audits/{audit_id}/")
    page.locator("#cases tbody tr a").first.click()
    page.get_by_label("Moderation note").fill("Checked 1.1.5 against the RoSH screening.")
    with page.expect_navigation():
        page.get_by_role("button", name="Record moderation").click()
    assert "1 moderated" in page.locator("#progress").inner_text()
    page.get_by_role("link", name="Recommendations").click()
    page.get_by_label("Recommendation", exact=True).fill(
        "A timely and good quality assessment of Risk of Harm to others is completed at the "
        "start")
    page.get_by_label("Primary responsibility").fill("YOS Head of Service")
    page.get_by_label("1.1 Risk of Harm to others (RoH)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Record the recommendation").click()
    assert f"AUD-{audit_id:04d}-R1" in page.locator("#recommendations").inner_text()
    check_page(page, "77-audit-recommendations")

    page.get_by_role("link", name="Scores").click()
    check_page(page, "78-audit-scores")
    summary = page.locator("#summary").inner_text()
    for prefix, title in (("1.", "Section 1"), ("3.", "Section 3"), ("3.1.", "3.1 "),
                          ("3.2.", "3.2 ")):
        yes, answered = pooled(server, audit_id, prefix)
        row = next(line for line in summary.splitlines() if line.startswith(title))
        assert f"{shown(yes, answered)}%" in row and f"{yes} of {answered}" in row, row
    headlines = page.locator("#headlines").inner_text()
    assert re.search(r"Safeguarding\s+\d+%.*\s37%\s+91%\s+67%", headlines), headlines

    # The report, in each format.
    for fmt in ("docx", "pdf", "html"):
        with page.expect_download() as download:
            page.get_by_role("link", name={"docx": "Word", "pdf": "PDF",
                                           "html": "web page"}[fmt]).click()
        path = tmp_path / f"report.{fmt}"
        download.value.save_as(path)
        if fmt == "docx":
            document = docx.Document(str(path))
            texts = [p.text for p in document.paragraphs]
            assert any("Strengths and areas for improvement" in t for t in texts)
            cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
            assert "37%" in cells
        elif fmt == "pdf":
            text = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages)
            assert f"AUD-{audit_id:04d}-R1" in text and "YOS Head of Service" in text
        else:
            assert "Headline scores" in path.read_text()
    exports = server.query(
        "select count(*) from audit_auditevent e join accounts_user u on u.id = e.actor_id"
        " where u.username = 'demo-performance-officer' and e.action = 'export'"
        " and e.id > ?", start)
    assert exports == [(3,)]

    page.goto(f"/audits/{audit_id}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Complete the audit").click()
    assert server.query("select status from audits_audit where id = ?", audit_id) \
        == [("complete",)]


def test_epqa_and_inspection_grades(page, server):
    sign_in(page, server, "demo-head-of-service")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Self-assessments") \
        .click()
    page.get_by_role("button", name="Record a self-assessment").click()
    page.get_by_label("EPQA self-assessment (Youth Justice Board) (version 2005.1)").check()
    page.get_by_label("Title").fill("EPQA 2007")
    check_page(page, "80-self-assessment-create")
    page.get_by_role("button", name="Continue").click()
    # Seed 000's resettlement row, and a value outside the scale first.
    page.get_by_label("Resettlement: Initial score").fill("1.44")
    page.get_by_label("Resettlement: Predicted score").fill("5")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert "Resettlement: Predicted score: '5' is outside 1 to 4" in \
        page.get_by_role("alert").inner_text()
    check_page(page, "81-self-assessment-error")
    page.get_by_label("Resettlement: Predicted score").fill("2")
    page.get_by_label("Resettlement: Actual score").fill("2.12")
    page.get_by_role("button", name="Save").click()
    row = page.locator("#themes tr", has_text="Resettlement").inner_text()
    assert "0.68" in row and "Yes" in row  # 2.12 - 1.44; 2.12 reached the predicted 2
    check_page(page, "82-self-assessment-epqa")

    page.goto("/self-assessments/new/")
    page.get_by_label("Joint inspection of youth offending teams (2006 to 2008) "
                      "(version 2006.1)").check()
    page.get_by_label("Title").fill("Joint inspection 2008")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Work in the courts").select_option("3")
    page.get_by_label("Work with parents / carers").select_option("2")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert "Good: 1; Adequate: 1" in page.locator("#grade-counts").inner_text()
    check_page(page, "83-self-assessment-grades")
