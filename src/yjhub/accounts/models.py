from django.contrib.auth.models import AbstractUser
from django.db import models

from yjhub.accounts.roles import ROLES, TEAM_ROLES


class User(AbstractUser):
    """A person who signs in. What they may see comes from their role assignments."""

    staff_id = models.CharField(
        max_length=64, blank=True, default="",
        help_text="Their staff identifier in the case data, linking them to their caseload.")

    def role_names(self) -> set[str]:
        return set(self.role_assignments.values_list("role", flat=True))


class RoleAssignment(models.Model):
    """A role held by a user, for one team (practitioners, team managers) or the service."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=40, choices=sorted(ROLES.items()))
    team = models.ForeignKey("casedata.Team", null=True, blank=True, on_delete=models.PROTECT,
                             db_column="team_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "team"], name="one_assignment"),
            models.CheckConstraint(
                condition=models.Q(team__isnull=False) | ~models.Q(role__in=sorted(TEAM_ROLES)),
                name="team_roles_name_a_team",
            ),
        ]

    def __str__(self):
        return f"{self.user} as {self.role}" + (f" in {self.team_id}" if self.team_id else "")

    @property
    def role_title(self) -> str:
        """``Team manager``: the role's name as people read it."""
        return ROLES[self.role].split(":")[0]

    @property
    def role_summary(self) -> str:
        """What the role gives, e.g. ``their team's cases, audits and actions``."""
        return ROLES[self.role].split(":", 1)[1].strip()


class Invitation(models.Model):
    """A one-time link that lets a person set their password: for a new account, or a new
    password for an existing one. Only a hash of the link's token is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True,
                                  help_text="SHA-256 of the token in the link, in hex.")
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"invitation for {self.user} until {self.expires_at:%Y-%m-%d %H:%M}"
