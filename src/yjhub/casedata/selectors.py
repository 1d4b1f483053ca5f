"""Reads of the case-level data, scoped to what the user may see.

Every view that lists or opens children goes through ``children_visible``: the scope is decided
here once, not in each view.

- Performance officer and head of service: every child of the service.
- Practitioner and team manager: the children whose case is allocated to their team, and those
  whose allocation to their team ended in the last ``RECENTLY_CLOSED_DAYS`` days (so end-of-order
  status and closing assessments can still be recorded).
- Case auditor: the children sampled for the open audits they are given (none until an audit
  names them; none of an audit once it is complete).
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
    if "case_auditor" in roles:
        from yjhub.audits.selectors import sampled_child_ids_of

        query |= Q(pk__in=sampled_child_ids_of(user=user))
    return Child.objects.filter(query)


# --- Finding a child and reading their record ------------------------------------------------

def allocations_open(*, today: date | None = None) -> QuerySet:
    """Allocations running today: started, and not ended before today."""
    today = today or timezone.localdate()
    return CaseAllocation.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=today),
                                         start_date__lte=today)


def children_open_of(*, user, today: date | None = None) -> QuerySet:
    """The user's open cases: for a practitioner linked to a staff id, the cases they hold;
    for a team role, their team's; for the service-wide roles, every open case. Always within
    ``children_visible``."""
    today = today or timezone.localdate()
    allocations = allocations_open(today=today)
    roles = roles_of(user)
    if not roles & SERVICE_WIDE:
        if roles & {"practitioner"} and user.staff_id and not roles & {"team_manager"}:
            allocations = allocations.filter(staff_id=user.staff_id)
        elif roles & {"practitioner", "team_manager"}:
            allocations = allocations.filter(team_id__in=team_ids_of(user))
    return children_visible(user=user, today=today).filter(
        pk__in=allocations.values("child_id")).order_by("family_name", "given_name", "child_id")


def child_search(*, user, query: str, today: date | None = None) -> QuerySet:
    """Children in the user's scope matching every word of ``query``: a word matches a child
    id (whole, or its start) or a given or family name (any part)."""
    children = children_visible(user=user, today=today)
    for word in query.split():
        children = children.filter(Q(child_id__iexact=word) | Q(child_id__istartswith=word)
                                   | Q(given_name__icontains=word)
                                   | Q(family_name__icontains=word))
    return children.order_by("family_name", "given_name", "child_id")


def children_with_allocations(children: QuerySet) -> QuerySet:
    """The children with their allocations (team and case manager) read in one more query."""
    from django.db.models import Prefetch

    return children.prefetch_related(Prefetch(
        "case_allocation_set",
        queryset=CaseAllocation.objects.select_related("team", "staff")
        .order_by("-start_date", "-allocation_id")))


def allocation_current(child, *, today: date | None = None):
    """The allocation the child's case is under now (the latest open one), else the latest;
    reads the prefetched allocations (newest first)."""
    today = today or timezone.localdate()
    allocations = list(child.case_allocation_set.all())
    for allocation in allocations:
        if allocation.start_date <= today and (allocation.end_date is None
                                               or allocation.end_date >= today):
            return allocation
    return allocations[0] if allocations else None


def child_record_get(*, child_id: str) -> Child:
    """A child with every part of the record, in one query per table (no query per row).

    Each part is newest first. Call it only after the user's access to the child is checked.
    """
    from django.db.models import F, Prefetch

    from yjhub.casedata.models import (
        Assessment,
        CourtAppearance,
        InterventionProgramme,
        Offence,
        Outcome,
        ParentingIntervention,
        PreSentenceReport,
        Referral,
        RemandEpisode,
        Victim,
    )

    def newest(model, *order, related=()):
        rows = model.objects.order_by(*order)
        return rows.select_related(*related) if related else rows

    return Child.objects.prefetch_related(
        Prefetch("case_allocation_set", queryset=newest(
            CaseAllocation, "-start_date", "-allocation_id", related=("team", "staff"))),
        Prefetch("offence_set", queryset=newest(
            Offence, "-committed_date", "-offence_id", related=("outcome",))
            .prefetch_related(Prefetch("victim_set",
                                       queryset=Victim.objects.order_by("victim_id")))),
        Prefetch("outcome_set", queryset=newest(Outcome, "-outcome_date", "-outcome_id")),
        Prefetch("intervention_programme_set", queryset=newest(
            InterventionProgramme, "-start_date", "-programme_id")
            .prefetch_related("programme_status_set")),
        Prefetch("assessment_set", queryset=newest(
            Assessment, F("due_date").desc(nulls_last=True), "-assessment_id")),
        Prefetch("referral_set", queryset=newest(Referral, "-received_date", "-referral_id")),
        Prefetch("court_appearance_set", queryset=newest(
            CourtAppearance, "-appearance_date", "-appearance_id")),
        Prefetch("pre_sentence_report_set", queryset=newest(
            PreSentenceReport, "-requested_date", "-report_id")),
        Prefetch("remand_episode_set", queryset=newest(
            RemandEpisode, "-start_date", "-remand_id")),
        Prefetch("parenting_intervention_set", queryset=newest(
            ParentingIntervention, "-offered_date", "-parenting_id")),
    ).get(pk=child_id)


def bank_holidays_between(*, start: date, end: date) -> list[date]:
    from yjhub.casedata.models import BankHoliday

    return list(BankHoliday.objects.filter(holiday_date__range=(start, end))
                .values_list("holiday_date", flat=True))
