"""Views of audit: searching the audit trail (head of service). Thin: reads through selectors,
writes through services. There is deliberately no view that changes or deletes an event."""

from __future__ import annotations

import csv

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from yjhub.audit.forms import AuditSearchForm
from yjhub.audit.selectors import audit_event_search, audit_search_child_ids
from yjhub.audit.services import audit_export_record
from yjhub.casedata.display import event_row
from yjhub.web.access import permission_required
from yjhub.web.fields import date_parts, error_list
from yjhub.web.paging import paginate

EXPORT_COLUMNS = ["at", "actor", "action", "table", "record_id", "child_id", "detail", "changes",
                  "path", "ip_address"]


def _form(request) -> AuditSearchForm:
    return AuditSearchForm(request.GET)


@permission_required("audit_log_search")
def search(request):
    form = _form(request)
    valid = form.is_valid()
    pagination = paginate(request, audit_event_search(**form.filters())) if valid else None
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/search.html", {
        "form": form, "errors": error_list(form), "pagination": pagination,
        "rows": [event_row(e) for e in pagination.page.object_list] if pagination else [],
        "date_from": date_parts(form["date_from"]), "date_to": date_parts(form["date_to"]),
        "export_query": query.urlencode(),
        "searched": any(v for k, v in request.GET.items() if k != "page"),
    })


class _Echo:
    def write(self, value):
        return value


@permission_required("audit_log_search")
def search_export(request):
    """The search's events as CSV. The export is itself recorded (with the children in it)
    before the file is sent."""
    form = _form(request)
    if not form.is_valid():
        return search(request)
    filters = form.filters()
    audit_export_record(request=request, detail=f"Audit log search as CSV: {form.description()}",
                        child_ids=audit_search_child_ids(**filters))
    events = audit_event_search(**filters)
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow(EXPORT_COLUMNS)
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow([
                timezone.localtime(event.at).isoformat(), event.actor_name, event.action,
                event.table, event.record_id, event.child_id, event.detail,
                _json(event.changes), event.path, event.ip_address or ""])

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
    return response


def _json(value) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
