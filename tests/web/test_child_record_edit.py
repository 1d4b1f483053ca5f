"""Changing a child's details: one audit event with the exact old and new values of the columns
that changed, in the same transaction; nothing changed, no event; bad values named."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError

from yjhub.accounts.models import User
from yjhub.audit.models import AuditEvent
from yjhub.casedata.models import Assessment, Child

pytestmark = pytest.mark.django_db

KNOWN = dict(given_name="Jamie", family_name="Mason", gender=None, ethnicity="white_british",
             ethnic_group="white", home_local_authority="E99000001", looked_after=False,
             send_need=True, send_plan=None)
FORM = {"given_name": "Jamie", "family_name": "Mason", "gender": "",
        "ethnicity": "white_british", "home_local_authority": "E99000001",
        "looked_after": "no", "send_need": "yes", "send_plan": ""}


@pytest.fixture
def child(demo):
    """The team's child, with details set to known values."""
    Child.objects.filter(pk=demo.child_in_team).update(**KNOWN)
    return Child.objects.get(pk=demo.child_in_team)


def updates():
    return list(AuditEvent.objects.filter(action="update").order_by("id"))


def test_edit_form_shows_current_values(client_as, child):
    page = client_as("practitioner").get(f"/children/{child.pk}/edit/").content.decode()
    assert 'name="family_name" type="text" value="Mason"' in page
    assert '<option value="white_british" selected>' in page
    assert 'name="looked_after" type="radio" value="no" checked' in page
    assert 'name="send_plan" type="radio" value="" checked' in page


def test_saving_writes_the_changes_and_one_event_with_old_and_new_values(client_as, child):
    client = client_as("practitioner")
    response = client.post(f"/children/{child.pk}/edit/", {
        **FORM, "family_name": "Mason-Hart", "gender": "non_binary",
        "ethnicity": "black_african", "looked_after": "yes", "send_plan": "no"})
    assert response.status_code == 302
    assert response.url == f"/children/{child.pk}/"

    saved = Child.objects.get(pk=child.pk)
    assert (saved.family_name, saved.gender, saved.ethnicity, saved.ethnic_group,
            saved.looked_after, saved.send_plan) == (
        "Mason-Hart", "non_binary", "black_african", "black", True, False)
    assert (saved.given_name, saved.home_local_authority, saved.send_need) == (
        "Jamie", "E99000001", True)

    [event] = updates()
    assert event.table == "child" and event.record_id == child.pk
    assert event.child_id == child.pk
    assert event.actor == User.objects.get(username="test-practitioner")
    assert event.changes == {
        "family_name": ["Mason", "Mason-Hart"],
        "gender": [None, "non_binary"],
        "ethnicity": ["white_british", "black_african"],
        "ethnic_group": ["white", "black"],
        "looked_after": [False, True],
        "send_plan": [None, False],
    }

    page = client.get(response.url).content.decode()
    assert "govuk-notification-banner--success" in page
    assert (f"Details of child {child.pk} saved. Changed: Family name, Gender, Ethnicity, "
            "Ethnic group, Looked after, EHCP (Wales: IDP) in place.") in page


def test_saving_the_same_values_writes_no_event(client_as, child):
    client = client_as("team_manager")
    response = client.post(f"/children/{child.pk}/edit/", FORM)
    assert response.status_code == 302
    assert updates() == []
    assert Child.objects.filter(pk=child.pk, **KNOWN).exists()
    assert f"Nothing was changed in the details of child {child.pk}." in \
        client.get(response.url).content.decode()


def test_codes_are_matched_by_label_or_alias_as_the_importer_does(client_as, child):
    client_as("team_manager").post(f"/children/{child.pk}/edit/",
                                   {**FORM, "ethnicity": "BAFR", "gender": "Girl or young woman"})
    [event] = updates()
    assert event.changes["ethnicity"] == ["white_british", "black_african"]
    assert event.changes["gender"] == [None, "girl"]


@pytest.mark.parametrize("field, value, message", [
    ("gender", "martian", 'Gender "martian" is not in the gender code list (version 2024.1): '
                          "choose one of the options"),
    ("ethnicity", "purple", 'Ethnicity "purple" is not in the ethnicity code list '
                            "(version 2021.1): choose one of the options"),
    ("home_local_authority", "Leeds", 'Home local authority "Leeds" is not an ONS local '
                                      "authority code: enter a letter (E, W, S or N) and 8 "
                                      "digits, like E06000001"),
    ("looked_after", "maybe", 'Looked after "maybe" is not yes, no or not recorded'),
    ("family_name", "x" * 201, "Family name must be 200 characters or fewer"),
])
def test_bad_values_are_refused_naming_field_and_value(client_as, child, field, value, message):
    response = client_as("team_manager").post(f"/children/{child.pk}/edit/",
                                              {**FORM, "send_need": "no", field: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'<a href="#id_{field}">{message}</a>' in page.replace("&quot;", '"')
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in \
        page.replace("&quot;", '"')
    assert updates() == []
    assert Child.objects.filter(pk=child.pk, **KNOWN).exists()  # send_need not saved either


def test_edit_of_a_child_out_of_scope_is_404_and_writes_nothing(client_as, demo):
    before = Child.objects.get(pk=demo.child_elsewhere).family_name
    response = client_as("practitioner").post(f"/children/{demo.child_elsewhere}/edit/",
                                               {**FORM, "family_name": "Changed"})
    assert response.status_code == 404
    assert Child.objects.get(pk=demo.child_elsewhere).family_name == before
    assert updates() == []


def test_the_change_and_its_event_are_one_transaction(client_as, child, monkeypatch):
    """If the audit event cannot be written, the change is not kept either."""
    from yjhub.audit import services

    def refuse(**kwargs):
        raise DatabaseError("audit trail unavailable")

    monkeypatch.setattr(services, "audit_event_record", refuse)
    client = client_as("team_manager")
    client.raise_request_exception = False
    response = client.post(f"/children/{child.pk}/edit/", {**FORM, "family_name": "Other"})
    assert response.status_code == 500
    assert Child.objects.get(pk=child.pk).family_name == "Mason"


def test_history_lists_the_change_newest_first(client_as, child):
    client = client_as("team_manager")
    client.post(f"/children/{child.pk}/edit/", {**FORM, "family_name": "Mason-Hart"})
    client.post(f"/children/{child.pk}/edit/", {**FORM, "family_name": "Hart",
                                                "looked_after": "yes"})
    page = client.get(f"/children/{child.pk}/history/?changes=1").content.decode()
    newer = page.index("changed to</span> Hart</li>")
    older = page.index("changed to</span> Mason-Hart</li>")
    assert newer < older  # newest first
    assert ('<span class="govuk-!-font-weight-bold">Family name:</span> Mason <span '
            'aria-hidden="true">→</span><span class="govuk-visually-hidden"> changed to</span> '
            'Mason-Hart') in page
    assert ('<span class="govuk-!-font-weight-bold">Looked after:</span> No <span '
            'aria-hidden="true">→</span><span class="govuk-visually-hidden"> changed to</span> '
            'Yes') in page
    assert "test-team_manager" in page
    assert "Showing 1 to 2 of 2" in page


def test_history_is_paginated_and_its_view_is_recorded(client_as, child):
    for _ in range(30):
        AuditEvent.objects.create(at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), action="view",
                                  actor_name="someone", table="child", record_id=child.pk,
                                  child_id=child.pk, detail="Child record")
    client = client_as("team_manager")
    page = client.get(f"/children/{child.pk}/history/").content.decode()
    assert "Showing 1 to 25 of 31" in page  # 30 made here and the history's own view
    assert 'href="?page=2"' in page
    page2 = client.get(f"/children/{child.pk}/history/?page=2").content.decode()
    assert "Showing 26 to 32 of 32" in page2


# --- Recording an assessment's completion --------------------------------------------------

@pytest.fixture
def outstanding(child):
    assessment = Assessment.objects.filter(child_id=child.pk).order_by("pk").first()
    Assessment.objects.filter(pk=assessment.pk).update(completed_date=None, programme=None,
                                                      due_date=dt.date(2025, 3, 1))
    return Assessment.objects.get(pk=assessment.pk)


def test_recording_an_assessment_completion(client_as, child, outstanding):
    client = client_as("practitioner")
    record = client.get(f"/children/{child.pk}/").content.decode()
    url = f"/children/{child.pk}/assessments/{outstanding.pk}/complete/"
    assert f'href="{url}"' in record
    response = client.post(url, {"completed_date_day": "3", "completed_date_month": "3",
                                 "completed_date_year": "2025"})
    assert response.status_code == 302
    assert Assessment.objects.get(pk=outstanding.pk).completed_date == dt.date(2025, 3, 3)
    [event] = updates()
    assert (event.table, event.record_id, event.child_id, event.changes) == (
        "assessment", outstanding.pk, child.pk, {"completed_date": [None, "2025-03-03"]})


@pytest.mark.parametrize("day, month, year, message", [
    ("31", "2", "2025", 'Date completed must be a real date: "31 2 2025" is not a date '
                        "(enter it like 27 3 2026)"),
    ("3", "", "2025", "Date completed must include a month"),
    ("", "", "", "Enter the date completed"),
    ("1", "1", "2999", 'Date completed must be today or in the past: "1 1 2999" is in the '
                       "future"),
])
def test_a_bad_completion_date_is_refused(client_as, child, outstanding, day, month, year,
                                          message):
    response = client_as("practitioner").post(
        f"/children/{child.pk}/assessments/{outstanding.pk}/complete/",
        {"completed_date_day": day, "completed_date_month": month, "completed_date_year": year})
    assert response.status_code == 200
    page = response.content.decode().replace("&quot;", '"')
    assert f'<a href="#id_completed_date_day">{message}</a>' in page
    assert Assessment.objects.get(pk=outstanding.pk).completed_date is None
    assert updates() == []


def test_completion_of_another_childs_assessment_is_404(client_as, child, demo):
    other = Assessment.objects.filter(child_id=demo.child_elsewhere).first()
    response = client_as("practitioner").post(
        f"/children/{child.pk}/assessments/{other.pk}/complete/",
        {"completed_date_day": "3", "completed_date_month": "3", "completed_date_year": "2025"})
    assert response.status_code == 404
