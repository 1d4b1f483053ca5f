"""The web app's tests run against the demo service, loaded once per test session.

``django_db_setup`` is extended: after the test database is made, the demo data is generated and
imported through the importer (as ``yjhub setup --demo`` does), and one user per role is made.
Each test still runs in a transaction that is rolled back. The data is removed at the end of the
session so later test modules find an empty database.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from yjhub.accounts.roles import ROLES, TEAM_ROLES

DEMO_SEED = 20061


@dataclass
class Demo:
    team_id: str          # the team the team-role users are in
    other_team_id: str    # another team, whose children they must not see
    staff_id: str         # the practitioner's staff id
    child_in_team: str    # a child currently allocated to team_id
    child_elsewhere: str  # a child allocated only to other teams (with an assessment due)
    assessment_outstanding: str  # an assessment of child_in_team not yet completed


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory):
    from yjhub.synthetic import generate

    folder = tmp_path_factory.mktemp("demo")
    generate("demo", seed=DEMO_SEED, out=folder)
    return folder


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, demo_folder):
    from django.core.management import call_command

    from yjhub.casedata.services import bank_holidays_load
    from yjhub.importing.services import import_run_create

    with django_db_blocker.unblock():
        bank_holidays_load()
        result = import_run_create(path=demo_folder, actor="tests/web")
        assert result.status == "loaded", result.text
        _users_create()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def _demo_facts() -> Demo:
    from django.db.models import Q

    from yjhub.casedata.models import Assessment, CaseAllocation, Staff

    practitioner = Staff.objects.filter(role="practitioner", end_date__isnull=True) \
        .order_by("staff_id").first()
    team_id = practitioner.team_id
    open_here = CaseAllocation.objects.filter(
        team_id=team_id, end_date__isnull=True,
        child_id__in=Assessment.objects.filter(completed_date__isnull=True).values("child_id"))
    child_in_team = open_here.order_by("child_id").values_list("child_id", flat=True).first()
    never_here = CaseAllocation.objects.exclude(
        child_id__in=CaseAllocation.objects.filter(team_id=team_id).values("child_id")).filter(
        child_id__in=Assessment.objects.filter(completed_date__isnull=True).values("child_id"))
    child_elsewhere = never_here.order_by("child_id").values_list("child_id", flat=True).first()
    other_team_id = CaseAllocation.objects.filter(~Q(team_id=team_id)) \
        .order_by("team_id").values_list("team_id", flat=True).first()
    assessment = Assessment.objects.filter(child_id=child_in_team, completed_date__isnull=True) \
        .order_by("assessment_id").values_list("assessment_id", flat=True).first()
    return Demo(team_id, other_team_id, practitioner.staff_id, child_in_team, child_elsewhere,
                assessment)


def _users_create():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from yjhub.accounts.services import user_create

    facts = _demo_facts()
    for role in ROLES:
        user = user_create(username=f"test-{role}", password="correct horse battery",
                           role=role, team_id=facts.team_id if role in TEAM_ROLES else None,
                           staff_id=facts.staff_id if role == "practitioner" else "")
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)


@pytest.fixture
def demo(db) -> Demo:
    return _demo_facts()


def signed_in_client(user) -> Client:
    """A client signed in as ``user`` with both factors, as the sign-in pages leave it."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get().persistent_id
    session.save()
    return client


@pytest.fixture
def client_as(db):
    """``client_as("team_manager")``: a client signed in as the test user with that role."""
    from yjhub.accounts.models import User

    def make(role: str) -> Client:
        return signed_in_client(User.objects.get(username=f"test-{role}"))

    return make
