"""Reading the audit trail."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from yjhub.audit.models import AuditEvent, AuditEventChild


def _about_child(child_id: str) -> Q:
    """Events about the child: those naming it alone, and lists and exports that included it."""
    return Q(child_id=child_id) | Q(pk__in=AuditEventChild.objects.filter(child_id=child_id)
                                    .values("event_id"))


def audit_events_of_child(*, child_id: str) -> QuerySet:
    return AuditEvent.objects.filter(_about_child(child_id)).order_by("-at", "-id")


def audit_event_search(*, actor: str = "", child_id: str = "", action: str = "",
                       date_from: date | None = None, date_to: date | None = None) -> QuerySet:
    events = AuditEvent.objects.all()
    if actor:
        events = events.filter(actor_name__icontains=actor)
    if child_id:
        events = events.filter(_about_child(child_id))
    if action:
        events = events.filter(action=action)
    if date_from:
        events = events.filter(at__date__gte=date_from)
    if date_to:
        events = events.filter(at__date__lte=date_to)
    return events.order_by("-at", "-id")


def audit_search_child_ids(**filters) -> list[str]:
    """The children named by the events a search finds (for recording an export of it)."""
    return list(audit_event_search(**filters).exclude(child_id="").order_by()
                .values_list("child_id", flat=True).distinct())
