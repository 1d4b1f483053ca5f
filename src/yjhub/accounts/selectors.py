"""Reads of accounts: users for the administrator's screens, lockouts, invitations."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet, Sum
from django.utils import timezone

from yjhub.accounts.models import Invitation, RoleAssignment, User


def users_list() -> QuerySet:
    """Every user with their roles (and the roles' teams) in two more queries, not one per user."""
    assignments = RoleAssignment.objects.select_related("team").order_by("role", "team_id")
    return User.objects.prefetch_related(Prefetch("role_assignments", queryset=assignments)) \
        .order_by("last_name", "first_name", "username")


def user_get(*, user_id: int) -> User | None:
    return users_list().filter(pk=user_id).first()


def usernames_locked(*, usernames) -> set[str]:
    """Which of these usernames django-axes has locked now (as axes counts: failures within the
    cool-off time, by username)."""
    from axes.helpers import get_cool_off
    from axes.models import AccessAttempt

    since = timezone.now() - get_cool_off()
    rows = AccessAttempt.objects.filter(username__in=list(usernames), attempt_time__gte=since) \
        .values("username").annotate(failures=Sum("failures_since_start")) \
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    return {row["username"] for row in rows}


def user_is_locked(*, username: str) -> bool:
    return username in usernames_locked(usernames=[username])


def user_ids_with_second_factor(*, user_ids) -> set[int]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return set(TOTPDevice.objects.filter(user_id__in=list(user_ids), confirmed=True)
               .values_list("user_id", flat=True))


def user_has_second_factor(*, user) -> bool:
    return bool(user_ids_with_second_factor(user_ids=[user.pk]))


def invitation_open_of(*, user) -> Invitation | None:
    """The link the user can still use, if any."""
    return user.invitations.filter(used_at__isnull=True, expires_at__gt=timezone.now()) \
        .order_by("-created_at").first()


def invitation_by_token(*, token: str) -> Invitation | None:
    """The invitation a link's token opens, if it is unused, unexpired and its user enabled."""
    from yjhub.accounts.services import token_hash

    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("user").filter(
        token_hash=token_hash(token), used_at__isnull=True, expires_at__gt=timezone.now(),
        user__is_active=True).first()


@dataclass(frozen=True)
class Status:
    label: str
    colour: str  # a GOV.UK tag modifier ("" for the default blue)


def user_status(user, *, locked: bool) -> Status:
    """One word for the state of an account; the word carries the meaning, not the colour."""
    if not user.is_active:
        return Status("Disabled", "grey")
    if locked:
        return Status("Locked", "red")
    if not user.has_usable_password():
        return Status("Invited", "yellow")
    return Status("Active", "green")


def users_page_rows(users) -> list[dict]:
    """Rows for the users table: the page's users with their status, in two queries."""
    users = list(users)
    locked = usernames_locked(usernames=[u.username for u in users])
    return [{"user": u, "roles": list(u.role_assignments.all()),
             "status": user_status(u, locked=u.username in locked)} for u in users]


def teams_for_choice() -> list[tuple[str, str]]:
    from yjhub.casedata.models import Team

    return [(t.team_id, f"{t.name} ({t.team_id})")
            for t in Team.objects.order_by("name", "team_id").only("team_id", "name")]
