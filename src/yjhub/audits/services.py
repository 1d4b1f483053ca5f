"""Writes for case audits, each in one transaction with its audit event.

``audit_create`` draws the sample; ``audit_assessors_assign`` shares the cases out;
``case_answers_save`` records a case's answers (each changed answer in the event, old -> new);
``case_moderate``, ``judgement_record``, ``recommendation_create`` and ``audit_complete``
follow. Every function checks the user may do it (``AuditRuleError`` / ``PermissionDenied``).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from yjhub.accounts.permissions import permission, roles_of
from yjhub.audit.services import audit_event_record
from yjhub.audits import selectors
from yjhub.audits.framework import ANSWERS, CaseFramework
from yjhub.audits.models import (
    Audit,
    AuditAnswer,
    AuditAssessor,
    AuditJudgement,
    Recommendation,
    SampledCase,
)
from yjhub.audits.sampling import counts_by, sample_draw


class AuditRuleError(ValueError):
    """A change the audit's rules refuse, with the reason in words."""


def _require(user, name: str) -> None:
    if not user.has_perm(permission(name)):
        raise PermissionDenied


def _require_open(audit: Audit) -> None:
    if not audit.is_open:
        raise AuditRuleError(f"audit {audit.reference} is complete: its answers are final")


def audit_create(*, user, framework: CaseFramework, title: str, period_start: dt.date,
                 period_end: dt.date, size: int | None = None, per_team: int | None = None,
                 seed: int | None = None, request=None) -> Audit:
    """A new audit with its sample drawn from the caseload of the period (see
    ``selectors.caseload_for_sampling``). A seed is chosen when none is given, and kept."""
    _require(user, "audit_manage")
    if period_end < period_start:
        raise AuditRuleError("the period cannot end before it starts")
    if (size is None) == (per_team is None):
        raise AuditRuleError("give either a sample size or a number of cases per team")
    rules = framework.sampling
    if size is not None and not rules.minimum <= size <= rules.maximum:
        raise AuditRuleError(f"{framework.title} samples between {rules.minimum} and "
                             f"{rules.maximum} cases: {size} is outside that")
    seed = seed if seed is not None else secrets.randbelow(1_000_000)
    caseload = selectors.caseload_for_sampling(framework=framework, start=period_start,
                                               end=period_end)
    if not caseload:
        raise AuditRuleError(f"no cases of the types {', '.join(rules.case_types)} were open "
                             f"between {period_start:%d %B %Y} and {period_end:%d %B %Y}")
    drawn = sample_draw(caseload, seed=seed, size=size, per_team=per_team,
                        strata=rules.strata)
    dimensions = list(dict.fromkeys([*rules.strata, "team"]))
    names = selectors.team_names(team_ids={c.team for c in drawn})
    with transaction.atomic():
        audit = Audit.objects.create(
            title=title, framework_id=framework.id, framework_version=framework.version,
            period_start=period_start, period_end=period_end, sample_size=size,
            per_team=per_team, seed=seed, caseload_size=len(caseload),
            caseload_counts=counts_by(caseload, dimensions), created_by=user,
            created_at=timezone.now())
        SampledCase.objects.bulk_create([
            SampledCase(audit=audit, position=i, child_id=c.child_id,
                        programme_id=c.programme_id, case_type=c.case_type or "",
                        risk_of_harm=c.risk_of_harm or "", sex=c.sex or "",
                        ethnic_group=c.ethnic_group or "", team_id=c.team,
                        team_name=names.get(c.team, ""))
            for i, c in enumerate(drawn, 1)])
        audit_event_record(
            user=user, action="create", table="audit", record_id=str(audit.pk),
            changes={"title": [None, title], "framework": [None, f"{framework.id} "
                                                                f"{framework.version}"],
                     "period": [None, f"{period_start.isoformat()} to "
                                      f"{period_end.isoformat()}"],
                     "seed": [None, seed], "sample": [None, len(drawn)],
                     "caseload": [None, len(caseload)],
                     "children": [c.child_id for c in drawn]},
            detail=f"Created audit {audit.reference} and drew its sample", request=request)
    return audit


def audit_assessors_assign(*, user, audit: Audit, assessors: list, request=None) -> dict:
    """Give the audit to ``assessors`` and share its unassigned cases among them in turn. A
    team manager is given only cases of their own team(s); a case no one can take stays
    unassigned. Returns {user id: cases given}."""
    _require(user, "audit_manage")
    _require_open(audit)
    from yjhub.casedata.selectors import team_ids_of

    for person in assessors:
        if not roles_of(person) & {"case_auditor", "team_manager"}:
            raise AuditRuleError(f"{person.get_username()} is neither a case auditor nor a "
                                 "team manager")
    given: dict[int, list[int]] = {p.pk: [] for p in assessors}
    with transaction.atomic():
        now = timezone.now()
        for person in assessors:
            AuditAssessor.objects.get_or_create(audit=audit, user=person,
                                                defaults={"added_at": now})
        turn = 0
        for case in audit.cases.select_for_update().filter(assessor__isnull=True) \
                .order_by("position"):
            for step in range(len(assessors)):
                person = assessors[(turn + step) % len(assessors)]
                if "case_auditor" in roles_of(person) or case.team_id in team_ids_of(person):
                    case.assessor = person
                    case.save(update_fields=["assessor"])
                    given[person.pk].append(case.position)
                    turn = (turn + step + 1) % len(assessors)
                    break
        audit_event_record(
            user=user, action="update", table="audit", record_id=str(audit.pk),
            changes={"assessors": [None, {p.get_username(): given[p.pk] for p in assessors}]},
            detail=f"Gave audit {audit.reference} to "
                   f"{', '.join(p.get_username() for p in assessors)}", request=request)
    return given


def case_answers_save(*, user, case: SampledCase, answers: dict[str, tuple[str | None, str]],
                      done: bool = False, request=None) -> dict:
    """Record a case's answers: ``{question id: (answer or None, evidence)}``. An answer left
    blank removes a previous one. ``done`` marks the case answered, which needs every
    applicable question answered. One audit event lists each change (old -> new). Returns the
    changes."""
    _require_open(case.audit)
    if not selectors.case_answerable(user=user, case=case):
        raise PermissionDenied
    framework = selectors.framework_of(case.audit)
    applicable = {q.id for q in framework.questions_for(case.case_type or None)}
    unknown = set(answers) - applicable
    if unknown:
        raise AuditRuleError(f"questions {', '.join(sorted(unknown))} do not apply to case "
                             f"{case.position}")
    for question_id, (answer, _) in answers.items():
        if answer not in (None, *ANSWERS):
            raise AuditRuleError(f"question {question_id}: {answer!r} is not one of "
                                 f"{', '.join(ANSWERS)}")
    moderating = case.assessor_id != user.pk
    with transaction.atomic():
        locked = SampledCase.objects.select_for_update().get(pk=case.pk)
        have = {a.question_id: a for a in locked.answers.all()}
        now = timezone.now()
        changes: dict[str, list] = {}
        for question_id, (answer, evidence) in answers.items():
            evidence = (evidence or "").strip()
            old = have.get(question_id)
            if answer is None:
                if old is not None:
                    changes[question_id] = [old.answer, None]
                    old.delete()
                continue
            if old is None:
                AuditAnswer.objects.create(case=locked, question_id=question_id, answer=answer,
                                           evidence=evidence, answered_by=user, answered_at=now)
                changes[question_id] = [None, answer]
                if evidence:
                    changes[f"{question_id} evidence"] = [None, evidence]
            elif old.answer != answer or old.evidence != evidence:
                if old.answer != answer:
                    changes[question_id] = [old.answer, answer]
                if old.evidence != evidence:
                    changes[f"{question_id} evidence"] = [old.evidence or None,
                                                          evidence or None]
                old.answer, old.evidence = answer, evidence
                old.answered_by, old.answered_at = user, now
                old.save(update_fields=["answer", "evidence", "answered_by", "answered_at"])
        answered = set(locked.answers.values_list("question_id", flat=True))
        missing = sorted(applicable - answered, key=_question_order(framework))
        if done and missing:
            raise AuditRuleError(f"case {case.position} cannot be marked done: "
                                 f"{len(missing)} question{'s' if len(missing) != 1 else ''} "
                                 f"not answered ({', '.join(missing[:5])}"
                                 f"{', ...' if len(missing) > 5 else ''})")
        if done and locked.answered_at is None:
            locked.answered_at = now
            locked.save(update_fields=["answered_at"])
            changes["case done"] = [None, now.isoformat(timespec="seconds")]
        elif not done and missing and locked.answered_at is not None:
            locked.answered_at = None
            locked.save(update_fields=["answered_at"])
            changes["case done"] = ["yes", None]
        if changes:
            audit_event_record(
                user=user, action="update", table="audit_case", record_id=str(case.pk),
                child_id=case.child_id, changes=changes,
                detail=f"{'Moderated' if moderating else 'Answered'} audit "
                       f"{case.audit.reference} case {case.position}", request=request)
    case.answered_at = locked.answered_at
    return changes


def _question_order(framework):
    order = {q.id: i for i, q in enumerate(framework.questions)}
    return lambda q: order.get(q, len(order))


def case_moderate(*, user, case: SampledCase, note: str, request=None) -> None:
    """A moderator's review of a case: when, by whom, and what they noted."""
    _require(user, "audit_manage")
    _require_open(case.audit)
    if case.answered_at is None:
        raise AuditRuleError(f"case {case.position} is not answered yet")
    with transaction.atomic():
        old_note = case.moderation_note
        case.moderated_by, case.moderated_at = user, timezone.now()
        case.moderation_note = note.strip()
        case.save(update_fields=["moderated_by", "moderated_at", "moderation_note"])
        audit_event_record(
            user=user, action="update", table="audit_case", record_id=str(case.pk),
            child_id=case.child_id, changes={"moderation": [old_note or None,
                                                            case.moderation_note or "agreed"]},
            detail=f"Moderated audit {case.audit.reference} case {case.position}",
            request=request)


def judgement_record(*, user, audit: Audit, criterion_id: str, rating: str, note: str = "",
                     request=None) -> AuditJudgement:
    """The rating of a standard rated by judgement (2018 domain 1, resettlement, victims)."""
    _require(user, "audit_manage")
    _require_open(audit)
    framework = selectors.framework_of(audit)
    criterion = {c.id: c for c in framework.criteria}.get(criterion_id)
    if criterion is None or criterion.rated_by != "judgement":
        raise AuditRuleError(f"{criterion_id} is not a standard rated by judgement")
    if rating not in {b.label for b in framework.ratings}:
        raise AuditRuleError(f"{rating!r} is not one of "
                             f"{', '.join(b.label for b in framework.ratings)}")
    with transaction.atomic():
        old = AuditJudgement.objects.filter(audit=audit, criterion_id=criterion_id).first()
        judgement, _ = AuditJudgement.objects.update_or_create(
            audit=audit, criterion_id=criterion_id,
            defaults={"rating": rating, "note": note.strip(), "judged_by": user,
                      "judged_at": timezone.now()})
        audit_event_record(
            user=user, action="update", table="audit", record_id=str(audit.pk),
            changes={f"standard {criterion_id}": [old.rating if old else None, rating]},
            detail=f"Rated standard {criterion_id} of audit {audit.reference}", request=request)
    return judgement


def recommendation_create(*, user, audit: Audit, text: str, owner: str, criteria: list[str],
                          request=None) -> Recommendation:
    """A recommendation raised from the audit, numbered in turn; its reference
    (AUD-0003-R2) never changes."""
    _require(user, "audit_manage")
    framework = selectors.framework_of(audit)
    known = {c.id for c in framework.criteria}
    unknown = [c for c in criteria if c not in known]
    if unknown:
        raise AuditRuleError(f"criteria {', '.join(unknown)} are not in {framework.title}")
    if not text.strip() or not owner.strip():
        raise AuditRuleError("a recommendation needs its text and an owner")
    with transaction.atomic():
        number = (Recommendation.objects.select_for_update().filter(audit=audit)
                  .order_by("-number").values_list("number", flat=True).first() or 0) + 1
        recommendation = Recommendation.objects.create(
            audit=audit, number=number, reference=f"{audit.reference}-R{number}",
            text=text.strip(), owner=owner.strip(), criteria=list(criteria), created_by=user,
            created_at=timezone.now())
        audit_event_record(
            user=user, action="create", table="audit_recommendation",
            record_id=recommendation.reference,
            changes={"text": [None, recommendation.text], "owner": [None, recommendation.owner],
                     "criteria": [None, recommendation.criteria]},
            detail=f"Recorded recommendation {recommendation.reference}", request=request)
    return recommendation


def audit_complete(*, user, audit: Audit, request=None) -> None:
    """Close the audit: every case answered. Its answers are then final, and case auditors no
    longer see its children's records."""
    _require(user, "audit_manage")
    _require_open(audit)
    left = audit.cases.filter(answered_at__isnull=True).count()
    if left:
        raise AuditRuleError(f"{left} case{'s are' if left != 1 else ' is'} not answered yet")
    with transaction.atomic():
        audit.status, audit.completed_by, audit.completed_at = "complete", user, timezone.now()
        audit.save(update_fields=["status", "completed_by", "completed_at"])
        audit_event_record(user=user, action="update", table="audit", record_id=str(audit.pk),
                           changes={"status": ["open", "complete"]},
                           detail=f"Completed audit {audit.reference}", request=request)


# --- Self-assessments: inspection grades and EPQA theme scores --------------------------------

def self_assessment_create(*, user, framework, title: str, assessed_on: dt.date,
                           request=None):
    from yjhub.audits.models import SelfAssessment

    _require(user, "self_assessment_edit")
    if framework.kind not in ("grades", "theme_scores"):
        raise AuditRuleError(f"{framework.title} is not a grades or theme scores framework")
    with transaction.atomic():
        made = SelfAssessment.objects.create(
            title=title.strip(), framework_id=framework.id,
            framework_version=framework.version, assessed_on=assessed_on, created_by=user,
            created_at=timezone.now())
        audit_event_record(user=user, action="create", table="self_assessment",
                           record_id=str(made.pk),
                           changes={"title": [None, made.title],
                                    "framework": [None, f"{framework.id} {framework.version}"],
                                    "assessed_on": [None, assessed_on.isoformat()]},
                           detail=f"Created self-assessment {made.reference}", request=request)
    return made


def self_assessment_values_save(*, user, assessment, values: dict, request=None) -> dict:
    """Save ``{(item id, column): Decimal or None}`` (None removes a value); one audit event
    with each change, old -> new. Returns the changes."""
    from yjhub.audits.models import SelfAssessmentValue

    _require(user, "self_assessment_edit")
    with transaction.atomic():
        have = {(v.item_id, v.column): v for v in
                SelfAssessmentValue.objects.select_for_update().filter(assessment=assessment)}
        now = timezone.now()
        changes = {}
        for (item, column), value in values.items():
            old = have.get((item, column))
            if value is None:
                if old is not None:
                    changes[f"{item} {column}"] = [str(old.value.normalize()), None]
                    old.delete()
                continue
            if old is None:
                SelfAssessmentValue.objects.create(assessment=assessment, item_id=item,
                                                   column=column, value=value, entered_by=user,
                                                   entered_at=now)
                changes[f"{item} {column}"] = [None, str(value)]
            elif old.value != value:
                changes[f"{item} {column}"] = [str(old.value.normalize()), str(value)]
                old.value, old.entered_by, old.entered_at = value, user, now
                old.save(update_fields=["value", "entered_by", "entered_at"])
        if changes:
            audit_event_record(user=user, action="update", table="self_assessment",
                               record_id=str(assessment.pk), changes=changes,
                               detail=f"Changed self-assessment {assessment.reference}",
                               request=request)
    return changes
