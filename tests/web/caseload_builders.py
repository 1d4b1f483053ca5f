"""Rows made inside a test, on top of the demo service, for the caseload and data-quality tests.

Identifiers start with ``TST`` so they never meet the demo's; everything is rolled back with the
test's transaction.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from yjhub.accounts.services import user_create
from yjhub.casedata.models import (
    Assessment,
    CaseAllocation,
    Child,
    InterventionProgramme,
    Staff,
    Team,
)


def staff(staff_id: str, team_id: str, given: str, family: str) -> Staff:
    return Staff.objects.create(staff_id=staff_id, team_id=team_id, given_name=given,
                                family_name=family, role="practitioner",
                                start_date=dt.date(2020, 1, 1))


def child(child_id: str, given: str, family: str, **values) -> Child:
    service_id = Team.objects.values_list("service_id", flat=True).first()
    return Child.objects.create(child_id=child_id, service_id=service_id, given_name=given,
                                family_name=family, date_of_birth=dt.date(2010, 5, 1),
                                sex="M", **values)


def allocation(allocation_id: str, child_id: str, team_id: str, staff_id: str | None,
               start: dt.date, end: dt.date | None = None, **values) -> CaseAllocation:
    return CaseAllocation.objects.create(allocation_id=allocation_id, child_id=child_id,
                                         team_id=team_id, staff_id=staff_id, start_date=start,
                                         end_date=end, **values)


def programme(programme_id: str, child_id: str, programme_type: str, start: dt.date,
              planned_end: dt.date | None = None, **values) -> InterventionProgramme:
    return InterventionProgramme.objects.create(
        programme_id=programme_id, child_id=child_id, programme_type=programme_type,
        start_date=start, planned_end_date=planned_end, **values)


def assessment(assessment_id: str, child_id: str, stage: str, due: dt.date | None,
               completed: dt.date | None = None, **values) -> Assessment:
    values.setdefault("tool", "assetplus")
    return Assessment.objects.create(assessment_id=assessment_id, child_id=child_id,
                                     stage=stage, due_date=due, completed_date=completed,
                                     **values)


def practitioner_user(username: str, team_id: str, staff_id: str):
    """A practitioner in ``team_id`` whose own caseload is ``staff_id``'s, with a confirmed
    second factor."""
    user = user_create(username=username, password="correct horse battery",
                       role="practitioner", team_id=team_id, staff_id=staff_id)
    TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


# -- the caseload tests' cases -----------------------------------------------------------------

@pytest.fixture(name="today")
def today_fixture() -> dt.date:
    return timezone.localdate()


@pytest.fixture(name="cases")
def cases_fixture(demo, today):
    """Three open cases of Ada Archer (TST-S1) in the team-role users' team, one of Bea Brown
    (TST-S2) in the same team, one of Cal Cole (TST-S3) in another team, and a closed one."""
    t, o = demo.team_id, demo.other_team_id
    d = lambda n: today + dt.timedelta(days=n)  # noqa: E731
    staff("TST-S1", t, "Ada", "Archer")
    staff("TST-S2", t, "Bea", "Brown")
    staff("TST-S3", o, "Cal", "Cole")

    # A: last assessment 192 days ago (on time), its next review 10 days ago.
    child("TST-A", "Amy", "Zephyr", looked_after=False, send_need=False)
    allocation("TST-LA", "TST-A", t, "TST-S1", d(-200), mappa_level=0, risk_panel=False)
    programme("TST-PA", "TST-A", "youth_rehabilitation_order", d(-200), d(165))
    assessment("TST-SA1", "TST-A", "start", d(-190), d(-192), risk_of_harm="high",
                     safety_wellbeing="medium", likelihood_of_reoffending="low",
                     scaled_approach_level="enhanced", next_review_due=d(-10),
                     programme_id="TST-PA")
    # B: allocated 30 days ago; its start assessment was due 5 days ago and is not done.
    child("TST-B", "Ben", "Young", looked_after=False, send_need=False)
    allocation("TST-LB", "TST-B", t, "TST-S1", d(-30), mappa_level=0, risk_panel=False)
    programme("TST-PB", "TST-B", "referral_order", d(-30), d(335))
    assessment("TST-SB1", "TST-B", "start", d(-5), None, programme_id="TST-PB")
    # F: nothing overdue.
    child("TST-F", "Fay", "Xylo", looked_after=False, send_need=False)
    allocation("TST-LF", "TST-F", t, "TST-S1", d(-60), mappa_level=0, risk_panel=False)
    programme("TST-PF", "TST-F", "referral_order", d(-60), d(100))
    assessment("TST-SF1", "TST-F", "start", d(-50), d(-52), risk_of_harm="low",
                     safety_wellbeing="low", likelihood_of_reoffending="low",
                     scaled_approach_level="standard", next_review_due=d(30),
                     programme_id="TST-PF")
    # C: Bea Brown's; start assessment completed 5 days late; MAPPA 2, risk panel, looked
    # after, SEND with an EHCP.
    child("TST-C", "Cat", "Walker", looked_after=True, send_need=True, send_plan=True)
    allocation("TST-LC", "TST-C", t, "TST-S2", d(-100), mappa_level=2, risk_panel=True)
    programme("TST-PC", "TST-C", "detention_training_order", d(-100), d(200))
    assessment("TST-SC1", "TST-C", "start", d(-85), d(-80), risk_of_harm="very_high",
                     safety_wellbeing="high", likelihood_of_reoffending="high",
                     scaled_approach_level="intensive", next_review_due=d(10),
                     programme_id="TST-PC")
    # D: another team's case, overdue.
    child("TST-D", "Dan", "Other")
    allocation("TST-LD", "TST-D", o, "TST-S3", d(-300))
    assessment("TST-SD1", "TST-D", "start", d(-250), d(-250), risk_of_harm="medium",
                     next_review_due=d(-150))
    # E: closed ten days ago: not on anyone's caseload.
    child("TST-E", "Eve", "Closed")
    allocation("TST-LE", "TST-E", t, "TST-S1", d(-300), d(-10))
