import pytest
from django.contrib.auth import authenticate

from yjhub.accounts.models import RoleAssignment, User
from yjhub.accounts.roles import ROLES
from yjhub.accounts.services import demo_logins_ensure, user_create
from yjhub.casedata.models import Service, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    Service.objects.create(service_id="S1", name="Somewhere", nation="england")
    return Team.objects.create(team_id="T1", service_id="S1", name="North")


def test_one_login_per_role_each_able_to_sign_in(team):
    logins = demo_logins_ensure(team_id="T1", staff_id="ST1")
    assert sorted(d.role for d in logins) == sorted(ROLES)
    for login in logins:
        assert authenticate(username=login.username, password=login.password) is not None
    practitioner = User.objects.get(username="demo-practitioner")
    assert practitioner.staff_id == "ST1"
    assert practitioner.role_names() == {"practitioner"}
    assert RoleAssignment.objects.get(user=practitioner).team_id == "T1"
    assert RoleAssignment.objects.get(user__username="demo-board-member").team_id is None


def test_running_again_creates_nothing_and_keeps_passwords(team):
    first = demo_logins_ensure(team_id="T1")
    assert demo_logins_ensure(team_id="T1") == []
    assert authenticate(username=first[0].username, password=first[0].password)


def test_passwords_differ_between_logins(team):
    logins = demo_logins_ensure(team_id="T1")
    assert len({d.password for d in logins}) == len(logins)


def test_team_roles_need_a_team_and_service_roles_take_none(team):
    with pytest.raises(ValueError, match="needs"):
        user_create(username="p", password="x" * 16, role="practitioner")
    with pytest.raises(ValueError, match="takes no"):
        user_create(username="b", password="x" * 16, role="board_member", team_id="T1")
