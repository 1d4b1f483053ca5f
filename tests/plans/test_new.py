"""Starting a plan from a template, and from last year's plan."""

from pathlib import Path

import pytest

from yjhub.plans import Action, dump_plan, load_plan, period_shift, plan_new, templates

ESSEX = Path(__file__).parent / "fixtures" / "essex-2006-07.yaml"


def test_templates_are_listed_and_each_starts_a_plan_that_round_trips():
    ids = [t.id for t in templates()]
    assert ids == ["yjb-2006", "yjb-2007", "yjb-2021"]
    for tpl in templates():
        plan = plan_new(template_id=tpl.id)
        assert (plan.meta.template.id, plan.meta.template.version) == (tpl.id, tpl.version)
        assert plan.meta.period == tpl.periods[0]
        assert [s.id for s in plan.sections] == [s["id"] for s in tpl.sections]
        assert list(plan.tables) == [t["id"] for t in tpl.tables]
        assert load_plan(dump_plan(plan)) == plan


def test_a_plan_from_the_2006_template():
    plan = plan_new(template_id="yjb-2006", service="Essex YOS")
    assert len(plan.delivery) == 16
    assert [t for t in plan.tables] == ["A1", "A2", "A2a", "A2b", "A3"]
    summary = plan.section("summary")
    assert [p.id for p in summary.prompts] == ["overview", "key_objectives"]
    assert summary.prompts[1].text == (
        "Please summarise the key objectives for the forthcoming year.")
    assert all(p.answer == "" for p in summary.prompts)
    assert plan.appendix.columns.previous == "2004/05 outturn"
    assert plan.appendix.columns.target == "2006/07 target"
    assert plan.contents[5].number == "C.3" and plan.contents[5].title == "Resources"
    assert plan.signatures[0].role == "Chief Executive Of The Local Authority"
    assert all(not r.values for t in plan.tables.values() for r in t.rows)


def test_the_2007_template_has_a2c_and_15_areas():
    plan = plan_new(template_id="yjb-2007")
    assert "A2c" in plan.tables and len(plan.delivery) == 15
    assert plan.area("swift_justice") is None and plan.area("dto_training_plans") is not None
    assert plan.tables["A2"].row("probation").label == "Probation (from Table A2c)"


def test_unknown_template():
    with pytest.raises(KeyError, match="no plan template 'yjb-1999' \\(there are: yjb-2006"):
        plan_new(template_id="yjb-1999")


@pytest.mark.parametrize(("period", "shifted"), [("2006-07", "2007-08"), ("2006/07", "2007-08"),
                                                 ("1999-00", "2000-01"), ("odd", "odd")])
def test_period_shift(period, shifted):
    assert period_shift(period, 1) == shifted


def _last_year():
    last = load_plan(ESSEX)
    area = last.area("parenting")
    area.actions = [
        Action("Recruit a parenting co-ordinator", "EIP manager", "June 2006", "done"),
        Action("Run STOP in all four teams", "Parenting co-ordinator", "March 2007",
               "in progress"),
        Action("Research other programmes", "Parenting co-ordinator", "December 2006"),
        Action("Old pilot", status="dropped"),
        Action("Carried twice", status="not started", carried_from="2005-06"),
    ]
    return last


def test_from_last_years_plan_carries_narrative_tables_and_unfinished_actions():
    last = _last_year()
    plan = plan_new(template_id="yjb-2006", from_plan=last)
    assert plan.meta.period == "2007-08" and plan.meta.carried_from == "2006-07"
    assert plan.meta.service == "Essex Youth Offending Service"
    assert plan.meta.title == "Youth Justice Plan 2007-08"   # last title did not name "2006-07"
    assert plan.meta.status == "draft"
    # narrative, every answer
    assert plan.section("summary").prompts[0].answer == last.section("summary").prompts[0].answer
    assert plan.section("summary").prompts[0].answer.startswith("The Strategic review")
    assert plan.section("workforce_planning").figures == last.section("workforce_planning").figures
    # tables, to be updated
    assert plan.tables["A2"].row("police").values == {"staffing": 239000, "in_kind": 12000,
                                                      "other": 159000, "total": 410000}
    assert plan.tables["A3"].row("total").values["total"] == 235
    # unfinished actions only, each marked with the year it came from
    actions = plan.area("parenting").actions
    assert [(a.action, a.status, a.carried_from) for a in actions] == [
        ("Run STOP in all four teams", "in progress", "2006-07"),
        ("Research other programmes", "not started", "2006-07"),
        ("Carried twice", "not started", "2005-06"),
    ]
    assert plan.area("parenting").overview == last.area("parenting").overview
    # this year's figures start empty; last year's outturn moves to the earlier column
    row = plan.appendix.row("parenting_satisfaction")
    assert (row.previous, row.current, row.target) == ("99.1%", None, None)
    assert plan.appendix.columns.previous == "2005/06 outturn"
    assert plan.area("parenting").data[1].actual is None
    # board kept; signatories' names kept, their signatures and dates not; reviews cleared
    assert plan.board == last.board
    assert [(s.role, s.name, s.signature, s.date) for s in plan.signatures][:2] == [
        ("Chief Executive Of The Local Authority", "Paul Coen", "", ""),
        ("Health Service", "Mike O'Keefe", "", "")]
    assert plan.reviews == []
    assert plan.epqa_row("parenting").actual == 1.87
    # the last plan is not changed
    assert len(last.area("parenting").actions) == 5
    assert load_plan(dump_plan(plan)) == plan


def test_from_last_years_plan_onto_the_next_template():
    plan = plan_new(template_id="yjb-2007", from_plan=_last_year())
    assert plan.meta.template.id == "yjb-2007"
    assert plan.tables["A2c"].row("probation").values == {}          # new table, empty
    assert plan.tables["A2"].row("probation").values["total"] == 331000
    assert plan.tables["A2"].row("probation").label == "Probation"    # as last year printed it
    assert plan.area("dto_training_plans").overview == ""             # a new area
    assert len(plan.area("parenting").actions) == 3
