"""The audit log search (head of service only), its CSV export (itself logged), and the
database refusing to change or delete an event."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.db import DatabaseError, transaction

from yjhub.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def logged():
    """Three events on known days (London time)."""
    def make(at, actor, action, child_id, detail):
        return AuditEvent.objects.create(
            at=dt.datetime(*at, tzinfo=LONDON), actor_name=actor, action=action, table="child",
            record_id=child_id, child_id=child_id, detail=detail)

    return [
        make((2026, 1, 10, 9, 30), "aud-alice", "view", "CX1", "Child record"),
        make((2026, 2, 15, 23, 30), "aud-bob", "update", "CX2", "Changed the child's details"),
        make((2026, 3, 1, 0, 15), "aud-alice", "export", "", "Caseload as CSV"),
    ]


def found(client, query: str) -> list[str]:
    """The details of the events a search lists, in order."""
    page = client.get(f"/audit/?{query}").content.decode()
    assert "There is a problem" not in page, page
    return [detail for detail in ("Child record", "Changed the child&#x27;s details",
                                  "Caseload as CSV") if detail in page]


@pytest.mark.parametrize("role", ["practitioner", "team_manager", "performance_officer",
                                  "board_member", "case_auditor", "administrator"])
def test_only_the_head_of_service_searches_the_log(client_as, role):
    assert client_as(role).get("/audit/").status_code == 403
    assert client_as(role).get("/audit/export.csv").status_code == 403


@pytest.mark.parametrize("query, expected", [
    ("user=aud-alice", ["Child record", "Caseload as CSV"]),
    ("user=BOB", ["Changed the child&#x27;s details"]),
    ("child_id=CX1", ["Child record"]),
    ("user=aud-&action=update", ["Changed the child&#x27;s details"]),
    # 15 February 23:30 in London is still 15 February; 1 March 00:15 is 1 March.
    ("user=aud-&date_from_day=15&date_from_month=2&date_from_year=2026"
     "&date_to_day=15&date_to_month=2&date_to_year=2026", ["Changed the child&#x27;s details"]),
    ("user=aud-&date_from_day=11&date_from_month=1&date_from_year=2026",
     ["Changed the child&#x27;s details", "Caseload as CSV"]),
    ("user=aud-&date_to_day=28&date_to_month=2&date_to_year=2026",
     ["Child record", "Changed the child&#x27;s details"]),
])
def test_search_filters(client_as, logged, query, expected):
    assert found(client_as("head_of_service"), query) == expected


def test_results_are_newest_first_and_paginated(client_as, logged):
    for i in range(30):
        AuditEvent.objects.create(at=dt.datetime(2025, 12, 1, 12, i, tzinfo=LONDON),
                                  actor_name="aud-carol", action="view", detail=f"page {i}")
    client = client_as("head_of_service")
    page = client.get("/audit/?user=aud-carol").content.decode()
    assert "Showing 1 to 25 of 30" in page
    assert page.index("page 29") < page.index("page 5")
    assert "page 4<" not in page
    page2 = client.get("/audit/?user=aud-carol&page=2").content.decode()
    assert "Showing 26 to 30 of 30" in page2
    assert 'href="?user=aud-carol&amp;page=1"' in page2


@pytest.mark.parametrize("query, message", [
    ("date_from_day=31&date_from_month=2&date_from_year=2026",
     'From must be a real date: "31 2 2026" is not a date (enter it like 27 3 2026)'),
    ("date_to_day=1&date_to_year=2026", "To must include a month"),
    ("date_from_day=2&date_from_month=3&date_from_year=2026"
     "&date_to_day=1&date_to_month=3&date_to_year=2026",
     'To must be the same as or after From: "1 3 2026" is before 2 3 2026'),
    ("action=erase", 'Action "erase" is not one of the actions: choose one from the list'),
])
def test_bad_search_is_explained(client_as, query, message):
    page = client_as("head_of_service").get(f"/audit/?{query}").content.decode()
    assert "There is a problem" in page
    assert message in page.replace("&quot;", '"')


def test_the_export_is_logged_with_the_children_in_it(client_as, logged):
    client = client_as("head_of_service")
    response = client.get("/audit/export.csv?user=aud-")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content)
                                       .decode("utf-8-sig"))))
    assert rows[0][:3] == ["at", "actor", "action"]
    assert [(r[1], r[2], r[5]) for r in rows[1:]] == [
        ("aud-alice", "export", ""), ("aud-bob", "update", "CX2"), ("aud-alice", "view", "CX1")]
    assert rows[2][0] == "2026-02-15T23:30:00+00:00"
    [export] = AuditEvent.objects.filter(action="export", actor__username="test-head_of_service")
    assert export.detail == "Audit log search as CSV: user aud-"
    assert export.changes == {"children": ["CX1", "CX2"]}


def test_the_log_has_no_way_to_change_or_delete_events(client_as, logged):
    client = client_as("head_of_service")
    event = logged[0]
    for method in ("post", "put", "delete"):
        getattr(client, method)(f"/audit/?id={event.pk}")
    event.refresh_from_db()
    assert event.detail == "Child record"
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_to_update_an_event(logged):
    event = logged[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(detail="nothing to see")
    assert AuditEvent.objects.get(pk=event.pk).detail == "Child record"


def test_the_database_refuses_to_delete_an_event(logged):
    """A queryset's delete() does not call the model's delete(): the trigger stops it."""
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(actor_name="aud-alice").delete()
    assert AuditEvent.objects.filter(actor_name="aud-alice").count() == 2


def test_the_model_refuses_too(logged):
    event = logged[0]
    with pytest.raises(PermissionError):
        event.delete()
    event.detail = "changed"
    with pytest.raises(PermissionError):
        event.save()


def test_a_list_or_export_naming_children_is_in_each_childs_history(client_as, logged):
    """An export of CX1 and CX2 (and a caseload page listing CX2) shows in their histories and
    in a log search by child, and names nobody else."""
    from yjhub.audit.models import AuditEventChild
    from yjhub.audit.selectors import audit_event_search, audit_events_of_child
    from yjhub.audit.services import audit_event_record

    user = client_as("head_of_service")  # signs the user in; the events need no request
    del user
    export = audit_event_record(user=None, action="export", detail="caseload",
                                changes={"children": ["CX2", "CX1", "CX1"]})
    listing = audit_event_record(user=None, action="view", detail="caseload",
                                 changes={"children": ["CX2"]})
    assert sorted(AuditEventChild.objects.filter(event=export)
                  .values_list("child_id", flat=True)) == ["CX1", "CX2"]
    assert [e.detail for e in audit_events_of_child(child_id="CX1")] == [
        "caseload", "Child record"]
    assert [e.pk for e in audit_events_of_child(child_id="CX2")][:2] == [listing.pk, export.pk]
    assert list(audit_event_search(child_id="CX3")) == []
    assert audit_event_search(child_id="CX1").count() == 2


def test_the_children_named_by_an_event_cannot_be_changed_or_removed(logged):
    from yjhub.audit.models import AuditEventChild
    from yjhub.audit.services import audit_event_record

    event = audit_event_record(user=None, action="export", detail="x",
                               changes={"children": ["CX1"]})
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEventChild.objects.filter(event=event).update(child_id="CX9")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEventChild.objects.filter(event=event).delete()
    assert list(AuditEventChild.objects.filter(event=event)
                .values_list("child_id", flat=True)) == ["CX1"]
