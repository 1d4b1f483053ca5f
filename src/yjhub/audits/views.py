"""Views of case audits. Thin: reads through selectors, writes through services.

An audit, or a case of it, that the user may not open answers 404, as a child outside the
user's scope does. Pages listing sampled children log the children shown; a case's page logs a
view of that child.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from yjhub.audit.services import audit_event_record, audit_view_record
from yjhub.audits import selectors, services
from yjhub.audits.forms import (
    AssignForm,
    AuditCreateForm,
    CaseAnswersForm,
    JudgementForm,
    ModerationForm,
    RecommendationForm,
    default_period,
    field_key,
)
from yjhub.audits.framework import ANSWERS
from yjhub.audits.presentation import (
    case_status,
    comparison_rows,
    score_table,
    stratum_label,
)
from yjhub.audits.sampling import sample_comparison
from yjhub.audits.services import AuditRuleError
from yjhub.web.access import permission_required
from yjhub.web.fields import date_parts, error_list


def _child_names(child_ids, *, user) -> dict[str, str]:
    """Names of the children the user may see (``children_visible``); any other sampled child
    is shown by their pseudonymous id only (a team manager moderating another team's case)."""
    from yjhub.casedata.selectors import children_visible

    return {c: " ".join(p for p in (g, f) if p) or c for c, g, f in children_visible(
        user=user).filter(pk__in=list(child_ids)).values_list(
        "child_id", "given_name", "family_name")}


@permission_required("audit_view")
def audits(request):
    rows = []
    for audit in selectors.audits_visible(user=request.user):
        framework = selectors.frameworks_all().get((audit.framework_id,
                                                    audit.framework_version))
        rows.append({"audit": audit, "framework": framework.title if framework
                     else audit.framework_id, "progress": selectors.audit_progress(audit=audit)})
    return render(request, "audits/audits.html", {
        "rows": rows, "can_manage": selectors.can_manage(request.user)})


@permission_required("audit_manage")
def audit_create(request):
    frameworks = selectors.case_frameworks()
    form = AuditCreateForm(request.POST or None, frameworks=frameworks)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        framework = data["framework_obj"]
        per_team = framework.sampling.per_team is not None
        try:
            audit = services.audit_create(
                user=request.user, framework=framework, title=data["title"],
                period_start=data["period_start"], period_end=data["period_end"],
                size=None if per_team else data["size"],
                per_team=data["size"] if per_team else None, seed=data["seed"],
                request=request)
        except AuditRuleError as error:
            form.add_error(None, str(error).capitalize())
        else:
            messages.success(request, f"Audit {audit.reference} created: "
                             f"{audit.cases.count()} cases drawn from a caseload of "
                             f"{audit.caseload_size} (seed {audit.seed}).")
            return redirect("audits:audit", audit_id=audit.pk)
    if not form.is_bound:
        first = next((f for f in frameworks if f.id == "hmip-cci-2009"), frameworks[0])
        start, end = default_period(first, timezone.localdate())
        form = AuditCreateForm(initial={
            "framework": f"{first.id}@{first.version}", "period_start": start,
            "period_end": end, "size": first.sampling.size or first.sampling.per_team},
            frameworks=frameworks)
    return render(request, "audits/audit_create.html", {
        "form": form, "errors": error_list(form, anchors={"framework": "id_framework"}),
        "start_parts": date_parts(form["period_start"]),
        "end_parts": date_parts(form["period_end"]), "frameworks": frameworks,
        "framework_problems": selectors.framework_problems(),
    })


@permission_required("audit_view")
def audit(request, audit_id):
    audit = selectors.audit_get(user=request.user, audit_id=audit_id)
    framework = selectors.framework_of(audit)
    manage = selectors.can_manage(request.user)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        try:
            services.audit_complete(user=request.user, audit=audit, request=request)
        except AuditRuleError as error:
            messages.info(request, f"The audit cannot be completed yet: {error}.")
        else:
            messages.success(request, f"Audit {audit.reference} is complete.")
        return redirect("audits:audit", audit_id=audit.pk)
    cases = list(selectors.cases_of(user=request.user, audit=audit))
    names = _child_names((c.child_id for c in cases), user=request.user)
    if cases:
        audit_event_record(user=request.user, action="view", table="audit",
                           record_id=str(audit.pk), detail=f"Audit {audit.reference}: cases",
                           changes={"children": [c.child_id for c in cases]}, request=request)
    comparison = comparison_rows(sample_comparison(
        audit.caseload_counts, selectors.sample_counts(audit=audit)))
    return render(request, "audits/audit.html", {
        "audit": audit, "framework": framework, "manage": manage,
        "progress": selectors.audit_progress(audit=audit),
        "cases": [{"case": c, "name": names.get(c.child_id, f"Child {c.child_id}"),
                   "named": c.child_id in names,
                   "status": case_status(c), "case_type": stratum_label("case_type",
                                                                        c.case_type),
                   "risk": stratum_label("risk_of_harm", c.risk_of_harm),
                   "mine": c.assessor_id == request.user.pk} for c in cases],
        "comparison": comparison,
        "can_export": request.user.has_perm("yjhub.audit_export"),
        "recommendation_count": selectors.recommendations_of(audit).count(),
    })


@permission_required("audit_manage")
def audit_assign(request, audit_id):
    audit = selectors.audit_get(user=request.user, audit_id=audit_id)
    candidates = list(selectors.assessor_candidates())
    form = AssignForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        chosen = [form.candidates[pk] for pk in form.cleaned_data["assessors"]]
        try:
            given = services.audit_assessors_assign(user=request.user, audit=audit,
                                                    assessors=chosen, request=request)
        except AuditRuleError as error:
            form.add_error(None, str(error).capitalize())
        else:
            shared = sum(len(v) for v in given.values())
            messages.success(request, f"{shared} case{'s' if shared != 1 else ''} shared among "
                             f"{len(chosen)} {'people' if len(chosen) != 1 else 'person'}.")
            return redirect("audits:audit", audit_id=audit.pk)
    from yjhub.accounts.models import RoleAssignment

    roles = {}
    for assignment in RoleAssignment.objects.filter(
            user__in=candidates, role__in=["case_auditor", "team_manager"]) \
            .select_related("team"):
        roles.setdefault(assignment.user_id, []).append(
            assignment.role_title + (f", {assignment.team.name}" if assignment.team else ""))
    return render(request, "audits/audit_assign.html", {
        "audit": audit, "form": form, "errors": error_list(form, anchors={
            "assessors": "id_assessors_0"}),
        "candidates": [{"user": u, "roles": "; ".join(roles.get(u.pk, [])),
                        "checked": str(u.pk) in (form["assessors"].value() or [])}
                       for u in candidates],
        "unassigned": audit.cases.filter(assessor__isnull=True).count(),
    })


@permission_required("audit_view")
def case(request, audit_id, case_id):
    audit = selectors.audit_get(user=request.user, audit_id=audit_id)
    case = selectors.case_get(user=request.user, audit=audit, case_id=case_id)
    framework = selectors.framework_of(audit)
    questions = framework.questions_for(case.case_type or None)
    have = selectors.answers_of(case=case)
    answerable = selectors.case_answerable(user=request.user, case=case)
    manage = selectors.can_manage(request.user)
    initial = {}
    for q in questions:
        if q.id in have:
            initial[f"q_{field_key(q.id)}"] = have[q.id].answer
            initial[f"e_{field_key(q.id)}"] = have[q.id].evidence
    form = CaseAnswersForm(initial=initial, questions=questions)
    moderation = ModerationForm(initial={"note": case.moderation_note})
    if request.method == "POST":
        if request.POST.get("action") == "moderate":
            if not manage:
                raise PermissionDenied
            moderation = ModerationForm(request.POST)
            if moderation.is_valid():
                try:
                    services.case_moderate(user=request.user, case=case,
                                           note=moderation.cleaned_data["note"],
                                           request=request)
                except AuditRuleError as error:
                    moderation.add_error(None, str(error).capitalize())
                else:
                    messages.success(request, f"Moderation of case {case.position} recorded.")
                    return redirect("audits:audit", audit_id=audit.pk)
        else:
            if not answerable:
                raise PermissionDenied
            form = CaseAnswersForm(request.POST, questions=questions)
            if form.is_valid():
                done = bool(request.POST.get("done"))
                try:
                    services.case_answers_save(user=request.user, case=case,
                                               answers=form.answers(), done=done,
                                               request=request)
                except AuditRuleError as error:
                    form.add_error(None, str(error).capitalize())
                else:
                    messages.success(request, f"Case {case.position} saved"
                                     + (" and marked done." if done else "."))
                    return redirect(_next_case_url(request.user, audit, case) if done
                                    else reverse("audits:case", args=[audit.pk, case.pk]))
    audit_view_record(request=request, child_id=case.child_id, table="audit_case",
                      record_id=str(case.pk),
                      detail=f"Audit {audit.reference} case {case.position}")
    from yjhub.casedata.selectors import children_visible

    can_open_record = children_visible(user=request.user).filter(pk=case.child_id).exists()
    sections = []
    for section in framework.sections:
        criteria = []
        for criterion in section.criteria:
            shown = [q for q in criterion.questions if q in questions]
            if shown:
                criteria.append({"criterion": criterion, "questions": [
                    {"question": q, "answer": form[f"q_{field_key(q.id)}"],
                     "evidence": form[f"e_{field_key(q.id)}"]} for q in shown]})
        if criteria:
            sections.append({"section": section, "criteria": criteria})
    return render(request, "audits/case.html", {
        "audit": audit, "case": case, "framework": framework,
        "name": _child_names([case.child_id], user=request.user).get(
            case.child_id, f"Child {case.child_id}"),
        "case_type": stratum_label("case_type", case.case_type),
        "risk": stratum_label("risk_of_harm", case.risk_of_harm),
        "sex": stratum_label("sex", case.sex),
        "ethnic_group": stratum_label("ethnic_group", case.ethnic_group),
        "status": case_status(case), "sections": sections, "form": form,
        "answer_choices": list(ANSWERS.items()), "answerable": answerable,
        "errors": error_list(form, anchors=None) + error_list(moderation),
        "manage": manage and audit.is_open, "moderation": moderation,
        "can_open_record": can_open_record, "question_count": len(questions),
        "answered_count": sum(1 for q in questions if q.id in have),
    })


def _next_case_url(user, audit, case) -> str:
    """After marking a case done: the user's next case not yet done, else the audit."""
    following = selectors.cases_of(user=user, audit=audit).filter(
        answered_at__isnull=True).exclude(pk=case.pk)
    mine = following.filter(assessor=user)
    nxt = mine.first() or (following.first() if not selectors.can_manage(user) else None)
    if nxt is not None:
        return reverse("audits:case", args=[audit.pk, nxt.pk])
    return reverse("audits:audit", args=[audit.pk])


@permission_required("audit_view")
def scores(request, audit_id):
    audit = selectors.audit_get(user=request.user, audit_id=audit_id)
    framework = selectors.framework_of(audit)
    manage = selectors.can_manage(request.user) and audit.is_open
    judging = framework.scoring == "lowest_key_question" and any(
        c.rated_by == "judgement" for c in framework.criteria)
    form = JudgementForm(request.POST or None, framework=framework) if judging else None
    if request.method == "POST":
        if not manage or form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.judgement_record(user=request.user, audit=audit,
                                          criterion_id=form.cleaned_data["criterion"],
                                          rating=form.cleaned_data["rating"],
                                          note=form.cleaned_data["note"], request=request)
            except AuditRuleError as error:
                form.add_error(None, str(error).capitalize())
            else:
                messages.success(request, f"Standard {form.cleaned_data['criterion']} rated "
                                 f"{form.cleaned_data['rating']}.")
                return redirect("audits:scores", audit_id=audit.pk)
    table = score_table(audit=audit, framework=framework,
                        scores=selectors.audit_scores(audit=audit),
                        previous=selectors.audits_previous(audit=audit))
    return render(request, "audits/scores.html", {
        "audit": audit, "framework": framework, "table": table, "form": form,
        "manage": manage, "errors": error_list(form) if form is not None else [],
        "can_export": request.user.has_perm("yjhub.audit_export"),
        "judgement_choices": _judgement_choices(form, selectors.judgements_of(audit=audit)),
    })


def _judgement_choices(form, judged) -> list[tuple[str, str]]:
    if form is None:
        return []
    return [(value, f"{label} (now {judged[value].rating})" if value in judged else label)
            for value, label in form.fields["criterion"].choices]


@permission_required("audit_view")
def recommendations(request, audit_id):
    audit = selectors.audit_get(user=request.user, audit_id=audit_id)
    framework = selectors.framework_of(audit)
    manage = selectors.can_manage(request.user)
    form = RecommendationForm(request.POST or None, framework=framework)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                made = services.recommendation_create(
                    user=request.user, audit=audit, text=form.cleaned_data["text"],
                    owner=form.cleaned_data["owner"], criteria=form.cleaned_data["criteria"],
                    request=request)
            except AuditRuleError as error:
                form.add_error(None, str(error).capitalize())
            else:
                messages.success(request, f"Recommendation {made.reference} recorded.")
                return redirect("audits:recommendations", audit_id=audit.pk)
    titles = {c.id: c.title for c in framework.criteria}
    return render(request, "audits/recommendations.html", {
        "audit": audit, "framework": framework, "form": form, "manage": manage,
        "errors": error_list(form, anchors={"criteria": "id_criteria_0"}),
        "rows": [{"recommendation": r, "criteria": [f"{c} {titles.get(c, '')}".strip()
                                                    for c in r.criteria]}
                 for r in selectors.recommendations_of(audit)],
        "chosen": form["criteria"].value() or [],
    })
