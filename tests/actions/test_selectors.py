"""The selectors the board report reads, on a small plan with dates worked out by hand.

The plan runs 1 April 2008 to 31 March 2009. Its actions:

    A  due 30 June 2008 ("June 2008": the month's last day), open
    B  due 15 July 2008 ("Mid July"), done on 10 July 2008
    C  due 1 July 2008, open
    D  "Quarterly": no date, never due or overdue
    E  "Ongoing – first report in September": due 30 September 2008, open
"""

from datetime import date

import pytest

from yjhub.actions import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = services.plan_create(user=None, title="Plan 2008-09", starts_on=date(2008, 4, 1),
                                ends_on=date(2009, 3, 31))
    make = services.action_create
    a = make(user=None, plan=plan, text="A", deadline="June 2008",
             enabler="governance_and_leadership")
    b = make(user=None, plan=plan, text="B", deadline="Mid July", enabler="resources")
    c = make(user=None, plan=plan, text="C", deadline="01 July 2008", enabler="resources",
             area="Prevention")
    d = make(user=None, plan=plan, text="D", deadline="Quarterly")
    e = make(user=None, plan=plan, text="E", deadline="Ongoing – first report in September",
             area="Prevention")
    services.progress_update_create(user=None, action=a, on=date(2008, 5, 1),
                                    status="in_progress", rag="green")
    services.progress_update_create(user=None, action=a, on=date(2008, 6, 20),
                                    status="in_progress", rag="amber")
    services.progress_update_create(user=None, action=b, on=date(2008, 7, 10), status="done",
                                    rag="green")
    services.progress_update_create(user=None, action=c, on=date(2008, 6, 1),
                                    status="in_progress", rag="red")
    return plan, {x.text: x for x in (a, b, c, d, e)}


def texts(queryset):
    return [action.text for action in queryset]


def test_due_dates_read(plan):
    _, actions = plan
    assert {k: a.due_on for k, a in actions.items()} == {
        "A": date(2008, 6, 30), "B": date(2008, 7, 15), "C": date(2008, 7, 1), "D": None,
        "E": date(2008, 9, 30)}


def test_actions_due_in(plan):
    # Quarter 2 (1 July to 30 September 2008): C (1 July), B (15 July, done), E (30 Sept).
    assert texts(selectors.actions_due_in(start=date(2008, 7, 1), end=date(2008, 9, 30))) == [
        "C", "B", "E"]
    # Quarter 1 ends 30 June: A is due on its last day.
    assert texts(selectors.actions_due_in(start=date(2008, 4, 1), end=date(2008, 6, 30))) == [
        "A"]


def test_actions_overdue(plan):
    # On 1 July 2008: A (due 30 June) is overdue; C is due that day, so not yet.
    assert texts(selectors.actions_overdue(as_at=date(2008, 7, 1))) == ["A"]
    # On 16 July: A and C; B was due 15 July but is done.
    assert texts(selectors.actions_overdue(as_at=date(2008, 7, 16))) == ["A", "C"]
    assert texts(selectors.actions_overdue(as_at=date(2008, 6, 30))) == []


def test_actions_due_soon(plan):
    # From 10 June 2008, 28 days runs to 8 July: A (30 June) and C (1 July); B is done.
    assert texts(selectors.actions_due_soon(as_at=date(2008, 6, 10))) == ["A", "C"]
    # From 3 June, 28 days runs to 1 July inclusive: A and C still; from 2 June only A.
    assert texts(selectors.actions_due_soon(as_at=date(2008, 6, 3))) == ["A", "C"]
    assert texts(selectors.actions_due_soon(as_at=date(2008, 6, 2))) == ["A"]


def test_actions_done_in(plan):
    assert texts(selectors.actions_done_in(start=date(2008, 7, 1), end=date(2008, 9, 30))) == [
        "B"]
    assert texts(selectors.actions_done_in(start=date(2008, 4, 1), end=date(2008, 7, 9))) == []


def test_rag_summary_as_at(plan):
    # On 30 June 2008: A amber (its 20 June update), C red (1 June), B, D, E not rated yet.
    summary = selectors.action_rag_summary(as_at=date(2008, 6, 30))
    assert summary.total == 5
    assert summary.by_rag == {"red": 1, "amber": 1, "green": 0, "not_rated": 3}
    assert summary.by_status["in_progress"] == 2
    assert summary.by_status["not_started"] == 3
    assert summary.by_enabler["governance_and_leadership"] == {
        "red": 0, "amber": 1, "green": 0, "not_rated": 0}
    assert summary.by_enabler["resources"] == {"red": 1, "amber": 0, "green": 0, "not_rated": 1}
    assert summary.by_enabler["none"] == {"red": 0, "amber": 0, "green": 0, "not_rated": 2}
    assert summary.by_area == {
        "": {"red": 0, "amber": 1, "green": 0, "not_rated": 2},
        "Prevention": {"red": 1, "amber": 0, "green": 0, "not_rated": 1}}
    # On 31 May 2008: only A's first update (green) has happened.
    earlier = selectors.action_rag_summary(as_at=date(2008, 5, 31))
    assert earlier.by_rag == {"red": 0, "amber": 0, "green": 1, "not_rated": 4}
    # On 31 July: B is done and green.
    later = selectors.action_rag_summary(as_at=date(2008, 7, 31))
    assert later.by_rag == {"red": 1, "amber": 1, "green": 1, "not_rated": 2}
    assert later.by_status["done"] == 1


def test_rag_summary_covers_plans_running_on_the_date(plan):
    assert selectors.action_rag_summary(as_at=date(2009, 4, 1)).total == 0
    assert selectors.action_rag_summary(as_at=date(2009, 3, 31)).total == 5
