"""Writes to accounts: users and their roles."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction

from yjhub.accounts.models import RoleAssignment, User
from yjhub.accounts.roles import ROLES, TEAM_ROLES


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    team_id: str | None


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


def demo_logins_ensure(*, team_id: str | None, staff_id: str = "") -> list[DemoLogin]:
    """One login per role for the demo, created once with a random password each.

    Returns the logins created now (with their passwords); existing demo users are left alone,
    so their passwords are only ever shown when they are made.
    """
    created = []
    for role in ROLES:
        username = f"demo-{role.replace('_', '-')}"
        if User.objects.filter(username=username).exists():
            continue
        team = team_id if role in TEAM_ROLES else None
        if role in TEAM_ROLES and team is None:
            continue  # no team to put them in (no case data yet)
        password = secrets.token_urlsafe(12)
        user_create(username=username, password=password, role=role, team_id=team,
                    staff_id=staff_id if role == "practitioner" else "",
                    first_name="Demo", last_name=ROLES[role].split(":")[0])
        created.append(DemoLogin(username, password, role, team))
    return created
