"""The action plan pages: lists, filters, changes (audited), progress, import and export.

Dates are fixed with ``as_at`` where a page depends on today.
"""

from __future__ import annotations

import io
import shutil
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.actions.fixtures.transcriptions import APPENDIX_D_XLSX, KENT_XLSX
from tests.web.actions_support import actions_samples
from yjhub.actions import services
from yjhub.actions.models import Action, Lead, Plan, PlanImport, ProgressUpdate
from yjhub.actions.spreadsheets import workbook_read
from yjhub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(demo):
    ids = actions_samples(demo)
    return {"plan": Plan.objects.get(pk=ids["plan_id"]),
            "action": Action.objects.get(pk=ids["action_id"])}


@pytest.fixture
def cheshire():
    return services.plan_import(user=None, workbook=workbook_read(APPENDIX_D_XLSX))


def test_plans_list(client_as, sample):
    page = client_as("board_member").get("/action-plans/").content.decode()
    assert "Sample action plan 2008-09" in page
    assert "Make a plan" not in page  # board members only read
    page = client_as("head_of_service").get("/action-plans/").content.decode()
    assert "Make a plan" in page and "Import a plan from Excel" in page


def test_plan_grouped_by_enabler_with_filters(client_as, cheshire):
    browser = client_as("performance_officer")
    page = browser.get(f"/action-plans/{cheshire.pk}/?as_at=2007-07-01").content.decode()
    assert "Showing 69 of 69 actions" in page
    for title in ("Governance and leadership", "Performance and quality systems", "Resources",
                  "People and organisation", "Partnership working"):
        assert f">{title}</caption>" in page
    # On 1 July 2007, 16 actions are overdue (worked out in tests/actions/test_import.py).
    page = browser.get(f"/action-plans/{cheshire.pk}/?as_at=2007-07-01&when=overdue") \
        .content.decode()
    assert "Showing 16 of 69 actions" in page
    # Due from 1 July to 29 July 2007 (28 days on): the 4 due on 01 July 2007.
    page = browser.get(f"/action-plans/{cheshire.pk}/?as_at=2007-07-01&when=due_soon") \
        .content.decode()
    assert "Showing 4 of 69 actions" in page
    lead = Lead.objects.create(role="ETE co-ordinator")
    action = cheshire.actions.get(source_row="Appendix D row 67")
    action.leads.add(lead)
    page = browser.get(f"/action-plans/{cheshire.pk}/?lead={lead.pk}").content.decode()
    assert "Showing 1 of 69 actions" in page and "ETE co-ordinator" in page
    page = browser.get(f"/action-plans/{cheshire.pk}/?status=done").content.decode()
    assert "Showing 0 of 69 actions" in page
    page = browser.get(f"/action-plans/{cheshire.pk}/?group=area").content.decode()
    assert ">No objective area</caption>" in page


def test_team_filter(client_as, sample, demo):
    browser = client_as("board_member")
    plan = sample["plan"]
    page = browser.get(f"/action-plans/{plan.pk}/?team={demo.team_id}").content.decode()
    assert "Showing 1 of 1 actions" in page
    page = browser.get(f"/action-plans/{plan.pk}/?team={demo.other_team_id}").content.decode()
    assert "Showing 0 of 1 actions" in page


def test_add_an_action(client_as, sample):
    plan = sample["plan"]
    lead = Lead.objects.get()
    response = client_as("performance_officer").post(
        f"/action-plans/{plan.pk}/actions/new/",
        {"text": "Report quarterly to the board", "enabler": "governance_and_leadership",
         "deadline": "Quarterly", "leads": [str(lead.pk)], "indicator_ids": "kpi2023.ete",
         "objective": "", "area": "Governance", "links_text": "", "risks": "",
         "success_criteria": "Reports received"})
    assert response.status_code == 302
    action = plan.actions.get(text="Report quarterly to the board")
    assert (action.recurrence, action.indicator_ids) == ("quarterly", ["kpi2023.ete"])
    event = AuditEvent.objects.get(table="action", record_id=str(action.pk))
    assert event.actor_name == "test-performance_officer"
    assert event.changes["deadline_text"] == [None, "Quarterly"]


def test_add_an_action_refuses_bad_values(client_as, sample):
    plan = sample["plan"]
    response = client_as("head_of_service").post(
        f"/action-plans/{plan.pk}/actions/new/",
        {"text": "", "enabler": "morale", "indicator_ids": "kpi2023.nope"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter the specific actions" in page
    assert "Enabler morale is not one of the options" in page
    assert "Indicator &quot;kpi2023.nope&quot; is not in the indicator catalogue" in page
    assert plan.actions.count() == 1


def test_team_manager_updates_their_teams_action(client_as, sample, cheshire):
    browser = client_as("team_manager")
    action = sample["action"]
    page = browser.get(f"/action-plans/actions/{action.pk}/").content.decode()
    assert "Add a progress update" in page
    response = browser.post(f"/action-plans/actions/{action.pk}/progress/", {
        "on_day": "20", "on_month": "6", "on_year": "2008", "status": "done", "rag": "green",
        "note": "Criteria agreed at the June meeting"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.rag, action.completed_on) == ("done", "green",
                                                                date(2008, 6, 20))
    page = browser.get(f"/action-plans/actions/{action.pk}/").content.decode()
    assert "Criteria agreed at the June meeting" in page and "20 Jun 2008" in page
    event = AuditEvent.objects.get(table="action_progress")
    assert event.changes["action.status"] == ["not_started", "done"]
    # An action no one in their team leads: read-only, and the forms refuse.
    other = cheshire.actions.first()
    assert "Add a progress update" not in browser.get(
        f"/action-plans/actions/{other.pk}/").content.decode()
    assert browser.get(f"/action-plans/actions/{other.pk}/progress/").status_code == 403
    assert browser.post(f"/action-plans/actions/{other.pk}/edit/",
                        {"text": "x"}).status_code == 403
    assert not ProgressUpdate.objects.filter(action=other).exists()


def test_progress_form_errors(client_as, sample):
    action = sample["action"]
    page = client_as("head_of_service").post(f"/action-plans/actions/{action.pk}/progress/", {
        "on_day": "31", "on_month": "2", "on_year": "2008", "status": "nearly"}
    ).content.decode()
    assert "Date of the update must be a real date" in page
    assert "Status nearly is not one of the options" in page
    assert not ProgressUpdate.objects.exists()


def test_edit_an_action_records_old_and_new(client_as, sample):
    action = sample["action"]
    lead = Lead.objects.get()
    response = client_as("team_manager").post(f"/action-plans/actions/{action.pk}/edit/", {
        "text": action.text, "enabler": "performance_and_quality", "deadline": "End of July",
        "leads": [str(lead.pk)], "risks": "Staff time"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.due_on == date(2008, 7, 31)
    event = AuditEvent.objects.get(table="action", action="update")
    assert event.changes == {"risks": ["", "Staff time"],
                             "deadline_text": ["Mid June", "End of July"],
                             "due_on": ["2008-06-15", "2008-07-31"]}


def test_import_check_then_load(client_as):
    browser = client_as("performance_officer")
    with APPENDIX_D_XLSX.open("rb") as f:
        response = browser.post("/action-plans/imports/", {"file": f, "into": ""})
    assert response.status_code == 302
    record = PlanImport.objects.get()
    assert record.status == "checked" and not Plan.objects.exists()
    page = browser.get(response.url).content.decode()
    assert "Checked: ready to load" in page and "<dd class=\"govuk-summary-list__value\">69" \
        in page
    assert "Partnership working: 12" in page
    response = browser.post(response.url)
    plan = Plan.objects.get()
    assert response.url == f"/action-plans/{plan.pk}/"
    assert plan.actions.count() == 69
    record.refresh_from_db()
    assert record.status == "loaded" and record.plan == plan
    # Loading twice is refused.
    browser.post(f"/action-plans/imports/{record.pk}/")
    assert Plan.objects.count() == 1


def test_import_with_a_bad_row_loads_nothing(client_as, tmp_path):
    path = tmp_path / "appendix-d.xlsx"
    shutil.copy(APPENDIX_D_XLSX, path)
    book = load_workbook(path)
    book["Appendix D"]["A5"] = "Morale"
    book.save(path)
    browser = client_as("head_of_service")
    with path.open("rb") as f:
        response = browser.post("/action-plans/imports/", {"file": f, "into": ""})
    page = browser.get(response.url).content.decode()
    assert "1 problem found: nothing was written" in page
    assert "<td class=\"govuk-table__cell\">Appendix D</td>" in page
    assert "<td class=\"govuk-table__cell govuk-table__cell--numeric\">5</td>" in page
    assert "A &quot;Enabler&quot;" in page and "Morale" in page
    assert "Load the plan" not in page
    assert browser.post(response.url).status_code == 302
    assert not Plan.objects.exists() and not Action.objects.exists()


def test_import_refuses_a_file_that_is_not_a_workbook(client_as):
    upload = io.BytesIO(b"Enabler,Objective\n")
    upload.name = "plan.csv"
    page = client_as("head_of_service").post("/action-plans/imports/",
                                             {"file": upload}).content.decode()
    assert "The selected file &quot;plan.csv&quot; must be an Excel workbook" in page
    assert not PlanImport.objects.exists()


def test_kent_import_into_an_existing_plan_and_page(client_as, sample):
    browser = client_as("head_of_service")
    target = Plan.objects.create(title="Kent", kind="improvement_plan",
                                 starts_on=date(2008, 4, 1), ends_on=date(2009, 3, 31))
    with KENT_XLSX.open("rb") as f:
        response = browser.post("/action-plans/imports/", {"file": f, "into": str(target.pk)})
    browser.post(response.url)
    assert target.actions.count() == 100 and target.recommendations.count() == 14
    page = browser.get(f"/action-plans/{target.pk}/").content.decode()
    assert "Recommendation 6: Improved support is given to children and young people" in page
    assert "6.1(a)" in page


def test_export(client_as, cheshire):
    response = client_as("board_member").get(f"/action-plans/{cheshire.pk}/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = workbook_read(response.content, name="export.xlsx")
    assert book.problems == [] and len(book.actions) == 69
    event = AuditEvent.objects.get(action="export")
    assert event.detail == f"Plan {cheshire.title} as Excel"


def test_due_list_by_lead_and_team(client_as, sample, demo):
    browser = client_as("practitioner")
    # The sample action is due 15 June 2008: overdue on 16 June, due soon on 1 June.
    page = browser.get("/action-plans/due/?as_at=2008-06-16").content.decode()
    assert "1 overdue" in page and ">Team manager</caption>" in page
    page = browser.get("/action-plans/due/?as_at=2008-06-01&by=team").content.decode()
    assert "0 overdue" in page and "1 due in the next 28 days" in page
    from yjhub.casedata.models import Team

    assert f">{Team.objects.get(pk=demo.team_id).name}</caption>" in page
    page = browser.get("/action-plans/due/?as_at=2008-06-16&mine=1").content.decode()
    assert "0 overdue" in page


def test_carry_forward_page(client_as, sample):
    plan = sample["plan"]
    response = client_as("head_of_service").post(
        f"/action-plans/{plan.pk}/carry-forward/",
        {"title": "Plan 2009-10", "starts_on_day": "1", "starts_on_month": "4",
         "starts_on_year": "2009", "ends_on_day": "31", "ends_on_month": "3",
         "ends_on_year": "2010"})
    new = Plan.objects.get(title="Plan 2009-10")
    assert response.url == f"/action-plans/{new.pk}/"
    copy = new.actions.get()
    assert copy.carried_from == sample["action"]
    page = client_as("head_of_service").get(f"/action-plans/{new.pk}/").content.decode()
    assert "Carries forward" in page and "Sample action plan 2008-09" in page


def test_make_a_plan_and_a_recommendation(client_as):
    browser = client_as("performance_officer")
    response = browser.post("/action-plans/new/", {
        "title": "Improvement plan 2012", "kind": "improvement_plan",
        "starts_on_day": "1", "starts_on_month": "4", "starts_on_year": "2012",
        "ends_on_day": "31", "ends_on_month": "3", "ends_on_year": "2013",
        "report_published_on_day": "14", "report_published_on_month": "5",
        "report_published_on_year": "2012"})
    plan = Plan.objects.get()
    assert response.url == f"/action-plans/{plan.pk}/"
    # Published 14 May 2012: due 11 June 2012 (28 days on).
    assert plan.submission_due_on == date(2012, 6, 11)
    browser.post(f"/action-plans/{plan.pk}/recommendations/new/", {
        "number": "1", "kind": "recommendation", "text": "Assessments are timely",
        "source_audit_ref": "AUD-2012-03", "source_recommendation_ref": "R2"})
    rec = plan.recommendations.get()
    assert (rec.source_audit_ref, rec.source_recommendation_ref) == ("AUD-2012-03", "R2")
    page = browser.post("/action-plans/new/", {"title": "", "kind": "action_plan"}) \
        .content.decode()
    assert "Enter the plan&#x27;s title" in page or "Enter the plan's title" in page


def test_leads_register(client_as, demo):
    browser = client_as("head_of_service")
    browser.post("/action-plans/leads/", {"name": "Glan Hopkin", "role": "Head of Service",
                                          "team": ""})
    lead = Lead.objects.get()
    assert str(lead) == "Glan Hopkin, Head of Service"
    page = browser.post("/action-plans/leads/", {"name": "", "role": "", "team": ""}) \
        .content.decode()
    assert "Enter a name or a role" in page
    assert Lead.objects.count() == 1


def test_link_an_action_to_a_plan_and_a_recommendation(client_as, sample):
    action = sample["action"]
    kent = services.plan_import(user=None, workbook=workbook_read(KENT_XLSX))
    rec = kent.recommendations.get(number="2")
    response = client_as("head_of_service").post(f"/action-plans/actions/{action.pk}/edit/", {
        "text": action.text, "enabler": "performance_and_quality", "deadline": "Mid June",
        "leads": [str(action.leads.get().pk)], "linked_plans": [str(kent.pk)],
        "linked_recommendations": [str(rec.pk)]})
    assert response.status_code == 302
    assert list(action.linked_plans.all()) == [kent]
    assert list(action.linked_recommendations.all()) == [rec]
    event = AuditEvent.objects.get(table="action", action="update")
    assert event.changes == {"linked_plans": [[], [kent.pk]],
                             "linked_recommendations": [[], [rec.pk]]}
    page = client_as("board_member").get(f"/action-plans/actions/{action.pk}/") \
        .content.decode()
    assert kent.title in page and "The most appropriate children and young people" in page


def test_rag_by_enabler(client_as, cheshire):
    first = cheshire.actions.get(source_row="Appendix D row 2")  # Governance & Leadership
    services.progress_update_create(user=None, action=first, on=date(2007, 6, 1),
                                    status="in_progress", rag="amber")
    page = client_as("board_member").get(f"/action-plans/{cheshire.pk}/?as_at=2007-06-30") \
        .content.decode()
    assert "RAG by enabler" in page
    # Governance and leadership: 9 actions, 1 amber, 8 not rated.
    row = page.split('<th scope="row" class="govuk-table__header">Governance and leadership'
                     '</th>')[1].split("</tr>")[0]
    assert [cell.split("</td>")[0] for cell in row.split('numeric">')[1:]] == [
        "0", "1", "0", "8"]


def test_link_an_imported_lead_to_a_team_manager(client_as, cheshire, demo):
    """An imported lead is only text; linked to the team manager's account it gives them the
    right to update its actions."""
    from yjhub.accounts.models import User

    manager = User.objects.get(username="test-team_manager")
    lead = services.lead_create(user=None, role="Unit manager")
    action = cheshire.actions.get(source_row="Appendix D row 2")
    action.leads.add(lead)
    browser = client_as("team_manager")
    assert browser.get(f"/action-plans/actions/{action.pk}/progress/").status_code == 403
    response = client_as("head_of_service").post(f"/action-plans/leads/{lead.pk}/", {
        "name": "Pat Smith", "role": "Unit manager", "team": "", "user": str(manager.pk)})
    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.name, lead.user) == ("Pat Smith", manager)
    event = AuditEvent.objects.get(table="action_lead", action="update")
    assert event.changes == {"name": ["", "Pat Smith"], "user": [None, manager.pk]}
    assert browser.get(f"/action-plans/actions/{action.pk}/progress/").status_code == 200
    page = browser.get("/action-plans/due/?as_at=2008-06-16&mine=1").content.decode()
    assert "0 overdue" in page  # "Quarterly" is never overdue
