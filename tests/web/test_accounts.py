"""Signing in (password, then a code from an authenticator app), lockout, setting up the app,
signing out, idle expiry and changing one's password."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from yjhub.accounts.models import User
from yjhub.accounts.services import user_create
from yjhub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # the test users' (tests/web/conftest.py)
WRONG_LOGIN = "Your username or password is not right. Check them and try again."
WRONG_CODE = "The code is not right. Enter the code your authenticator app shows now."


def code_for(device: TOTPDevice, *, ahead: int = 0) -> str:
    """The code the user's app shows now (or ``ahead`` steps later, for a second sign-in within
    the same 30 seconds: each code works once)."""
    return f"{totp(device.bin_key, device.step, device.t0 - ahead * device.step, device.digits, device.drift):06d}"  # noqa: E501


def wrong_code(device: TOTPDevice) -> str:
    right = {code_for(device, ahead=a) for a in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in right)


def password_step(client: Client, username: str, password: str = PASSWORD, next_url=None):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/sign-in/", data)


@pytest.fixture
def no_throttle(settings):
    """django-otp waits 1, 2, 4... seconds after each wrong code; off where a test sends wrong
    codes in a row (the throttle has a test of its own)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def _user(role="practitioner"):
    return User.objects.get(username=f"test-{role}")


def _verified(client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session


# --- The whole sign-in -------------------------------------------------------------------


def test_sign_in_page_is_public_and_asks_for_username_and_password(client):
    page = client.get("/sign-in/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>Sign in – yjhub</title>" in html
    assert 'name="username"' in html and 'autocomplete="username"' in html
    assert 'type="password"' in html and 'autocomplete="current-password"' in html


def test_sign_in_with_password_then_code_reaches_the_page_asked_for(client):
    device = _user().totpdevice_set.get()
    asked = client.get("/caseload/")
    assert asked.status_code == 302 and asked.url == "/sign-in/?next=/caseload/"
    form = client.get(asked.url).content.decode()
    assert 'name="next" value="/caseload/"' in form

    after_password = password_step(client, "test-practitioner", next_url="/caseload/")
    assert after_password.status_code == 302
    assert after_password.url == "/sign-in/second-factor/?next=%2Fcaseload%2F"
    assert not _verified(client)
    # With the password alone, every other page sends them to the code.
    held = client.get("/caseload/")
    assert held.status_code == 302 and held.url == "/sign-in/second-factor/"
    assert client.get("/sign-in/second-factor/").status_code == 200

    done = client.post("/sign-in/second-factor/", {"code": code_for(device),
                                                    "next": "/caseload/"})
    assert done.status_code == 302 and done.url == "/caseload/"
    assert _verified(client)
    assert client.get("/caseload/").status_code == 200
    device.refresh_from_db()
    assert device.last_used_at is not None


def test_a_code_typed_with_spaces_works(client):
    device = _user("board_member").totpdevice_set.get()
    password_step(client, "test-board_member")
    code = code_for(device)
    done = client.post("/sign-in/second-factor/", {"code": f" {code[:3]} {code[3:]} "})
    assert done.status_code == 302 and done.url == "/"


def test_after_both_factors_each_role_lands_on_a_page_it_may_open(client):
    for role, landing in [("board_member", "/"), ("administrator", "/users/"),
                          ("case_auditor", "/children/")]:
        c = Client()
        user = _user(role)
        password_step(c, user.username)
        done = c.post("/sign-in/second-factor/", {"code": code_for(user.totpdevice_set.get())})
        assert done.url == landing, role


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x",
                                      "javascript:alert(1)"])
def test_a_next_page_elsewhere_is_ignored(client, next_url):
    device = _user().totpdevice_set.get()
    after = password_step(client, "test-practitioner", next_url=next_url)
    assert after.url == "/sign-in/second-factor/"
    done = client.post("/sign-in/second-factor/", {"code": code_for(device), "next": next_url})
    assert done.url == "/"


def test_a_new_session_id_after_each_factor(client):
    client.get("/sign-in/")
    password_step(client, "test-practitioner")
    after_password = client.cookies["sessionid"].value
    client.post("/sign-in/second-factor/", {"code": code_for(_user().totpdevice_set.get())})
    assert client.cookies["sessionid"].value != after_password


# --- Wrong answers ------------------------------------------------------------------------


def test_wrong_password_and_unknown_username_get_the_same_error(client):
    wrong = password_step(client, "test-practitioner", "not the password")
    unknown = password_step(Client(), "nobody-at-all", "not the password")
    for page in (wrong, unknown):
        assert page.status_code == 200
        html = page.content.decode()
        assert WRONG_LOGIN in html
        assert 'class="govuk-error-summary"' in html
        assert '<a href="#id_username">' + WRONG_LOGIN in html
        assert "(error)" in html.split("</title>")[0]
    assert "_auth_user_id" not in client.session


def test_empty_answers_say_what_is_missing(client):
    html = client.post("/sign-in/", {"username": "", "password": ""}).content.decode()
    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html


def test_a_disabled_account_gets_the_same_error_as_a_wrong_password(client):
    user = _user("board_member")
    user.is_active = False
    user.save()
    assert WRONG_LOGIN in password_step(client, user.username).content.decode()


def test_wrong_code_keeps_them_at_the_code(client, no_throttle):
    device = _user().totpdevice_set.get()
    password_step(client, "test-practitioner")
    page = client.post("/sign-in/second-factor/", {"code": wrong_code(device)})
    assert page.status_code == 200
    html = page.content.decode()
    assert WRONG_CODE in html and '<a href="#id_code">' in html
    assert not _verified(client)
    assert client.get("/").url == "/sign-in/second-factor/"


@pytest.mark.parametrize("typed, message", [
    ("", "Enter the 6-digit code from your authenticator app"),
    ("12345", "The code must be 6 digits, like 123456"),
    ("12a456", "The code must be 6 digits, like 123456"),
])
def test_a_code_of_the_wrong_shape_is_explained(client, typed, message):
    password_step(client, "test-practitioner")
    html = client.post("/sign-in/second-factor/", {"code": typed}).content.decode()
    assert message in html


def test_a_code_works_once(client):
    device = _user().totpdevice_set.get()
    code = code_for(device)
    password_step(client, "test-practitioner")
    client.post("/sign-in/second-factor/", {"code": code})
    other = Client()
    password_step(other, "test-practitioner")
    again = other.post("/sign-in/second-factor/", {"code": code})
    assert WRONG_CODE in again.content.decode()


def test_codes_too_fast_after_a_wrong_one_are_told_to_wait(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 30  # 30 s after the first wrong code (1 s by default)
    device = _user().totpdevice_set.get()
    password_step(client, "test-practitioner")
    client.post("/sign-in/second-factor/", {"code": wrong_code(device)})
    page = client.post("/sign-in/second-factor/", {"code": code_for(device)})
    html = page.content.decode()
    assert re.search(r"You entered a wrong code just now\. Wait (30|29|28) seconds, then enter",
                     html)
    assert not _verified(client)


# --- Lockout ------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_for_an_hour(client):
    for attempt in range(1, 5):
        page = password_step(client, "test-practitioner", f"wrong {attempt}")
        assert page.status_code == 200, attempt
    locked = password_step(client, "test-practitioner", "wrong 5")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "<title>Your account is locked – yjhub</title>" in html
    assert "There were 5 wrong attempts" in html
    assert "locked for 1 hour" in html
    # "You can try again after 3:45pm on 4 June 2026" (allowing for the minute turning over).
    shown = re.search(r"You can try again after <strong>(\d{1,2}:\d\d[ap]m) on (\d{1,2} \w+ \d{4})"
                      r"</strong>", html).groups()
    expected = []
    for seconds in (-60, 0):
        until = timezone.localtime(timezone.now() + dt.timedelta(hours=1, seconds=seconds))
        expected.append((f"{until.hour % 12 or 12}:{until:%M}{'am' if until.hour < 12 else 'pm'}",
                         f"{until.day} {until:%B %Y}"))
    assert shown in expected
    # Even the right password is refused now, from any client.
    again = password_step(Client(), "test-practitioner")
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_five_wrong_codes_lock_the_account_and_sign_the_password_out(client, no_throttle):
    device = _user().totpdevice_set.get()
    password_step(client, "test-practitioner")
    for attempt in range(1, 5):
        page = client.post("/sign-in/second-factor/", {"code": wrong_code(device)})
        assert page.status_code == 200, attempt
    locked = client.post("/sign-in/second-factor/", {"code": wrong_code(device)})
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session  # the half-signed-in session ended
    assert password_step(Client(), "test-practitioner").status_code == 429


def test_the_password_does_not_clear_wrong_codes(client, no_throttle):
    """Three wrong codes, the password again, two more wrong codes: locked (5 in all)."""
    device = _user().totpdevice_set.get()
    password_step(client, "test-practitioner")
    for _ in range(3):
        client.post("/sign-in/second-factor/", {"code": wrong_code(device)})
    fresh = Client()
    assert password_step(fresh, "test-practitioner").status_code == 302
    assert fresh.post("/sign-in/second-factor/", {"code": wrong_code(device)}).status_code == 200
    assert fresh.post("/sign-in/second-factor/", {"code": wrong_code(device)}).status_code == 429


def test_signing_in_with_both_factors_clears_earlier_failures(client):
    device = _user().totpdevice_set.get()
    for _ in range(4):
        password_step(client, "test-practitioner", "wrong")
    password_step(client, "test-practitioner")
    client.post("/sign-in/second-factor/", {"code": code_for(device)})
    other = Client()
    for attempt in range(4):
        assert password_step(other, "test-practitioner", "wrong").status_code == 200, attempt


def test_a_locked_session_at_the_code_page_is_signed_out(client):
    password_step(client, "test-practitioner")
    for _ in range(5):
        password_step(Client(), "test-practitioner", "wrong")
    page = client.get("/sign-in/second-factor/")
    assert page.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_over_an_hour_after_the_last_attempt(client):
    from axes.models import AccessAttempt

    for _ in range(5):
        password_step(client, "test-practitioner", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=59))
    assert password_step(Client(), "test-practitioner").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=61))
    assert password_step(Client(), "test-practitioner").status_code == 302


# --- Setting up the authenticator app -----------------------------------------------------


@pytest.fixture
def newcomer(demo):
    return user_create(username="new-practitioner", password=PASSWORD, role="practitioner",
                       team_id=demo.team_id, first_name="Nia", last_name="Newcomer")


def test_set_up_journey_for_someone_without_an_app(client, newcomer):
    after = password_step(client, "new-practitioner")
    assert after.url == "/sign-in/set-up-second-factor/"
    # Nothing else opens until the app is set up: not even a way round it.
    assert client.get("/caseload/").url == "/sign-in/second-factor/"
    assert client.get("/sign-in/second-factor/").url == "/sign-in/set-up-second-factor/"

    page = client.get("/sign-in/set-up-second-factor/")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=newcomer)
    assert not device.confirmed
    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "<title>QR code of your sign-in key for yjhub</title>" in svg
    assert "style" not in svg
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    groups = re.findall(r'<span class="yj-secret__group">([A-Z2-7]{4})</span>', html)
    assert "".join(groups) == secret and len(groups) == 8
    # The same key until it is confirmed (a reload does not change the QR code).
    client.get("/sign-in/set-up-second-factor/")
    assert TOTPDevice.objects.filter(user=newcomer).count() == 1

    wrong = client.post("/sign-in/set-up-second-factor/", {"code": wrong_code(device)})
    assert "The code is not right. Check the key you entered" in wrong.content.decode()
    device.throttle_reset()
    done = client.post("/sign-in/set-up-second-factor/", {"code": code_for(device)})
    assert done.status_code == 302 and done.url == "/"
    device.refresh_from_db()
    assert device.confirmed and _verified(client)
    assert client.get("/caseload/").status_code == 200
    event = AuditEvent.objects.get(table="user", record_id=str(newcomer.pk))
    assert event.changes == {"second_factor": ["not set up", "set up"]}
    assert event.actor_name == "new-practitioner"
    # Once set up, the page does not offer a new key.
    assert client.get("/sign-in/set-up-second-factor/").url == "/"


def test_with_an_app_set_up_the_password_alone_cannot_add_another(client):
    password_step(client, "test-practitioner")
    page = client.get("/sign-in/set-up-second-factor/")
    assert page.status_code == 302 and page.url == "/sign-in/second-factor/"
    assert TOTPDevice.objects.filter(user=_user()).count() == 1


def test_qr_code_svg_has_no_inline_style():
    from yjhub.accounts.qr import qr_svg

    svg = qr_svg("otpauth://totp/yjhub:someone?secret=JBSWY3DPEHPK3PXP&issuer=yjhub",
                 title="QR")
    assert svg.startswith('<svg role="img" ') and "style" not in svg
    assert 'class="yj-qr"' in svg and "<title>QR</title>" in svg


# --- Signing out and idle sessions --------------------------------------------------------


def test_sign_out_is_a_post(client_as):
    client = client_as("team_manager")
    page = client.get("/sign-out/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<form method="post" action="/sign-out/">' in html
    assert "signs you out after 30 minutes without activity" in html
    assert client.get("/").status_code == 200  # the GET did not sign them out
    out = client.post("/sign-out/")
    assert out.status_code == 302 and out.url == "/signed-out/"
    signed_out = client.get(out.url)
    assert signed_out.status_code == 200
    assert "<h1 class=\"govuk-heading-l\">You have signed out</h1>" in signed_out.content.decode()
    assert client.get("/").url == "/sign-in/?next=/"


def test_someone_with_the_password_only_may_sign_out(client):
    password_step(client, "test-practitioner")
    assert client.get("/sign-out/").status_code == 200
    assert client.post("/sign-out/").url == "/signed-out/"
    assert "_auth_user_id" not in client.session


def test_a_session_idle_for_more_than_30_minutes_is_signed_out(client_as):
    client = client_as("board_member")
    start = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=start + dt.timedelta(minutes=29)):
        assert client.get("/").status_code == 200  # active: the 30 minutes start again
    with mock.patch("django.utils.timezone.now", return_value=start + dt.timedelta(minutes=58)):
        assert client.get("/").status_code == 200
    with mock.patch("django.utils.timezone.now",
                    return_value=start + dt.timedelta(minutes=58 + 31)):
        idle = client.get("/")
    assert idle.status_code == 302 and idle.url == "/sign-in/?next=/"


# --- Changing one's password --------------------------------------------------------------


def test_change_password(client_as):
    client = client_as("practitioner")
    page = client.get("/account/password/")
    assert page.status_code == 200
    assert "<title>Change your password – yjhub</title>" in page.content.decode()
    new = "seven lanterns over the quay"
    done = client.post("/account/password/", {"old_password": PASSWORD,
                                               "new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done.url == "/"
    home = client.get("/")
    assert home.status_code == 200  # still signed in, both factors
    assert "Your password has been changed." in home.content.decode()
    request = RequestFactory().post("/sign-in/")
    assert authenticate(request, username="test-practitioner", password=new)
    assert not authenticate(request, username="test-practitioner", password=PASSWORD)
    event = AuditEvent.objects.get(table="user", record_id=str(_user().pk))
    assert event.action == "update" and event.changes == {"password": ["set", "changed"]}
    assert new not in str(event.changes) and PASSWORD not in str(event.changes)


@pytest.mark.parametrize("old, new, again, field, message", [
    ("wrong one", "seven lanterns over the quay", "seven lanterns over the quay",
     "old_password", "Your current password is not right: enter it again"),
    (PASSWORD, "short one", "short one", "new_password1",
     "This password is too short. It must contain at least 12 characters."),
    (PASSWORD, "password1234", "password1234", "new_password1", "This password is too common."),
    (PASSWORD, "839201748201", "839201748201", "new_password1",
     "This password is entirely numeric."),
    (PASSWORD, "test-practitioner", "test-practitioner", "new_password1",
     "The password is too similar to the username."),
    (PASSWORD, "seven lanterns over the quay", "seven lanterns over a quay", "new_password2",
     "The passwords do not match: enter the same new password twice"),
    ("", "", "", "old_password", "Enter your current password"),
])
def test_change_password_errors_name_the_field(client_as, old, new, again, field, message):
    client = client_as("practitioner")
    page = client.post("/account/password/", {"old_password": old, "new_password1": new,
                                              "new_password2": again})
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<a href="#id_{field}">{message}</a>' in html
    assert f'id="id_{field}-error"' in html
    request = RequestFactory().post("/sign-in/")
    assert authenticate(request, username="test-practitioner", password=PASSWORD)
    assert not AuditEvent.objects.filter(table="user").exists()
