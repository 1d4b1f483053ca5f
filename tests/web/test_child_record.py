"""Finding a child and reading their record: scope by role and team, one audit event per view,
no query per row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yjhub.accounts.models import User
from yjhub.audit.models import AuditEvent
from yjhub.casedata.models import Child, Referral

pytestmark = pytest.mark.django_db


def events(**filters):
    return list(AuditEvent.objects.filter(**filters).order_by("id"))


# --- Who may open a record ---------------------------------------------------------------------

@pytest.mark.parametrize("page", ["", "edit/", "history/"])
def test_team_manager_gets_404_for_a_child_outside_their_team(client_as, demo, page):
    response = client_as("team_manager").get(f"/children/{demo.child_elsewhere}/{page}")
    assert response.status_code == 404
    assert demo.child_elsewhere.encode() not in response.content
    assert not events(child_id=demo.child_elsewhere)


def test_a_child_that_does_not_exist_is_not_found_in_the_same_way(client_as):
    response = client_as("performance_officer").get("/children/NO-SUCH-CHILD/")
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["board_member", "administrator"])
@pytest.mark.parametrize("page", ["", "edit/", "history/"])
def test_board_member_and_administrator_are_refused(client_as, demo, role, page):
    response = client_as(role).get(f"/children/{demo.child_in_team}/{page}")
    assert response.status_code == 403
    assert demo.child_in_team.encode() not in response.content


@pytest.mark.parametrize("role", ["board_member", "administrator"])
def test_board_member_and_administrator_cannot_search(client_as, role):
    assert client_as(role).get("/children/?q=a").status_code == 403


def test_case_auditor_without_samples_sees_no_child(client_as, demo):
    client = client_as("case_auditor")
    assert client.get(f"/children/{demo.child_in_team}/").status_code == 404
    page = client.get(f"/children/?q={demo.child_in_team}").content.decode()
    assert "No children found" in page


@pytest.mark.parametrize("role, page, status", [
    ("practitioner", "", 200), ("practitioner", "edit/", 200), ("practitioner", "history/", 403),
    ("team_manager", "history/", 200),
    ("head_of_service", "", 200), ("head_of_service", "history/", 200),
    ("head_of_service", "edit/", 403),
    ("performance_officer", "edit/", 200),
])
def test_each_role_gets_what_the_permissions_give(client_as, demo, role, page, status):
    assert client_as(role).get(f"/children/{demo.child_in_team}/{page}").status_code == status


def test_service_wide_roles_open_a_child_in_any_team(client_as, demo):
    response = client_as("performance_officer").get(f"/children/{demo.child_elsewhere}/")
    assert response.status_code == 200


# --- Finding a child ---------------------------------------------------------------------------

def test_search_finds_only_children_in_scope(client_as, demo):
    elsewhere = client_as("team_manager").get(f"/children/?q={demo.child_elsewhere}")
    assert f'href="/children/{demo.child_elsewhere}/"' not in elsewhere.content.decode()
    assert "No children found" in elsewhere.content.decode()
    found = client_as("performance_officer").get(f"/children/?q={demo.child_elsewhere}")
    assert f'href="/children/{demo.child_elsewhere}/"' in found.content.decode()


def test_search_by_name_needs_every_word(client_as, demo):
    Child.objects.filter(pk=demo.child_in_team).update(given_name="Zebedee",
                                                       family_name="Quartermain")
    client = client_as("team_manager")
    page = client.get("/children/?q=zebedee+QUARTER").content.decode()
    assert f'href="/children/{demo.child_in_team}/"' in page
    assert "Zebedee Quartermain" in page
    assert "Showing 1 to 1 of 1" in page
    assert "No children found" in client.get("/children/?q=zebedee+smith").content.decode()


def test_empty_search_lists_the_practitioners_own_open_cases(client_as, demo):
    from yjhub.casedata.models import CaseAllocation

    own = set(CaseAllocation.objects.filter(staff_id=demo.staff_id, end_date__isnull=True)
              .values_list("child_id", flat=True))
    page = client_as("practitioner").get("/children/").content.decode()
    assert "Your open cases" in page
    for child_id in own:
        assert f'href="/children/{child_id}/"' in page
    assert page.count('<strong class="govuk-tag govuk-tag--green">Open</strong>') == len(own)


def test_the_search_page_records_one_view_listing_the_children_shown(client_as, demo):
    Child.objects.filter(pk=demo.child_in_team).update(given_name="Zebedee")
    client_as("team_manager").get("/children/?q=Zebedee")
    [event] = events(action="view", actor__username="test-team_manager")
    assert event.table == "child"
    assert event.changes == {"children": [demo.child_in_team]}
    assert event.detail == 'Find a child: search "Zebedee", page 1, 1 children shown'


# --- The record --------------------------------------------------------------------------------

def test_each_view_of_the_record_writes_one_audit_event(client_as, demo):
    client = client_as("team_manager")
    client.get(f"/children/{demo.child_in_team}/")
    client.get(f"/children/{demo.child_in_team}/")
    viewed = events(child_id=demo.child_in_team)
    assert [(e.action, e.table, e.record_id, e.detail, e.actor_name) for e in viewed] == [
        ("view", "child", demo.child_in_team, "Child record", "test-team_manager")] * 2
    assert viewed[0].actor == User.objects.get(username="test-team_manager")
    assert viewed[0].path == f"/children/{demo.child_in_team}/"


def test_record_shows_the_summary_with_code_list_labels(client_as, demo):
    import datetime as dt

    Child.objects.filter(pk=demo.child_in_team).update(
        given_name="Ada", family_name="Lovelace", date_of_birth=dt.date(2010, 1, 1), sex="F",
        gender="non_binary", ethnicity="mixed_white_asian", home_local_authority="E99000002",
        looked_after=None, send_need=True, send_plan=False)
    page = client_as("team_manager").get(f"/children/{demo.child_in_team}/").content.decode()
    for label, value in [("Given name", "Ada"), ("Family name", "Lovelace"),
                         ("Sex", "Female"), ("Gender", "Non-binary"),
                         ("Ethnicity", "Mixed: White and Asian"),
                         ("Home local authority", "E99000002"), ("Looked after", "Not recorded"),
                         ("SEND need (Wales: ALN)", "Yes"), ("EHCP (Wales: IDP) in place", "No")]:
        assert (f'<dt class="govuk-summary-list__key">{label}</dt>\n    '
                f'<dd class="govuk-summary-list__value">{value}</dd>') in page
    assert "1 January 2010 (age " in page


def test_record_never_names_a_victim_and_shows_every_section(client_as, demo):
    page = client_as("performance_officer").get("/children/C000600/").content.decode()
    for title in ["Case allocations", "Offences", "Outcomes and disposals",
                  "Orders and programmes", "Assessments", "Referrals", "Court appearances",
                  "Remand and bail", "Victims and restorative justice", "Parenting work"]:
        assert f">{title}</h2>" in page
    assert "No victim&#x27;s name is held." in page


def test_referral_clock_counts_working_days_skipping_weekends_and_bank_holidays(client_as, demo):
    import datetime as dt

    referral = Referral.objects.filter(child_id="C000600").first()
    # Received Thursday 24 Dec 2020; Christmas Day and Boxing Day (substitute Monday 28 Dec)
    # are bank holidays and the weekend is skipped: Tue 29, Wed 30, Thu 31 Dec = 3 working days.
    Referral.objects.filter(pk=referral.pk).update(
        referral_service="camhs", urgency="acute", received_date=dt.date(2020, 12, 24),
        assessment_date=dt.date(2020, 12, 31), intervention_date=None)
    page = client_as("performance_officer").get("/children/C000600/").content.decode()
    assert "Assessment (acute): 3 working days (limit 5) <strong class=\"govuk-tag " \
        "govuk-tag--green\">In time</strong>" in page


def test_record_reads_each_table_once_whatever_the_number_of_rows(client_as, demo):
    """The child with the most offences (11, and 19 assessments) and a child with one offence
    and one referral take the same number of queries."""
    from django.db.models import Count

    client = client_as("performance_officer")
    few = Child.objects.annotate(offences=Count("offence_set", distinct=True),
                                 referrals=Count("referral_set", distinct=True)) \
        .filter(offences=1, referrals=1).order_by("pk").first().pk
    counts = []
    for child_id in ("C000600", few):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/children/{child_id}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 30  # of which 9 are the session, user, roles and navigation


def test_history_link_only_for_those_allowed(client_as, demo):
    url = f"/children/{demo.child_in_team}/"
    assert "Recent activity" in client_as("team_manager").get(url).content.decode()
    assert "Recent activity" not in client_as("practitioner").get(url).content.decode()
