"""The administrator's screens: users, invitations, roles, disabling, second-factor reset and
unlocking; each change in the audit trail. Administrators see no case data."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.web.test_accounts import PASSWORD, code_for, password_step
from yjhub.accounts.models import Invitation, RoleAssignment, User
from yjhub.accounts.roles import ROLES
from yjhub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _user(role):
    return User.objects.get(username=f"test-{role}")


@pytest.fixture
def admin(client_as):
    return client_as("administrator")


def _events(user):
    return AuditEvent.objects.filter(table="user", record_id=str(user.pk)).order_by("id")


# --- Who may open them --------------------------------------------------------------------


@pytest.mark.parametrize("role", sorted(set(ROLES) - {"administrator"}))
def test_only_administrators_manage_users(client_as, role):
    client = client_as(role)
    target = _user("board_member").pk
    for url in ("/users/", "/users/invite/", f"/users/{target}/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/users/{target}/", {"action": "disable"}).status_code == 403
    assert _user("board_member").is_active


def test_an_administrator_sees_no_case_data(admin, demo):
    for url in ("/caseload/", "/caseload/export/", "/children/", f"/children/{demo.child_in_team}/",
                f"/children/{demo.child_elsewhere}/", "/data-quality/", "/",
                "/indicators/", "/audit/"):
        page = admin.get(url)
        assert page.status_code == 403, url
        assert demo.child_in_team not in page.content.decode()
    nav = admin.get("/users/").content.decode()
    assert 'href="/users/"' in nav
    assert 'href="/caseload/"' not in nav and 'href="/children/"' not in nav


# --- The list -----------------------------------------------------------------------------


def test_users_list_shows_roles_teams_last_sign_in_and_status(admin, demo):
    from yjhub.casedata.models import Team

    manager = _user("team_manager")
    manager.last_login = timezone.make_aware(dt.datetime(2026, 3, 4, 15, 5))
    manager.save()
    board = _user("board_member")
    board.is_active = False
    board.save()
    page = admin.get("/users/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>Users – yjhub</title>" in html
    assert re.search(r'<caption class="govuk-table__caption govuk-table__caption--m">\d+ users',
                     html)
    team_name = Team.objects.get(team_id=demo.team_id).name
    row = re.search(rf'<tr class="govuk-table__row">\s*<th scope="row"[^>]*><a [^>]*href="/users/'
                    rf'{manager.pk}/">.*?</tr>', html, re.S).group(0)
    assert f"Team manager, {team_name}" in row
    assert "4 Mar 2026, 3:05pm" in row
    assert "govuk-tag--green\">Active<" in row
    board_row = re.search(rf'href="/users/{board.pk}/">.*?</tr>', html, re.S).group(0)
    assert "Disabled" in board_row and "Never" in board_row


def test_users_list_pages_with_the_same_queries_however_many_users(admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from yjhub.accounts.services import user_create

    admin.get("/users/")  # once first, so what is cached for a minute is cached
    with CaptureQueriesContext(connection) as few:
        admin.get("/users/")
    for i in range(60):
        user_create(username=f"bulk-{i:02d}", password=PASSWORD, role="board_member")
    admin.get("/users/")  # the cached site name may have expired while the users were made
    with CaptureQueriesContext(connection) as many:
        first = admin.get("/users/")
    assert len(many) == len(few)  # no query per user
    html = first.content.decode()
    assert html.count('<tr class="govuk-table__row">') == 1 + 50  # header row + 50 users
    assert 'aria-label="Pagination"' in html
    second = admin.get("/users/?page=2").content.decode()
    total = User.objects.count()
    assert second.count('<tr class="govuk-table__row">') == 1 + total - 50


def test_a_locked_user_shows_as_locked(admin):
    for _ in range(5):
        password_step(Client(), "test-practitioner", "wrong")
    html = admin.get("/users/").content.decode()
    row = re.search(rf'href="/users/{_user("practitioner").pk}/">.*?</tr>', html, re.S).group(0)
    assert "govuk-tag--red\">Locked<" in row


# --- Inviting -----------------------------------------------------------------------------


def _invite(admin, **changes):
    data = {"first_name": "Rhian", "last_name": "Powell", "username": "rpowell",
            "email": "rhian.powell@example.org", "role": "board_member", "team": ""}
    data.update(changes)
    return admin.post("/users/invite/", data)


def test_invitation_journey_end_to_end(admin, demo, mailoutbox):
    page = admin.get("/users/invite/")
    assert page.status_code == 200
    invited = _invite(admin, role="practitioner", team=demo.team_id)
    assert invited.status_code == 200
    html = invited.content.decode()
    link = re.search(r'<p class="govuk-body yj-link" id="invitation-link">(http://testserver'
                     r'/invitation/([A-Za-z0-9_-]{43})/)</p>', html)
    assert link, html
    url, token = link.group(1), link.group(2)
    assert "This is the only time you will see this link" in html
    assert "It has also been emailed to rhian.powell@example.org." in html
    assert "no-store" in invited["Cache-Control"]

    user = User.objects.get(username="rpowell")
    assert (user.first_name, user.last_name, user.email) == ("Rhian", "Powell",
                                                             "rhian.powell@example.org")
    assert not user.has_usable_password()
    assert [(a.role, a.team_id) for a in user.role_assignments.all()] == [("practitioner",
                                                                            demo.team_id)]
    invitation = Invitation.objects.get(user=user)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=7)
    assert not Invitation.objects.filter(token_hash=token).exists()  # only the hash is kept
    [mail] = mailoutbox
    assert mail.to == ["rhian.powell@example.org"] and url in mail.body
    assert "Your username: rpowell" in mail.body
    [event] = _events(user)
    assert event.action == "create" and event.actor_name == "test-administrator"
    assert event.changes == {"username": [None, "rpowell"], "name": [None, "Rhian Powell"],
                             "email": [None, "rhian.powell@example.org"],
                             "roles": [[], [f"practitioner (team {demo.team_id})"]]}
    assert token not in str(event.changes) and token not in event.detail

    # The invitee opens the link in their own browser.
    invitee = Client()
    form = invitee.get(f"/invitation/{token}/")
    assert form.status_code == 200
    assert form["Referrer-Policy"] == "same-origin"  # the secret link never goes elsewhere
    assert "rpowell" in form.content.decode()
    mismatch = invitee.post(f"/invitation/{token}/", {"new_password1": "a quiet harbour town",
                                                      "new_password2": "a quiet harbor town"})
    assert "The passwords do not match" in mismatch.content.decode()
    weak = invitee.post(f"/invitation/{token}/", {"new_password1": "rpowell",
                                                  "new_password2": "rpowell"})
    assert 'href="#id_new_password1">This password is too short' in weak.content.decode()
    done = invitee.post(f"/invitation/{token}/", {"new_password1": "a quiet harbour town",
                                                  "new_password2": "a quiet harbour town"})
    assert done.status_code == 302 and done.url == "/sign-in/set-up-second-factor/"
    user.refresh_from_db()
    assert user.check_password("a quiet harbour town")
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    assert _events(user).last().changes == {"password": ["not set", "set"]}

    invitee.get("/sign-in/set-up-second-factor/")
    device = TOTPDevice.objects.get(user=user)
    finished = invitee.post("/sign-in/set-up-second-factor/", {"code": code_for(device)})
    assert finished.status_code == 302 and finished.url == "/"
    assert invitee.get("/caseload/").status_code == 200

    # The link works once.
    reused = Client().get(f"/invitation/{token}/")
    assert reused.status_code == 404
    assert "This link does not work" in reused.content.decode()


def test_an_expired_or_unknown_invitation_link_does_not_work(admin, client):
    invited = _invite(admin)
    token = re.search(r"/invitation/([A-Za-z0-9_-]+)/", invited.content.decode()).group(1)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(f"/invitation/{token}/").status_code == 404
    assert client.post(f"/invitation/{token}/", {"new_password1": "a quiet harbour town",
                                                 "new_password2": "a quiet harbour town"}
                       ).status_code == 404
    assert not User.objects.get(username="rpowell").has_usable_password()
    assert client.get("/invitation/not-a-token/").status_code == 404


@pytest.mark.parametrize("changes, field, message", [
    ({"role": "practitioner", "team": ""}, "team", "Choose the team of this practitioner"),
    ({"role": "team_manager", "team": ""}, "team", "Choose the team of this team manager"),
    ({"role": "chief_constable"}, "role",
     "Choose one of the roles listed (chief_constable is not one)"),
    ({"role": ""}, "role", "Choose a role"),
    ({"username": "r powell"}, "username",
     "The username &quot;r powell&quot; can only have letters, digits and the characters "
     "@ . + - _ (no spaces)"),
    ({"username": "TEST-BOARD_MEMBER"}, "username",
     "There is already a user called &quot;TEST-BOARD_MEMBER&quot;: choose another username"),
    ({"email": "rhian at example"}, "email", "Enter an email address like name@example.org"),
    ({"first_name": ""}, "first_name", "Enter their first name"),
])
def test_invite_errors_name_the_field_and_write_nothing(admin, changes, field, message,
                                                        mailoutbox):
    before = User.objects.count()
    page = _invite(admin, **changes)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<a href="#id_{field}">{message}</a>' in html, html[:3000]
    assert User.objects.count() == before
    assert not Invitation.objects.exists() and not mailoutbox
    assert not AuditEvent.objects.filter(table="user").exists()


def test_a_team_for_a_service_role_is_ignored(admin, demo):
    _invite(admin, role="head_of_service", team=demo.team_id)
    assert [(a.role, a.team_id) for a in RoleAssignment.objects.filter(
        user__username="rpowell")] == [("head_of_service", None)]


def test_a_new_link_replaces_the_old_one(admin, mailoutbox):
    first = _invite(admin)
    old_token = re.search(r"/invitation/([A-Za-z0-9_-]+)/", first.content.decode()).group(1)
    user = User.objects.get(username="rpowell")
    renewed = admin.post(f"/users/{user.pk}/", {"action": "new_link"})
    assert renewed.status_code == 200
    new_token = re.search(r"/invitation/([A-Za-z0-9_-]+)/", renewed.content.decode()).group(1)
    assert new_token != old_token
    assert Client().get(f"/invitation/{old_token}/").status_code == 404
    assert Client().get(f"/invitation/{new_token}/").status_code == 200
    assert len(mailoutbox) == 2 and "Set a new password" in mailoutbox[1].subject
    assert list(_events(user).values_list("action", flat=True)) == ["create", "update"]


# --- Roles --------------------------------------------------------------------------------


def test_user_detail_shows_the_account(admin, demo):
    practitioner = _user("practitioner")
    page = admin.get(f"/users/{practitioner.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<dt class=\"govuk-summary-list__key\">Authenticator app</dt>" in html
    assert "Set up" in html and demo.staff_id in html
    assert f"({demo.team_id})" in html
    assert admin.get("/users/999999/").status_code == 404


def test_adding_and_removing_roles_is_audited(admin, demo):
    board = _user("board_member")
    added = admin.post(f"/users/{board.pk}/", {"action": "role_add", "role": "team_manager",
                                               "team": demo.other_team_id})
    assert added.status_code == 302 and added.url == f"/users/{board.pk}/"
    assert board.role_names() == {"board_member", "team_manager"}
    assert f"now has the role team manager in team {demo.other_team_id}." in \
        admin.get(added.url).content.decode()
    [event] = _events(board)
    assert event.action == "update" and event.actor_name == "test-administrator"
    assert event.changes == {"roles": [["board_member"], sorted(
        ["board_member", f"team_manager (team {demo.other_team_id})"])]}
    assert event.ip_address == "127.0.0.1" and event.path == f"/users/{board.pk}/"

    assignment = board.role_assignments.get(role="board_member")
    removed = admin.post(f"/users/{board.pk}/", {"action": "role_remove",
                                                 "assignment": assignment.pk})
    assert removed.status_code == 302
    assert board.role_names() == {"team_manager"}
    assert _events(board).last().changes == {"roles": [
        sorted(["board_member", f"team_manager (team {demo.other_team_id})"]),
        [f"team_manager (team {demo.other_team_id})"]]}


def test_a_team_role_needs_a_team_from_the_team_table(admin, demo):
    board = _user("board_member")
    page = admin.post(f"/users/{board.pk}/", {"action": "role_add", "role": "practitioner",
                                              "team": ""})
    assert page.status_code == 200
    assert '<a href="#id_team">Choose the team of this practitioner</a>' in \
        page.content.decode()
    page = admin.post(f"/users/{board.pk}/", {"action": "role_add", "role": "practitioner",
                                              "team": "NO-SUCH-TEAM"})
    assert "Choose one of the teams listed (NO-SUCH-TEAM is not one)" in page.content.decode()
    assert board.role_names() == {"board_member"}
    assert not _events(board).exists()


def test_the_same_role_twice_is_refused(admin):
    board = _user("board_member")
    page = admin.post(f"/users/{board.pk}/", {"action": "role_add", "role": "board_member"})
    assert "test-board_member already has the role board_member" in page.content.decode()
    assert board.role_assignments.count() == 1


def test_an_administrator_cannot_remove_their_own_administrator_role(admin):
    me = _user("administrator")
    page = admin.get(f"/users/{me.pk}/").content.decode()
    assert "Your own: another administrator can remove it" in page
    assert 'value="disable"' not in page
    assignment = me.role_assignments.get(role="administrator")
    refused = admin.post(f"/users/{me.pk}/", {"action": "role_remove",
                                              "assignment": assignment.pk})
    assert refused.status_code == 302
    assert "You cannot remove your own administrator role" in \
        admin.get(refused.url).content.decode()
    assert me.role_names() == {"administrator"}
    # Nor give themselves case access.
    added = admin.post(f"/users/{me.pk}/", {"action": "role_add", "role": "head_of_service"})
    assert "You cannot add roles to your own account: ask another administrator" in \
        admin.get(added.url).content.decode()
    assert me.role_names() == {"administrator"}
    assert not _events(me).exists()


def test_an_administrator_cannot_disable_themselves(admin):
    me = _user("administrator")
    refused = admin.post(f"/users/{me.pk}/", {"action": "disable"})
    assert "You cannot disable your own account" in admin.get(refused.url).content.decode()
    me.refresh_from_db()
    assert me.is_active


def test_another_administrator_may_remove_an_administrator_role(admin):
    from yjhub.accounts.services import user_create

    other = user_create(username="second-admin", password=PASSWORD, role="administrator")
    assignment = other.role_assignments.get()
    admin.post(f"/users/{other.pk}/", {"action": "role_remove", "assignment": assignment.pk})
    assert other.role_names() == set()


# --- Disable, reset the second factor, unlock ---------------------------------------------


def test_disabling_signs_them_out_and_enabling_lets_them_back(admin, client_as):
    manager = _user("team_manager")
    their_session = client_as("team_manager")
    assert their_session.get("/caseload/").status_code == 200
    admin.post(f"/users/{manager.pk}/", {"action": "disable"})
    manager.refresh_from_db()
    assert not manager.is_active
    assert their_session.get("/caseload/").url == "/sign-in/?next=/caseload/"
    assert password_step(Client(), manager.username).status_code == 200  # refused
    assert _events(manager).last().changes == {"is_active": [True, False]}
    admin.post(f"/users/{manager.pk}/", {"action": "enable"})
    manager.refresh_from_db()
    assert manager.is_active
    assert _events(manager).last().changes == {"is_active": [False, True]}
    assert password_step(Client(), manager.username).status_code == 302


def test_resetting_the_second_factor_makes_them_set_it_up_again(admin, client_as):
    manager = _user("team_manager")
    their_session = client_as("team_manager")
    done = admin.post(f"/users/{manager.pk}/", {"action": "second_factor_reset"})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=manager).exists()
    assert their_session.get("/caseload/").url == "/sign-in/second-factor/"
    assert their_session.get("/sign-in/second-factor/").url == "/sign-in/set-up-second-factor/"
    assert _events(manager).last().changes == {"second_factor": ["set up", "not set up"]}
    fresh = Client()
    assert password_step(fresh, manager.username).url == "/sign-in/set-up-second-factor/"


def test_unlocking_a_locked_account(admin):
    practitioner = _user("practitioner")
    for _ in range(5):
        password_step(Client(), practitioner.username, "wrong")
    assert password_step(Client(), practitioner.username).status_code == 429
    page = admin.get(f"/users/{practitioner.pk}/").content.decode()
    assert 'value="unlock"' in page and "Locked" in page
    admin.post(f"/users/{practitioner.pk}/", {"action": "unlock"})
    assert _events(practitioner).last().changes == {"locked": [True, False]}
    client = Client()
    assert password_step(client, practitioner.username).status_code == 302
    device = practitioner.totpdevice_set.get()
    assert client.post("/sign-in/second-factor/", {"code": code_for(device)}).url == "/"


def test_an_unknown_action_changes_nothing(admin):
    board = _user("board_member")
    response = admin.post(f"/users/{board.pk}/", {"action": "make_superuser"})
    assert "Unknown action" in admin.get(response.url).content.decode()
    board.refresh_from_db()
    assert not board.is_superuser and not _events(board).exists()
