"""Every URL the app defines, visited as every role and as nobody signed in.

The URLs come from the URL configuration, so a new page cannot escape: it fails here until it is
given a line in ``WHO_GETS_IN``. That table is written out by hand from the issue's roles, as a
statement independent of ``accounts/permissions.py``:

- practitioner: their own and their team's cases; team manager: their team;
- performance officer: all case data, imports, indicators; head of service: everything in the
  service, and the audit log;
- board member: aggregate figures only; case auditor: the sampled cases of an audit;
- administrator: users, no case data.

Pages about one child are also visited for a child outside the team roles' team: those get 404,
so a child's existence is not revealed.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.web.plans_support import plan_samples
from yjhub.accounts.roles import ROLES

pytestmark = pytest.mark.django_db

PUBLIC = "public"          # anyone, signed in or not
SIGNED_IN = "signed in"    # anyone who has signed in (account pages)
SIGNING_IN = "signing in"  # the steps of signing in: someone fully signed in is sent on
CASE = {"practitioner", "team_manager", "performance_officer", "head_of_service"}
FIGURES = CASE | {"board_member"}
REPORT_MANAGE = {"performance_officer", "head_of_service"}  # registers, budget, rota, report
RISKS_READ = REPORT_MANAGE | {"team_manager", "board_member"}
REPORT_READ = REPORT_MANAGE | {"board_member"}
AUDIT_MANAGERS = {"team_manager", "performance_officer", "head_of_service"}
AUDITS = AUDIT_MANAGERS | {"case_auditor"}

WHO_GETS_IN: dict[str, object] = {
    "web:health": PUBLIC,
    "accounts:login": SIGNING_IN,
    "accounts:invitation_accept": PUBLIC,
    "accounts:signed_out": PUBLIC,
    "accounts:second_factor": SIGNING_IN,
    "accounts:second_factor_setup": SIGNING_IN,
    "accounts:logout": SIGNED_IN,
    "accounts:password_change": SIGNED_IN,
    "accounts:users": {"administrator"},
    "accounts:user_invite": {"administrator"},
    "accounts:user_detail": {"administrator"},
    "performance:home": FIGURES,
    "performance:indicators": FIGURES,
    "performance:indicator": FIGURES,
    "performance:indicator_children": CASE,
    "caseload:caseload": CASE,
    "caseload:caseload_export": CASE,
    "caseload:data_quality": CASE,
    "casedata:children": CASE | {"case_auditor"},
    "casedata:child": CASE | {"case_auditor"},
    "casedata:child_edit": {"practitioner", "team_manager", "performance_officer"},
    "casedata:child_history": {"team_manager", "performance_officer", "head_of_service"},
    "casedata:assessment_complete": {"practitioner", "team_manager", "performance_officer"},
    "importing:imports": {"performance_officer", "head_of_service"},
    "importing:import_run": {"performance_officer", "head_of_service"},
    "importing:import_report": {"performance_officer", "head_of_service"},
    "audit:search": {"head_of_service"},
    "audit:search_export": {"head_of_service"},
    "actions:plans": FIGURES,
    "actions:plan": FIGURES,
    "actions:action": FIGURES,
    "actions:plan_export": FIGURES,
    "actions:actions_due": FIGURES,
    "actions:plan_create": {"performance_officer", "head_of_service"},
    "actions:plan_edit": {"performance_officer", "head_of_service"},
    # The audit is open to the case auditor too, but raising a plan is for those who manage
    # plans.
    "actions:plan_from_audit": {"performance_officer", "head_of_service"},
    "actions:plan_carry_forward": {"performance_officer", "head_of_service"},
    "actions:action_create": {"performance_officer", "head_of_service"},
    "actions:recommendation_create": {"performance_officer", "head_of_service"},
    "actions:recommendation_edit": {"performance_officer", "head_of_service"},
    "actions:leads": {"performance_officer", "head_of_service"},
    "actions:lead_edit": {"performance_officer", "head_of_service"},
    "actions:plan_imports": {"performance_officer", "head_of_service"},
    "actions:plan_import": {"performance_officer", "head_of_service"},
    # A team manager only for actions they or their team lead (the sample's lead is in it).
    "actions:action_edit": {"team_manager", "performance_officer", "head_of_service"},
    "actions:progress_create": {"team_manager", "performance_officer", "head_of_service"},
    "risks:registers": RISKS_READ,
    "risks:register": RISKS_READ,
    "risks:register_export": RISKS_READ,
    "risks:risk": RISKS_READ,
    "risks:register_new": REPORT_MANAGE,
    "risks:register_edit": REPORT_MANAGE,
    "risks:register_upload": REPORT_MANAGE,
    "risks:risk_new": REPORT_MANAGE,
    "risks:risk_edit": REPORT_MANAGE,
    "boardreport:report": REPORT_READ,
    "boardreport:report_download": REPORT_READ,
    "boardreport:budget": REPORT_MANAGE,
    "boardreport:budget_line_new": REPORT_MANAGE,
    "boardreport:budget_line_edit": REPORT_MANAGE,
    "boardreport:budget_upload": REPORT_MANAGE,
    "boardreport:budget_export": REPORT_MANAGE,
    "boardreport:rota": REPORT_MANAGE,
    "audits:audits": AUDITS,
    "audits:audit_create": AUDIT_MANAGERS,
    "audits:audit": AUDITS,
    "audits:audit_assign": AUDIT_MANAGERS,
    "audits:case": AUDITS,
    "audits:scores": AUDITS,
    "audits:recommendations": AUDITS,
    "audits:report": AUDIT_MANAGERS,
    "audits:self_assessments": AUDIT_MANAGERS | {"board_member"},
    "audits:self_assessment_create": {"performance_officer", "head_of_service"},
    "audits:self_assessment": AUDIT_MANAGERS | {"board_member"},
    "plans:plans": {"head_of_service", "performance_officer", "team_manager", "board_member"},
    "plans:plan": {"head_of_service", "performance_officer", "team_manager", "board_member"},
    "plans:plan_versions": {"head_of_service", "performance_officer", "team_manager",
                            "board_member"},
    "plans:plan_download": {"head_of_service", "performance_officer", "team_manager",
                            "board_member"},
    "plans:plan_new": {"head_of_service", "performance_officer"},
    "plans:plan_upload": {"head_of_service", "performance_officer"},
    "plans:plan_section": {"head_of_service", "performance_officer"},
    "plans:plan_area": {"head_of_service", "performance_officer"},
    "plans:plan_table": {"head_of_service", "performance_officer"},
    "plans:plan_signoff": {"head_of_service", "performance_officer"},
    "plans:plan_refresh": {"head_of_service", "performance_officer"},
}

#: Pages about one child. The sample child is in the team roles' team, and sampled in an open
#: audit given to the case auditor (who sees only the children sampled for their audits, so
#: they get in; ``test_a_child_outside_the_team`` checks they get 404 for a child not sampled).
CHILD_PAGES = {"casedata:child", "casedata:child_edit", "casedata:child_history",
               "casedata:assessment_complete"}

#: Public pages that answer 404 for the sample value (an invitation token that does not exist).
PUBLIC_NOT_FOUND = {"accounts:invitation_accept"}


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name, route, view) for every URL of the app, Django's admin aside (not mounted)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from url_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern), entry.callback


def sample_path(route: str, values: dict[str, str]) -> str:
    path = route
    for key, value in values.items():
        for converter in ("str", "int", "slug", "path"):
            path = path.replace(f"<{converter}:{key}>", str(value))
    assert "<" not in path, f"no sample value for {route}"
    return "/" + path


@pytest.fixture
def samples(demo, tmp_path):
    from tests.web.actions_support import actions_samples
    from yjhub.accounts.models import User
    from yjhub.importing.services import import_run_create

    bad = tmp_path / "export" / "child.csv"
    bad.parent.mkdir()
    bad.write_text("child_id,service_id,date_of_birth,sex\nX1,S1,31/02/2010,M\n")
    rejected = import_run_create(path=bad.parent, actor="access matrix").run
    from yjhub.risks.services import register_create, risk_create

    register = register_create(user=None, name="Access matrix register", scale_max=3)
    risk = risk_create(user=None, register=register,
                       data={"ref": "R1", "title": "A risk", "impact": 2, "likelihood": 3})
    from yjhub.boardreport.services import budget_line_create

    line = budget_line_create(user=None, first_year=2024, data={
        "agency": "Police", "contribution": "Staffing", "budget": 1000})
    audit, case = _audit_given_to_the_case_auditor(demo.child_in_team)
    return {
        "child_id": demo.child_in_team,
        "assessment_id": demo.assessment_outstanding,
        "indicator_id": "kpi2023.ete",
        "user_id": User.objects.get(username="test-practitioner").pk,
        "run_id": rejected.pk,  # a run with a problem report
        "token": "no-such-invitation",
        **actions_samples(demo),
        "register_id": register.pk,
        "risk_id": risk.pk,
        "quarter": "2024-Q3",
        "fmt": "html",
        "year": 2024,
        "line_id": line.pk,
        "audit_id": audit.pk,
        "case_id": case.pk,
        "self_assessment_id": _self_assessment().pk,
        **plan_samples(),
    }


def _self_assessment():
    from django.utils import timezone

    from yjhub.accounts.models import User
    from yjhub.audits.models import SelfAssessment

    return SelfAssessment.objects.create(
        title="EPQA", framework_id="yjb-epqa", framework_version="2005.1",
        assessed_on=timezone.localdate(), created_at=timezone.now(),
        created_by=User.objects.get(username="test-performance_officer"))


def _audit_given_to_the_case_auditor(child_id: str):
    """An open audit that sampled ``child_id``, its case assigned to the test case auditor."""
    from django.utils import timezone

    from yjhub.accounts.models import User
    from yjhub.audits.models import Audit, AuditAssessor, SampledCase

    auditor = User.objects.get(username="test-case_auditor")
    today = timezone.localdate()
    audit = Audit.objects.create(
        title="Access matrix audit", framework_id="hmip-cci-2009", framework_version="2009.1",
        period_start=today.replace(year=today.year - 1), period_end=today, sample_size=38,
        seed=1, caseload_size=1, caseload_counts={"case_type": {"community": 1}},
        created_by=User.objects.get(username="test-performance_officer"),
        created_at=timezone.now())
    AuditAssessor.objects.create(audit=audit, user=auditor, added_at=timezone.now())
    case = SampledCase.objects.create(audit=audit, position=1, child_id=child_id,
                                      case_type="community", assessor=auditor)
    return audit, case


def expected_status(name: str, role: str | None) -> int:
    who = WHO_GETS_IN[name]
    if who == SIGNING_IN:
        return 200 if role is None and name == "accounts:login" else 302
    if who == PUBLIC:
        return 404 if name in PUBLIC_NOT_FOUND else 200
    if role is None:
        return 302
    if who == SIGNED_IN:
        return 200
    if role not in who:
        return 403
    return 200


def test_every_url_is_in_the_matrix():
    names = {name for name, _, _ in url_patterns()}
    assert names == set(WHO_GETS_IN), (
        f"missing from the matrix: {sorted(names - set(WHO_GETS_IN))}; "
        f"no longer in the app: {sorted(set(WHO_GETS_IN) - names)}")


def test_every_view_declares_its_access():
    for name, _, view in url_patterns():
        assert hasattr(view, "required_permission"), f"{name} does not declare who may open it"


@pytest.mark.parametrize("role", [None, *sorted(ROLES)])
def test_who_gets_in(role, client, client_as, samples):
    browser = client_as(role) if role else client
    wrong = []
    for name, route, _ in url_patterns():
        path = sample_path(route, samples)
        response = browser.get(path)
        want = expected_status(name, role)
        if response.status_code != want:
            wrong.append(f"{name} {path}: {response.status_code}, expected {want}")
        if role is None and want == 302 and WHO_GETS_IN[name] != SIGNING_IN:
            assert response.url.startswith("/sign-in/"), path
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", sorted(ROLES))
def test_a_child_outside_the_team(role, client_as, demo, samples):
    """Team roles get 404 for a child who was never in their team; service-wide roles get in."""
    from yjhub.casedata.models import Assessment

    browser = client_as(role)
    elsewhere = {**samples, "child_id": demo.child_elsewhere,
                 "assessment_id": Assessment.objects.filter(
                     child_id=demo.child_elsewhere, completed_date__isnull=True)
                 .values_list("assessment_id", flat=True).first()}
    for name in sorted(CHILD_PAGES):
        route = next(r for n, r, _ in url_patterns() if n == name)
        response = browser.get(sample_path(route, elsewhere))
        allowed = WHO_GETS_IN[name]
        if role not in allowed:
            want = 403
        elif role in {"practitioner", "team_manager", "case_auditor"}:
            want = 404
        else:
            want = 200
        assert response.status_code == want, f"{role} {name}: {response.status_code}"
