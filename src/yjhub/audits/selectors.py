"""Reads for case audits, scoped to the user.

- Performance officer, head of service and team manager (who create and moderate audits): every
  audit of the service.
- Case auditor: the audits they are given (``AuditAssessor``), and of those only the cases
  assigned to them to answer; they may open those audits' sampled children's records
  (``yjhub.casedata.selectors.children_visible``).

``recommendations_of(audit)`` is the stable way for other apps (inspection improvement plans)
to read an audit's recommendations.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from yjhub.accounts.permissions import permission
from yjhub.audits import framework as fw
from yjhub.audits.models import Audit, AuditAnswer, AuditJudgement, Recommendation, SampledCase
from yjhub.audits.sampling import Case, counts_by
from yjhub.audits.scoring import Answer, AuditScores, audit_score

# --- Frameworks ----------------------------------------------------------------------------


def service_frameworks_dir():
    """Where a service keeps its own framework files (``var/audit-frameworks``)."""
    return getattr(settings, "AUDIT_FRAMEWORKS_DIR", settings.VAR_DIR / "audit-frameworks")


@lru_cache(maxsize=8)
def _frameworks(folder: str, stamp: float) -> tuple[dict, list[str]]:
    packaged = fw.packaged_frameworks()
    own, problems = fw.frameworks_read(folder, known=packaged)
    return {**packaged, **own}, problems


def _service_frameworks() -> tuple[dict, list[str]]:
    folder = service_frameworks_dir()
    stamp = max((p.stat().st_mtime for p in folder.glob("*.yaml")), default=0) \
        if folder.is_dir() else 0
    return _frameworks(str(folder), stamp)


def frameworks_all() -> dict[tuple[str, str], fw.Framework]:
    """The packaged frameworks and the service's own usable ones (re-read when its folder
    changes). A file with problems is left out, not fatal: see ``framework_problems``."""
    return _service_frameworks()[0]


def framework_problems() -> list[str]:
    """Why any of the service's own framework files is not offered."""
    return _service_frameworks()[1]


def case_frameworks() -> list[fw.CaseFramework]:
    return sorted((f for f in frameworks_all().values() if f.kind == "case_audit"),
                  key=lambda f: (f.title, f.version))


def framework_of(audit: Audit) -> fw.CaseFramework:
    found = frameworks_all().get((audit.framework_id, audit.framework_version))
    if found is None:
        raise fw.FrameworkError([f"audit {audit.reference}: framework "
                                 f"{audit.framework_id} version {audit.framework_version} is "
                                 f"no longer among the framework files"])
    return found


# --- Who sees what -------------------------------------------------------------------------

def can_manage(user) -> bool:
    return user.has_perm(permission("audit_manage"))


def audits_visible(*, user) -> QuerySet:
    if can_manage(user):
        return Audit.objects.all()
    if user.has_perm(permission("audit_view")):
        return Audit.objects.filter(auditassessor__user=user).distinct()
    return Audit.objects.none()


def audit_get(*, user, audit_id: int) -> Audit:
    audit = audits_visible(user=user).filter(pk=audit_id).first()
    if audit is None:
        raise Http404("No audit found")
    return audit


def cases_of(*, user, audit: Audit) -> QuerySet:
    """The audit's sampled cases the user may open: all for managers, their own otherwise."""
    cases = audit.cases.select_related("assessor", "moderated_by")
    if not can_manage(user):
        cases = cases.filter(assessor=user)
    return cases.annotate(answer_count=Count("answers")).order_by("position")


def case_get(*, user, audit: Audit, case_id: int) -> SampledCase:
    case = cases_of(user=user, audit=audit).filter(pk=case_id).first()
    if case is None:
        raise Http404("No case found")
    return case


def case_answerable(*, user, case: SampledCase) -> bool:
    """The case's assessor answers it; those who moderate may correct it. Only while the
    audit is open."""
    if not case.audit.is_open:
        return False
    return (case.assessor_id == user.pk and user.has_perm(permission("audit_answer"))) \
        or can_manage(user)


def sampled_child_ids_of(*, user) -> QuerySet:
    """Child ids sampled in the open audits the user is given (for ``children_visible``)."""
    return SampledCase.objects.filter(audit__auditassessor__user=user,
                                      audit__status="open").values("child_id")


# --- The caseload to sample from -----------------------------------------------------------

def caseload_for_sampling(*, framework: fw.CaseFramework, start: dt.date,
                          end: dt.date) -> list[Case]:
    """One case per child with an order or programme of the framework's case types open on any
    day from ``start`` to ``end`` (the latest started, if several): its type, the team it was
    allocated to at ``end`` (else its latest allocation before), the risk of harm of the latest
    assessment completed by ``end``, the child's sex and broad ethnic group."""
    from yjhub.casedata.models import Assessment, CaseAllocation, Child, InterventionProgramme

    programmes = InterventionProgramme.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start), start_date__lte=end,
        kind__in=framework.sampling.case_types).order_by(
        "child_id", "-start_date", "-programme_id").values_list(
        "child_id", "programme_id", "kind")
    latest: dict[str, tuple[str, str]] = {}
    for child_id, programme_id, kind in programmes:
        latest.setdefault(child_id, (programme_id, kind))
    children = list(latest)
    teams: dict[str, tuple[str, str]] = {}
    for child_id, team_id, team_name in CaseAllocation.objects.filter(
            child_id__in=children, start_date__lte=end).order_by(
            "child_id", "-start_date", "-allocation_id").values_list(
            "child_id", "team_id", "team__name"):
        teams.setdefault(child_id, (team_id, team_name))
    risks: dict[str, str] = {}
    for child_id, risk in Assessment.objects.filter(
            child_id__in=children, completed_date__lte=end).order_by(
            "child_id", "-completed_date", "-assessment_id").values_list(
            "child_id", "risk_of_harm"):
        risks.setdefault(child_id, risk)
    people = {c: (sex, eg) for c, sex, eg in Child.objects.filter(
        pk__in=children).values_list("child_id", "sex", "ethnic_group")}
    return [Case(child_id=c, team=teams.get(c, ("", ""))[0], case_type=kind,
                 risk_of_harm=risks.get(c), sex=people[c][0], ethnic_group=people[c][1],
                 programme_id=programme_id)
            for c, (programme_id, kind) in sorted(latest.items())]


def team_names(*, team_ids) -> dict[str, str]:
    from yjhub.casedata.models import Team

    return dict(Team.objects.filter(pk__in=list(team_ids)).values_list("team_id", "name"))


# --- Progress, answers, scores -------------------------------------------------------------

def audit_progress(*, audit: Audit) -> dict:
    cases = audit.cases.aggregate(total=Count("id"),
                                  answered=Count("id", filter=Q(answered_at__isnull=False)),
                                  moderated=Count("id", filter=Q(moderated_at__isnull=False)),
                                  assigned=Count("id", filter=Q(assessor__isnull=False)))
    cases["answers"] = AuditAnswer.objects.filter(case__audit=audit).count()
    return cases


def sample_counts(*, audit: Audit) -> dict[str, dict[str, int]]:
    dimensions = list(audit.caseload_counts)
    cases = [Case(child_id=c.child_id, team=c.team_id, case_type=c.case_type or None,
                  risk_of_harm=c.risk_of_harm or None, sex=c.sex or None,
                  ethnic_group=c.ethnic_group or None) for c in audit.cases.all()]
    return counts_by(cases, dimensions)


def answers_of(*, case: SampledCase) -> dict[str, AuditAnswer]:
    return {a.question_id: a for a in case.answers.all()}


def audit_answers(*, audit: Audit) -> list[Answer]:
    return [Answer(case_id, q, a) for case_id, q, a in AuditAnswer.objects.filter(
        case__audit=audit).values_list("case_id", "question_id", "answer")]


def judgements_of(*, audit: Audit) -> dict[str, AuditJudgement]:
    return {j.criterion_id: j for j in audit.judgements.all()}


def audit_scores(*, audit: Audit) -> AuditScores:
    framework = framework_of(audit)
    judged = {c: j.rating for c, j in judgements_of(audit=audit).items()}
    return audit_score(framework, audit_answers(audit=audit), judgements=judged)


def audits_previous(*, audit: Audit, limit: int = 3) -> list[tuple[Audit, AuditScores]]:
    """Earlier completed audits with the same framework, newest first, with their scores."""
    earlier = Audit.objects.filter(framework_id=audit.framework_id,
                                   framework_version=audit.framework_version,
                                   status="complete", period_end__lte=audit.period_end) \
        .exclude(pk=audit.pk).order_by("-period_end", "-id")[:limit]
    return [(a, audit_scores(audit=a)) for a in earlier]


def recommendations_of(audit: Audit) -> QuerySet:
    """The audit's recommendations, in order; each has a stable ``reference`` (AUD-0003-R2),
    its text, owner and the criteria it answers."""
    return Recommendation.objects.filter(audit=audit).order_by("number")


def recommendation_by_reference(reference: str) -> Recommendation | None:
    """A recommendation by its stable reference (AUD-0003-R2), for a plan that links to it."""
    return Recommendation.objects.select_related("audit").filter(reference=reference).first()


def assessor_candidates() -> QuerySet:
    """Users who may be given cases to answer: case auditors and team managers, active."""
    from yjhub.accounts.models import User

    return User.objects.filter(
        is_active=True, role_assignments__role__in=["case_auditor", "team_manager"]) \
        .distinct().order_by("last_name", "first_name", "username")
