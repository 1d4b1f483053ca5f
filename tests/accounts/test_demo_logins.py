import pytest
from django.contrib.auth import authenticate as django_authenticate
from django.test import RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from yjhub.accounts.models import RoleAssignment, User
from yjhub.accounts.roles import ROLES
from yjhub.accounts.services import demo_logins_ensure, user_create
from yjhub.audit.models import AuditEvent
from yjhub.casedata.models import Service, Team

pytestmark = pytest.mark.django_db


def authenticate(**credentials):
    """As the sign-in page does: with a request, which django-axes needs to count failures."""
    return django_authenticate(RequestFactory().post("/sign-in/"), **credentials)


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


def test_each_login_has_a_confirmed_authenticator_key_printed_in_base32(team):
    from base64 import b32decode

    logins = demo_logins_ensure(team_id="T1")
    for login in logins:
        device = TOTPDevice.objects.get(user__username=login.username)
        assert device.confirmed
        assert len(login.totp_secret) == 32  # 20 bytes in base32
        assert b32decode(login.totp_secret) == device.bin_key
        # An authenticator app given the key shows a code the device accepts.
        code = totp(b32decode(login.totp_secret), step=30, t0=0, digits=6)
        assert device.verify_token(f"{code:06d}")
    assert len({d.totp_secret for d in logins}) == len(logins)


def test_an_existing_demo_user_without_a_key_gets_one_and_keeps_their_password(team):
    first = {d.username: d for d in demo_logins_ensure(team_id="T1")}
    TOTPDevice.objects.filter(user__username="demo-board-member").delete()
    again = demo_logins_ensure(team_id="T1")
    assert [(d.username, d.password) for d in again] == [("demo-board-member", None)]
    assert TOTPDevice.objects.get(user__username="demo-board-member").confirmed
    assert authenticate(username="demo-board-member",
                        password=first["demo-board-member"].password)


def test_making_the_demo_logins_is_in_the_audit_trail(team):
    demo_logins_ensure(team_id="T1")
    events = AuditEvent.objects.filter(table="user", action="create")
    assert events.count() == len(ROLES)
    event = events.get(record_id=str(User.objects.get(username="demo-team-manager").pk))
    assert event.actor_name == "yjhub setup --demo"
    assert event.changes == {"username": [None, "demo-team-manager"],
                             "roles": [[], ["team_manager (team T1)"]]}


# --- yjhub otp-code -----------------------------------------------------------------------


@pytest.fixture
def debug_mode(settings, monkeypatch):
    monkeypatch.setenv("YJHUB_DEBUG", "1")
    settings.DEBUG = True


def test_otp_code_prints_the_code_the_app_would_show(team, debug_mode, capsys):
    from yjhub.cli.main import main

    demo_logins_ensure(team_id="T1")
    device = TOTPDevice.objects.get(user__username="demo-head-of-service")
    assert main(["otp-code", "demo-head-of-service"]) == 0
    out, err = capsys.readouterr()
    code = out.strip()
    assert code == f"{totp(device.bin_key, 30, 0, 6, device.drift):06d}"
    assert "valid for" in err
    assert device.verify_token(code)


def test_otp_code_refuses_a_user_who_is_not_a_demo_login(team, debug_mode, capsys):
    from yjhub.cli.main import main

    user = user_create(username="real-person", password="x" * 16, role="board_member")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    assert main(["otp-code", "real-person"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "'real-person' is not a demo login" in err


def test_otp_code_refuses_outside_development(team, settings, monkeypatch, capsys):
    from yjhub.cli.main import main

    demo_logins_ensure(team_id="T1")
    monkeypatch.setenv("YJHUB_DEBUG", "0")
    assert main(["otp-code", "demo-practitioner"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "only for development: set YJHUB_DEBUG=1" in err
    monkeypatch.setenv("YJHUB_DEBUG", "1")
    settings.DEBUG = False
    assert main(["otp-code", "demo-practitioner"]) == 2
    assert "the app is not in debug mode" in capsys.readouterr().err


def test_otp_code_for_a_demo_login_not_made_yet(team, debug_mode, capsys):
    from yjhub.cli.main import main

    assert main(["otp-code", "demo-practitioner"]) == 2
    assert "run `yjhub setup --demo` first" in capsys.readouterr().err
