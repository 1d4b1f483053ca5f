"""Writing the audit trail. Call these inside the transaction of the change they record."""

from __future__ import annotations

from django.utils import timezone

from yjhub.audit.models import AuditEvent, AuditEventChild


def _client(request) -> dict:
    if request is None:
        return {}
    return {
        "path": request.get_full_path()[:400],
        "ip_address": request.META.get("REMOTE_ADDR") or None,
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:400],
    }


def _actor(user) -> dict:
    if user is None or not user.is_authenticated:
        return {"actor": None, "actor_name": "system"}
    return {"actor": user, "actor_name": user.get_username()}


def audit_event_record(*, user, action: str, table: str = "", record_id: str = "",
                       child_id: str = "", changes: dict | None = None, detail: str = "",
                       request=None, actor_name: str | None = None) -> AuditEvent:
    if action not in AuditEvent.ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    who = _actor(user)
    if actor_name:
        who["actor_name"] = actor_name
    event = AuditEvent.objects.create(
        at=timezone.now(), action=action, table=table, record_id=str(record_id),
        child_id=str(child_id), changes=changes or {}, detail=detail[:400],
        **who, **_client(request))
    named = sorted({str(c) for c in (changes or {}).get("children", [])} - {str(child_id)})
    if named:  # a list or export naming children: each child's history shows it
        AuditEventChild.objects.bulk_create(
            AuditEventChild(event=event, child_id=c) for c in named)
    return event


def audit_view_record(*, request, child_id: str, detail: str, table: str = "child",
                      record_id: str | None = None) -> AuditEvent:
    """A page showing a child's record was seen."""
    return audit_event_record(user=request.user, action="view", table=table,
                              record_id=record_id or child_id, child_id=child_id,
                              detail=detail, request=request)


def audit_export_record(*, request, detail: str, child_ids: list[str] | None = None) -> AuditEvent:
    """An export left the app. A list of children is recorded with the export."""
    ids = sorted(set(child_ids or []))
    return audit_event_record(user=request.user, action="export", detail=detail,
                              changes={"children": ids} if ids else {}, request=request)
