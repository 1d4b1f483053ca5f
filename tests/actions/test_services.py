"""Writing action plans: every change audited with old -> new; carrying forward."""

from datetime import date

import pytest

from yjhub.actions import services
from yjhub.actions.models import Action, Plan
from yjhub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return services.plan_create(user=None, title="Youth Justice Plan 2008-09",
                                starts_on=date(2008, 4, 1), ends_on=date(2009, 3, 31))


def test_action_create_reads_the_deadline_and_is_audited(plan):
    lead = services.lead_create(user=None, role="Head of Service")
    action = services.action_create(user=None, plan=plan, text="Review the SLA",
                                    deadline="Mid June", leads=[lead],
                                    enabler="partnership_working", indicator_ids=["kpi2023.ete"])
    assert (action.deadline_kind, action.due_on) == ("month", date(2008, 6, 15))
    event = AuditEvent.objects.get(table="action", record_id=str(action.pk))
    assert event.action == "create"
    assert event.changes["deadline_text"] == [None, "Mid June"]
    assert event.changes["due_on"] == [None, "2008-06-15"]
    assert event.changes["leads"] == [None, [lead.pk]]


def test_unknown_values_are_refused(plan):
    with pytest.raises(services.ActionError, match='Enabler "morale"'):
        services.action_create(user=None, plan=plan, text="x", enabler="morale")
    with pytest.raises(services.ActionError, match='Indicator "kpi2023.nope"'):
        services.action_create(user=None, plan=plan, text="x", indicator_ids=["kpi2023.nope"])
    with pytest.raises(services.ActionError, match="completed"):
        services.action_create(user=None, plan=plan, text="x", status="done")
    assert not Action.objects.exists()


def test_action_update_records_old_and_new(plan):
    action = services.action_create(user=None, plan=plan, text="Review", deadline="July 2008")
    services.action_update(user=None, action=action, deadline="End of September 2008",
                           risks="Staff time", text="Review")
    event = AuditEvent.objects.filter(table="action", action="update").get()
    # Both deadlines are months, so the kind does not change and is not recorded.
    assert event.changes == {"risks": ["", "Staff time"],
                             "deadline_text": ["July 2008", "End of September 2008"],
                             "due_on": ["2008-07-31", "2008-09-30"]}
    assert "text" not in event.changes  # unchanged values are not recorded
    action.refresh_from_db()
    assert action.due_on == date(2008, 9, 30)


def test_progress_updates_set_the_latest_state(plan):
    action = services.action_create(user=None, plan=plan, text="Review", deadline="July 2008")
    services.progress_update_create(user=None, action=action, on=date(2008, 6, 1),
                                    status="in_progress", rag="amber")
    services.progress_update_create(user=None, action=action, on=date(2008, 7, 20),
                                    status="done", rag="green", note="Agreed by the board")
    # A back-dated update goes into the history but does not override the later one.
    services.progress_update_create(user=None, action=action, on=date(2008, 5, 1),
                                    status="in_progress", rag="red")
    action.refresh_from_db()
    assert (action.status, action.rag, action.completed_on) == ("done", "green",
                                                                date(2008, 7, 20))
    assert [u.on for u in action.updates.all()] == [date(2008, 7, 20), date(2008, 6, 1),
                                                    date(2008, 5, 1)]
    events = AuditEvent.objects.filter(table="action_progress").order_by("id")
    assert events.count() == 3
    assert events[1].changes["action.status"] == ["in_progress", "done"]
    assert events[1].changes["action.completed_on"] == [None, "2008-07-20"]


def test_improvement_plan_submission_is_due_four_weeks_after_publication():
    # Kent's report was published on 7 May 2008: the plan is due 4 June 2008 (7 May + 28 days).
    plan = services.plan_create(user=None, title="Kent", kind="improvement_plan",
                                starts_on=date(2008, 4, 1), ends_on=date(2009, 3, 31),
                                report_published_on=date(2008, 5, 7))
    assert plan.submission_due_on == date(2008, 6, 4)


def test_carry_forward_copies_unfinished_actions_and_links_back(plan):
    lead = services.lead_create(user=None, name="Glan Hopkin", role="Head of Service")
    rec_plan = services.plan_create(user=None, title="Improvement plan", kind="improvement_plan",
                                    starts_on=date(2008, 4, 1), ends_on=date(2009, 3, 31))
    rec = services.recommendation_create(user=None, plan=rec_plan, number="2",
                                         text="The most appropriate children are targeted")
    done = services.action_create(user=None, plan=rec_plan, recommendation=rec, number="1",
                                  text="Revised prevention model", deadline="November")
    services.progress_update_create(user=None, action=done, on=date(2008, 11, 20),
                                    status="done", rag="green")
    open_one = services.action_create(user=None, plan=rec_plan, recommendation=rec, number="5",
                                      text="Monitoring in each District",
                                      deadline="February 2009", leads=[lead],
                                      success_criteria="ONSET scores aligned")
    sub = services.action_create(user=None, plan=rec_plan, recommendation=rec, parent=open_one,
                                 number="a", text="Pilot in two Districts", deadline="Ongoing")
    dropped = services.action_create(user=None, plan=rec_plan, recommendation=rec, number="6",
                                     text="Dropped one", status="dropped")
    services.progress_update_create(user=None, action=open_one, on=date(2009, 3, 1),
                                    status="in_progress", rag="amber")

    new = services.plan_carry_forward(user=None, plan=rec_plan, title="Operating plan 2009-10",
                                      starts_on=date(2009, 4, 1), ends_on=date(2010, 3, 31))

    assert new.previous == rec_plan and new.kind == "action_plan"
    copies = list(new.actions.order_by("position"))
    assert [c.text for c in copies] == ["Monitoring in each District", "Pilot in two Districts"]
    first, second = copies
    assert first.carried_from == open_one and second.carried_from == sub
    assert second.parent == first  # the sub-item stays under its activity
    assert first.objective == "2. The most appropriate children are targeted"
    assert list(first.linked_recommendations.all()) == [rec]
    assert rec_plan in first.linked_plans.all()
    assert list(first.leads.all()) == [lead]
    assert (first.status, first.rag, first.success_criteria) == ("in_progress", "amber",
                                                                 "ONSET scores aligned")
    # "February 2009" is kept as written, and still due 28 February 2009 (now overdue).
    assert (first.deadline_text, first.due_on) == ("February 2009", date(2009, 2, 28))
    open_one.refresh_from_db()
    done.refresh_from_db()
    dropped.refresh_from_db()
    assert open_one.status == "carried_forward"
    assert done.status == "done" and dropped.status == "dropped"
    assert Plan.objects.count() == 3
    summary = AuditEvent.objects.filter(table="action_plan", record_id=str(rec_plan.pk),
                                        action="update").get()
    assert summary.changes["carried_forward"][1] == {"into": new.pk,
                                                     "actions": sorted([open_one.pk, sub.pk])}
