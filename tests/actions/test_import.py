"""Importing the seeds' plans from Excel, and refusing a workbook with a bad row whole.

Expected counts are read off the seeds by hand: Appendix D has 69 rows, of which 9 are
Governance & Leadership, 25 Performance & Quality Systems, 13 Resources, 10 People &
Organisations and 12 Partnership Working (9 + 25 + 13 + 10 + 12 = 69). Kent's plan has 14
recommendations with 90 activities (one of them recommendation 4's unnumbered opening line)
and 10 lettered sub-items (6.1 a-b, 6.2 a-d, 6.3 a-b, 8.2 a-b): 100 rows.
"""

import shutil
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.actions.fixtures.transcriptions import APPENDIX_D_XLSX, KENT_XLSX
from yjhub.actions import selectors, services
from yjhub.actions.models import Action, Lead, Plan, ProgressUpdate, Recommendation
from yjhub.actions.spreadsheets import workbook_read
from yjhub.audit.models import AuditEvent


def test_appendix_d_reads_69_actions():
    book = workbook_read(APPENDIX_D_XLSX)
    assert book.problems == []
    assert len(book.actions) == 69
    assert book.kind == "action_plan"
    counts = {}
    for action in book.actions:
        counts[action.enabler] = counts.get(action.enabler, 0) + 1
    assert counts == {"governance_and_leadership": 9, "performance_and_quality": 25,
                      "resources": 13, "people_and_organisation": 10,
                      "partnership_working": 12}
    # Row 2 of the sheet (the first action) as the seed prints it.
    first = book.actions[0]
    assert (first.sheet, first.row) == ("Appendix D", 2)
    assert first.objective.startswith("Strategic Oversight of Prevention activities")
    assert (first.deadline, first.links, first.risks) == ("Quarterly", "Children's Plan,",
                                                          "Lack of continued funding")


@pytest.mark.django_db
def test_appendix_d_loads():
    plan = services.plan_import(user=None, workbook=workbook_read(APPENDIX_D_XLSX),
                                on=date(2007, 4, 1))
    assert plan.title == "Cheshire Youth Justice Plan 2007/08: Appendix D action plan"
    assert (plan.starts_on, plan.ends_on) == (date(2007, 4, 1), date(2008, 3, 31))
    assert plan.actions.count() == 69
    # Appendix D's deadlines, counted in the seed: 15 "Ongoing" and 2 "ongoing"; 4
    # "Quarterly" and 3 "Monthly"; 1 "To be agreed"; 44 dates (9 on 01 August 2007, 8 on 01
    # June 2007, 8 on 01 September 2007, 4 on 01 July 2007, 4 on 30 June 2007, 3 on 01 March
    # 2008, 3 on 01 October 2007, 2 on 30 April 2007, 2 on 01 April 2007, 1 on 01 January 2008).
    kinds = {}
    for action in plan.actions.all():
        kinds[action.deadline_kind] = kinds.get(action.deadline_kind, 0) + 1
    assert kinds == {"ongoing": 17, "recurring": 7, "to_be_agreed": 1, "date": 44}
    assert plan.actions.filter(recurrence="quarterly").count() == 4
    assert plan.actions.filter(recurrence="monthly").count() == 3
    # Row 3: "01 March 2008" is due 1 March 2008.
    second = plan.actions.get(source_row="Appendix D row 3")
    assert (second.deadline_kind, second.due_on) == ("date", date(2008, 3, 1))
    assert second.enabler == "resources"
    # Overdue on 1 July 2007 with nothing done: those due 01 April (2), 30 April (2), 01 June
    # (8) and 30 June 2007 (4) = 16.
    assert selectors.actions_overdue(as_at=date(2007, 7, 1), plan=plan).count() == 16
    assert AuditEvent.objects.filter(table="action", action="create").count() == 69
    assert AuditEvent.objects.filter(table="action_plan", action="import").count() == 1


def _bad_copy(tmp_path, changes):
    path = tmp_path / "bad.xlsx"
    shutil.copy(APPENDIX_D_XLSX, path)
    book = load_workbook(path)
    sheet = book["Appendix D"]
    for (row, column), value in changes.items():
        sheet.cell(row=row, column=column).value = value
    book.save(path)
    return path


@pytest.mark.django_db
def test_a_bad_row_loads_nothing_and_is_named(tmp_path):
    # Row 5: an unknown enabler; a Status column (H) with an unreadable status on row 10.
    path = _bad_copy(tmp_path, {(5, 1): "Morale", (1, 8): "Status", (10, 8): "Nearly there"})
    book = workbook_read(path)
    messages = [str(p) for p in book.problems]
    assert messages == [
        'sheet Appendix D, row 5, column A "Enabler": "Morale": is not an enabler: use one of '
        "Governance and leadership, Performance and quality systems, Resources, People and "
        "organisation, Partnership working",
        'sheet Appendix D, row 10, column H "Status": "Nearly there": is not a status: use one '
        "of Not started, In progress, Done, No longer needed, Carried forward",
    ]
    with pytest.raises(services.ActionError, match="2 problems: nothing was loaded"):
        services.plan_import(user=None, workbook=book)
    assert not Plan.objects.exists() and not Action.objects.exists()
    assert not Lead.objects.exists()


def test_other_bad_cells_are_named(tmp_path):
    path = _bad_copy(tmp_path, {(1, 8): "RAG", (1, 9): "Indicators", (1, 10): "Completed on",
                                (1, 11): "Deadlnie", (2, 8): "Purple",
                                (3, 9): "kpi2023.ete, kpi2023.nope", (4, 10): "soon",
                                (6, 3): None})
    messages = [str(p) for p in workbook_read(path).problems]
    assert 'sheet Appendix D, row 1, column K "Deadlnie": "Deadlnie": is not a column the ' \
        "import knows (see the list in docs/action-plans.md)" in messages
    assert 'sheet Appendix D, row 2, column H "RAG": "Purple": is not a RAG: use one of Red, ' \
        "Amber, Green" in messages
    assert 'sheet Appendix D, row 3, column I "Indicators": "kpi2023.nope": is not an ' \
        "indicator of the catalogue (use its id, like kpi2023.ete)" in messages
    assert 'sheet Appendix D, row 4, column J "Completed on": "soon": is not a date (write ' \
        "it like 2008-05-07)" in messages
    assert 'sheet Appendix D, row 6, column C "Specific Actions": is blank: every row needs ' \
        "its action (or activity)" in messages
    assert len(messages) == 5


def test_not_a_workbook(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_text("Enabler,Objective\n")
    [problem] = workbook_read(path).problems
    assert str(problem).startswith("sheet (workbook): cannot be read as an Excel workbook")


def test_kent_reads():
    book = workbook_read(KENT_XLSX)
    assert book.problems == []
    assert book.kind == "improvement_plan"
    assert [r.number for r in book.recommendations] == [str(n) for n in range(1, 15)]
    # 100 rows: activities and sub-items, counted in the transcription's YAML.
    assert len(book.actions) == 100
    subs = [a for a in book.actions if a.parent is not None]
    # Sub-items: 6.1(a)(b), 6.2(a)-(d), 6.3(a)(b), 8.2(a)(b) = 10.
    assert len(subs) == 10
    assert book.plan["report_published_on"] == date(2008, 5, 7)


@pytest.mark.django_db
def test_kent_loads():
    plan = services.plan_import(user=None, workbook=workbook_read(KENT_XLSX))
    assert plan.kind == "improvement_plan"
    # Published 7 May 2008; the plan is due four weeks later, 4 June 2008.
    assert plan.submission_due_on == date(2008, 6, 4)
    assert Recommendation.objects.filter(plan=plan).count() == 14
    assert plan.actions.count() == 100
    rec6 = plan.recommendations.get(number="6")
    assert rec6.text == ("Improved support is given to children and young people during their "
                         "transition from school to employment and training")
    one = plan.actions.get(recommendation=rec6, number="1", parent=None)
    assert [(s.number, s.text, s.due_on) for s in one.sub_items.order_by("position")] == [
        ("a", "establish a Yr 11 Working Group", date(2008, 5, 31)),
        ("b", "implement a monitoring and tracking arrangement for Year 11 pupils – this will "
              "be formalised in a protocol for joint working with Connexions on the Year 11 "
              "cohort.", date(2008, 8, 31))]
    assert one.sub_items.first().reference == "6.1(a)"
    mid_june = plan.actions.get(recommendation__number="1", number="1")
    assert (mid_june.deadline_text, mid_june.due_on) == ("Mid June", date(2008, 6, 15))
    assert [str(lead) for lead in mid_june.leads.all()] == [
        "Effective Practice and Performance Manager"]
    # "Ongoing – first data set available in July": ongoing, first milestone 31 July 2008.
    prevention = plan.actions.get(recommendation__number="2", number="6")
    assert (prevention.deadline_kind, prevention.due_on) == ("ongoing", date(2008, 7, 31))
    assert ProgressUpdate.objects.count() == 0


@pytest.mark.django_db
def test_export_reads_back_the_same(tmp_path):
    for source in (APPENDIX_D_XLSX, KENT_XLSX):
        plan = services.plan_import(user=None, workbook=workbook_read(source))
        first = plan.actions.order_by("position").first()
        services.progress_update_create(user=None, action=first, on=date(2008, 6, 1),
                                        status="done", rag="green", note="Done")
        data = selectors.plan_workbook(plan=plan)
        again = workbook_read(data, name="export.xlsx")
        assert again.problems == []
        assert len(again.actions) == plan.actions.count()
        assert again.plan["title"] == plan.title
        assert again.kind == plan.kind
        assert again.actions[0].status == "done"
        assert again.actions[0].completed_on == date(2008, 6, 1)
        copy = services.plan_import(user=None, workbook=again)
        before = selectors.plan_actions_ordered(plan=plan)
        after = selectors.plan_actions_ordered(plan=copy)
        assert [(a.reference, a.text, a.deadline_text, a.due_on, a.enabler, a.status,
                 a.success_criteria, sorted(str(x) for x in a.leads.all())) for a in before] \
            == [(a.reference, a.text, a.deadline_text, a.due_on, a.enabler, a.status,
                 a.success_criteria, sorted(str(x) for x in a.leads.all())) for a in after]
        progress = load_workbook(__import__("io").BytesIO(data))["Progress"]
        assert [c.value for c in progress[2]][:4] == [first.reference,
                                                      __import__("datetime").datetime(2008, 6, 1),
                                                      "Done", "Green"]


def _workbook(tmp_path, rows, plan=True):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    if plan:
        for row in (["Title", "Improvement plan"], ["Starts on", "2012-04-01"],
                    ["Ends on", "2013-03-31"]):
            sheet.append(row)
    actions = book.create_sheet("Actions")
    for row in rows:
        actions.append(row)
    path = tmp_path / "plan.xlsx"
    book.save(path)
    return path


def test_improvement_plan_structure_problems(tmp_path):
    path = _workbook(tmp_path, [
        ["Recommendation / AFI", "Activity", "Timetable"],
        [None, "1. Orphan activity", "Mid June"],
        ["AFI 2. Case records are complete", "(a) Sub-item with no activity", None],
    ])
    messages = [str(p) for p in workbook_read(path).problems]
    assert messages == [
        'sheet Actions, row 2, column A "Recommendation / AFI": is blank, and no '
        "recommendation comes before this activity",
        'sheet Actions, row 3, column B "Activity": "(a) Sub-item with no activity": is a '
        "lettered sub-item with no numbered activity before it",
    ]


def test_areas_for_improvement_and_progress(tmp_path):
    from yjhub.actions.spreadsheets import workbook_require_plan

    path = _workbook(tmp_path, [
        ["Recommendation / AFI", "Activity", "Status", "RAG", "Completed on", "Progress",
         "Progress date"],
        ["AFI 2. Case records are complete", "1. Audit ten cases a month", "In progress",
         "Amber", None, "Four audits done", "2012-06-30"],
        [None, "2. Report to the board", "Complete", "G", "2012-07-10", None, None],
    ])
    book = workbook_read(path)
    assert book.problems == []
    [rec] = book.recommendations
    assert (rec.kind, rec.number, rec.text) == ("area_for_improvement", "2",
                                                "Case records are complete")
    assert [(a.number, a.status, a.rag) for a in book.actions] == [
        ("1", "in_progress", "amber"), ("2", "done", "green")]
    workbook_require_plan(book)
    assert book.problems == []


@pytest.mark.django_db
def test_progress_column_becomes_a_dated_update(tmp_path):
    path = _workbook(tmp_path, [
        ["Specific actions", "Status", "RAG", "Progress", "Progress date"],
        ["Audit ten cases a month", "In progress", "Amber", "Four audits done", "2012-06-30"],
    ])
    plan = services.plan_import(user=None, workbook=workbook_read(path))
    action = plan.actions.get()
    update = action.updates.get()
    assert (update.on, update.status, update.rag, update.note) == (
        date(2012, 6, 30), "in_progress", "amber", "Four audits done")
    assert (action.status, action.rag) == ("in_progress", "amber")


def test_a_new_plan_needs_the_plan_sheet(tmp_path):
    from yjhub.actions.spreadsheets import workbook_require_plan

    path = _workbook(tmp_path, [["Specific actions"], ["Do it"]], plan=False)
    book = workbook_read(path)
    workbook_require_plan(book)
    assert [str(p) for p in book.problems] == [
        'sheet Plan, column "Title": gives no Title: every new plan needs a title, a start '
        "and an end",
        'sheet Plan, column "Starts on": gives no Starts on: every new plan needs a title, a '
        "start and an end",
        'sheet Plan, column "Ends on": gives no Ends on: every new plan needs a title, a start '
        "and an end"]
