"""Who may update an action (``selectors.action_can_update``), role by role."""

from datetime import date

import pytest

from yjhub.accounts.services import user_create
from yjhub.actions import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    from yjhub.casedata.models import Service, Team

    service = Service.objects.create(service_id="S1", name="A service", nation="E")
    north = Team.objects.create(team_id="N", service=service, name="North")
    south = Team.objects.create(team_id="S", service=service, name="South")
    return north, south


def _user(name, role, team=None):
    return user_create(username=name, password="correct horse battery", role=role,
                       team_id=team.pk if team else None)


def _action(*leads):
    plan = services.plan_create(user=None, title="P", starts_on=date(2008, 4, 1),
                                ends_on=date(2009, 3, 31))
    return services.action_create(user=None, plan=plan, text="Do it", leads=list(leads))


def test_who_may_update(teams):
    north, south = teams
    manager = _user("manager", "team_manager", north)
    colleague = _user("colleague", "practitioner", north)
    elsewhere = _user("elsewhere", "practitioner", south)
    by_team = _action(services.lead_create(user=None, role="North lead", team_id="N"))
    by_manager = _action(services.lead_create(user=None, name="M", lead_user=manager))
    by_colleague = _action(services.lead_create(user=None, name="C", lead_user=colleague))
    by_other = _action(services.lead_create(user=None, name="E", lead_user=elsewhere),
                       services.lead_create(user=None, role="South lead", team_id="S"))
    unled = _action()
    can = selectors.action_can_update
    assert [can(user=manager, action=a) for a in (by_team, by_manager, by_colleague, by_other,
                                                  unled)] == [True, True, True, False, False]
    # A practitioner updates nothing, even what they lead; managers of the service, anything.
    assert not can(user=colleague, action=by_colleague)
    head = _user("head", "head_of_service")
    officer = _user("officer", "performance_officer")
    assert can(user=head, action=unled) and can(user=officer, action=by_other)
    assert not can(user=_user("board", "board_member"), action=by_team)


def test_a_sub_item_is_led_by_its_activitys_leads(teams):
    north, _ = teams
    manager = _user("manager", "team_manager", north)
    lead = services.lead_create(user=None, role="North lead", team_id="N")
    activity = _action(lead)
    sub = services.action_create(user=None, plan=activity.plan, parent=activity, number="a",
                                 text="Sub-item")
    assert selectors.action_leads(sub) == [lead]
    assert selectors.action_can_update(user=manager, action=sub)
    queryset = selectors.actions_all(plan=activity.plan)
    assert set(selectors.actions_for_team(queryset, team_id="N")) == {activity, sub}
    assert set(selectors.actions_for_lead(queryset, lead=lead)) == {activity, sub}
    assert [(lead_.role, [a.text for a in items]) for lead_, items in
            selectors.actions_by_lead(queryset)] == [("North lead", ["Do it", "Sub-item"])]
