"""Writes to accounts: users, their roles, invitations, second factors and lockouts.

Every change to an account writes an audit event (table ``user``, the user's id, the changes as
``{field: [old, new]}``) in the same transaction. Passwords, password hashes, tokens and TOTP keys
never go into the audit trail or the logs.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from base64 import b32encode
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import password_validation
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from yjhub.accounts.models import Invitation, RoleAssignment, User
from yjhub.accounts.roles import ROLES, TEAM_ROLES
from yjhub.audit.services import audit_event_record

log = logging.getLogger(__name__)

#: How long an invitation link works.
INVITATION_DAYS = 7


class AccountRuleError(ValueError):
    """A change the rules of accounts forbid; the message says why, for the person asking."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str | None  # None: the user existed before; their password is unchanged
    role: str
    team_id: str | None
    totp_secret: str = ""  # base32, for an authenticator app


def role_label(role: str, team_id: str | None) -> str:
    """How a role assignment reads in the audit trail: ``practitioner (team T1)``."""
    return f"{role} (team {team_id})" if team_id else role


def _roles_of(user: User) -> list[str]:
    """Read afresh (not from a prefetched list, which a change makes stale)."""
    return sorted(role_label(role, team) for role, team in
                  RoleAssignment.objects.filter(user=user).values_list("role", "team_id"))


def _audit(*, by, user: User, action: str, changes: dict, detail: str, request=None,
           actor_name: str | None = None) -> None:
    audit_event_record(user=by, action=action, table="user", record_id=str(user.pk),
                       changes=changes, detail=detail, request=request, actor_name=actor_name)


def _check_role(role: str, team_id: str | None) -> None:
    if role not in ROLES:
        raise AccountRuleError(f"there is no role {role!r}")
    if role in TEAM_ROLES and not team_id:
        raise AccountRuleError(f"the {role} role needs a team")
    if role not in TEAM_ROLES and team_id:
        raise AccountRuleError(f"the {role} role takes no team")


@transaction.atomic
def user_create(*, username: str, password: str, role: str, team_id: str | None = None,
                staff_id: str = "", first_name: str = "", last_name: str = "") -> User:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if (role in TEAM_ROLES) != (team_id is not None):
        raise ValueError(f"the {role} role {'needs' if role in TEAM_ROLES else 'takes no'} team")
    user = User(username=username, staff_id=staff_id, first_name=first_name,
                last_name=last_name)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    RoleAssignment.objects.create(user=user, role=role, team_id=team_id)
    return user


@transaction.atomic
def administrator_create(*, username: str, password: str, email: str = "", first_name: str = "",
                         last_name: str = "", actor_name: str) -> User:
    """The first administrator (``yjhub manage createadmin``): they set up their second factor at
    their first sign-in."""
    if User.objects.filter(username=username).exists():
        raise AccountRuleError(f"a user called {username!r} already exists")
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    RoleAssignment.objects.create(user=user, role="administrator")
    _audit(by=None, user=user, action="create", actor_name=actor_name,
           changes={"username": [None, username], "roles": [[], ["administrator"]]},
           detail="Administrator created from the command line")
    log.info("administrator %s created by %s", username, actor_name)
    return user


# --- Invitations ---------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _invitation_make(*, user: User, by: User | None) -> tuple[Invitation, str]:
    """A new link for ``user``; any earlier unused link stops working."""
    now = timezone.now()
    user.invitations.filter(used_at__isnull=True).update(used_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user, token_hash=token_hash(token), created_by=by, created_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS))
    return invitation, token


@transaction.atomic
def user_invite(*, by: User, username: str, first_name: str, last_name: str, email: str,
                role: str, team_id: str | None, request=None) -> tuple[User, str]:
    """A new account without a password, and the token of its one-time invitation link."""
    _check_role(role, team_id)
    if User.objects.filter(username__iexact=username).exists():
        raise AccountRuleError(f"a user called {username!r} already exists")
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    RoleAssignment.objects.create(user=user, role=role, team_id=team_id)
    invitation, token = _invitation_make(user=user, by=by)
    _audit(by=by, user=user, action="create", request=request,
           changes={"username": [None, username], "name": [None, user.get_full_name()],
                    "email": [None, email], "roles": [[], [role_label(role, team_id)]]},
           detail=f"Invited; the link works until {invitation.expires_at:%Y-%m-%d %H:%M}")
    log.info("%s invited %s as %s", by.username, username, role_label(role, team_id))
    return user, token


@transaction.atomic
def invitation_renew(*, by: User, user: User, request=None) -> tuple[Invitation, str]:
    """A new one-time link for a user to set a (new) password: their old one stops working."""
    if not user.is_active:
        raise AccountRuleError(f"{user.username} is disabled: enable the account first")
    invitation, token = _invitation_make(user=user, by=by)
    _audit(by=by, user=user, action="update", request=request,
           changes={"invitation": [None, f"until {invitation.expires_at:%Y-%m-%d %H:%M}"]},
           detail="New link to set a password")
    return invitation, token


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str, request=None) -> User:
    """The invitee sets their password; the link is used up."""
    invitation = Invitation.objects.select_for_update().select_related("user") \
        .get(pk=invitation.pk)
    now = timezone.now()
    if invitation.used_at is not None or invitation.expires_at <= now:
        raise AccountRuleError("this link has been used or has expired")
    user = invitation.user
    had_password = user.has_usable_password()
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    _audit(by=user, user=user, action="update", request=request,
           changes={"password": ["set" if had_password else "not set", "set"]},
           detail="Password set from an invitation link")
    log.info("%s set their password from an invitation link", user.username)
    return user


# --- Passwords ----------------------------------------------------------------------------


@transaction.atomic
def password_change(*, form, request) -> User:
    """Saves a valid ``PasswordChangeForm`` and records it (never the password itself)."""
    user = form.save()
    _audit(by=user, user=user, action="update", request=request,
           changes={"password": ["set", "changed"]}, detail="Changed their password")
    log.info("%s changed their password", user.username)
    return user


# --- Roles, status, second factor and lockout (administrators) ------------------------------


def _not_self(by: User, user: User, what: str) -> None:
    if by.pk == user.pk:
        raise AccountRuleError(f"You cannot {what} your own account: ask another administrator")


@transaction.atomic
def role_assignment_add(*, by: User, user: User, role: str, team_id: str | None,
                        request=None) -> RoleAssignment:
    _check_role(role, team_id)
    _not_self(by, user, "add roles to")
    if user.role_assignments.filter(role=role, team_id=team_id).exists():
        raise AccountRuleError(f"{user.username} already has the role "
                               f"{role_label(role, team_id)}")
    before = _roles_of(user)
    assignment = RoleAssignment.objects.create(user=user, role=role, team_id=team_id)
    _audit(by=by, user=user, action="update", request=request,
           changes={"roles": [before, _roles_of(user)]},
           detail=f"Role added: {role_label(role, team_id)}")
    return assignment


@transaction.atomic
def role_assignment_remove(*, by: User, user: User, assignment_id: int,
                           request=None) -> RoleAssignment:
    assignment = user.role_assignments.filter(pk=assignment_id).first()
    if assignment is None:
        raise AccountRuleError(f"{user.username} has no such role (it may have been removed "
                               "already)")
    if by.pk == user.pk and assignment.role == "administrator":
        raise AccountRuleError("You cannot remove your own administrator role: ask another "
                               "administrator")
    before = _roles_of(user)
    assignment.delete()
    _audit(by=by, user=user, action="update", request=request,
           changes={"roles": [before, _roles_of(user)]},
           detail=f"Role removed: {role_label(assignment.role, assignment.team_id)}")
    return assignment


@transaction.atomic
def user_active_set(*, by: User, user: User, active: bool, request=None) -> User:
    """Disable (signs them out at once and stops them signing in) or enable an account."""
    if not active:
        _not_self(by, user, "disable")
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    _audit(by=by, user=user, action="update", request=request,
           changes={"is_active": [not active, active]},
           detail="Account enabled" if active else "Account disabled")
    log.info("%s %s the account of %s", by.username, "enabled" if active else "disabled",
             user.username)
    return user


@transaction.atomic
def second_factor_reset(*, by: User, user: User, request=None) -> int:
    """Removes their authenticator devices: they set one up again at their next sign-in (their
    current sessions stop being verified at once)."""
    devices = TOTPDevice.objects.filter(user=user)
    confirmed = devices.filter(confirmed=True).exists()
    count, _ = devices.delete()
    _audit(by=by, user=user, action="update", request=request,
           changes={"second_factor": ["set up" if confirmed else "not set up", "not set up"]},
           detail="Second factor reset: they set it up again at their next sign-in")
    log.info("%s reset the second factor of %s", by.username, user.username)
    return count


@transaction.atomic
def user_unlock(*, by: User, user: User, request=None) -> int:
    """Clears the failed sign-in attempts that locked the account."""
    from axes.utils import reset

    removed = reset(username=user.username)
    # django-otp's own back-off after wrong codes starts again too.
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0,
                                                throttling_failure_timestamp=None)
    _audit(by=by, user=user, action="update", request=request,
           changes={"locked": [True, False]}, detail="Account unlocked")
    log.info("%s unlocked the account of %s", by.username, user.username)
    return removed


# --- Signing in ---------------------------------------------------------------------------


def sign_in_failure_record(*, request, username: str) -> bool:
    """A wrong second-factor code counts as a failed sign-in (django-axes counts it with wrong
    passwords). True when the account is now locked."""
    user_login_failed.send(sender=__name__, credentials={"username": username},
                           request=request)
    log.warning("wrong second-factor code for %s", username)
    return bool(getattr(request, "axes_locked_out", False))


def sign_in_completed(*, request, user: User) -> None:
    """Both factors passed: the failed attempts are forgotten."""
    from axes.utils import reset

    reset(username=user.username)
    log.info("%s signed in with both factors", user.username)


def totp_device_for_setup(*, user: User) -> TOTPDevice:
    """The unconfirmed device a user is setting up: the same key until they confirm it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app",
                                           confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, request=None) -> TOTPDevice:
    """A code from the app proved the user holds the key: the device becomes their factor
    (any other device of theirs is removed)."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _audit(by=device.user, user=device.user, action="update", request=request,
           changes={"second_factor": ["not set up", "set up"]},
           detail="Set up their second factor (authenticator app)")
    log.info("%s set up their second factor", device.user.username)
    return device


def totp_secret(device: TOTPDevice) -> str:
    """The device's key in base32, as authenticator apps take it."""
    return b32encode(device.bin_key).decode()


# --- Demo logins --------------------------------------------------------------------------


def demo_logins_ensure(*, team_id: str | None, staff_id: str = "") -> list[DemoLogin]:
    """One login per role for the demo, created once with a random password each, and each
    with a confirmed authenticator key so the login works at once.

    Returns the logins created now (with their passwords and keys); existing demo users are left
    alone, so their passwords are only ever shown when they are made. An existing demo user
    without an authenticator key gets one (returned with ``password`` None).
    """
    created = []
    for role in ROLES:
        username = f"demo-{role.replace('_', '-')}"
        team = team_id if role in TEAM_ROLES else None
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            if not TOTPDevice.objects.filter(user=existing, confirmed=True).exists():
                device = _demo_device(existing)
                created.append(DemoLogin(username, None, role, team, totp_secret(device)))
            continue
        if role in TEAM_ROLES and team is None:
            continue  # no team to put them in (no case data yet)
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user = user_create(username=username, password=password, role=role, team_id=team,
                               staff_id=staff_id if role == "practitioner" else "",
                               first_name="Demo", last_name=ROLES[role].split(":")[0])
            device = _demo_device(user)
            _audit(by=None, user=user, action="create", actor_name="yjhub setup --demo",
                   changes={"username": [None, username], "roles": [[], [role_label(role, team)]]},
                   detail="Demo login")
        created.append(DemoLogin(username, password, role, team, totp_secret(device)))
    return created


def _demo_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Demo authenticator", confirmed=True)
