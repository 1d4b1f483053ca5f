"""Reads of the case-level data, scoped to what the user may see.

Every view that lists or opens children goes through ``children_visible``: the scope is decided
here once, not in each view.

- Performance officer and head of service: every child of the service.
- Practitioner and team manager: the children whose case is allocated to their team, and those
  whose allocation to their team ended in the last ``RECENTLY_CLOSED_DAYS`` days (so end-of-order
  status and closing assessments can still be recorded).
- Case auditor: the children sampled for the audits they are given (none until an audit names
  them).
- Board member and administrator: no child.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from yjhub.accounts.permissions import roles_of
from yjhub.casedata.models import CaseAllocation, Child

RECENTLY_CLOSED_DAYS = 90
SERVICE_WIDE = {"performance_officer", "head_of_service"}


def team_ids_of(user) -> set[str]:
    """The teams a user's team roles are for."""
    if not hasattr(user, "_yjhub_teams"):
        user._yjhub_teams = set(
            user.role_assignments.filter(team__isnull=False).values_list("team_id", flat=True)
        ) if user.is_authenticated else set()
    return user._yjhub_teams


def allocations_in_scope(*, team_ids: set[str], today: date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    since = today - timedelta(days=RECENTLY_CLOSED_DAYS)
    return CaseAllocation.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=since), team_id__in=team_ids,
        start_date__lte=today)


def children_visible(*, user, today: date | None = None) -> QuerySet:
    """The children ``user`` may see; an empty queryset for roles without case access."""
    roles = roles_of(user)
    if roles & SERVICE_WIDE:
        return Child.objects.all()
    query = Q(pk__in=[])
    if roles & {"practitioner", "team_manager"}:
        team_ids = team_ids_of(user)
        query |= Q(pk__in=allocations_in_scope(team_ids=team_ids, today=today)
                   .values("child_id"))
    return Child.objects.filter(query)
