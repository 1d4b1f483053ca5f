"""Pages of inspection grades and EPQA self-assessments: figures about the service, no child."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from yjhub.audits import selectors, services
from yjhub.audits.forms import SelfAssessmentCreateForm
from yjhub.audits.framework import GradesFramework
from yjhub.audits.models import SelfAssessment
from yjhub.audits.self_assessment import (
    GRADE,
    grade_counts,
    grade_rows,
    theme_rows,
    value_check,
)
from yjhub.web.access import permission_required
from yjhub.web.fields import date_parts, error_list


def _frameworks():
    return sorted((f for f in selectors.frameworks_all().values()
                   if f.kind in ("grades", "theme_scores")), key=lambda f: f.title)


def _framework_of(assessment):
    found = selectors.frameworks_all().get((assessment.framework_id,
                                            assessment.framework_version))
    if found is None:
        raise Http404("The framework of this self-assessment is no longer available")
    return found


@permission_required("self_assessment_view")
def self_assessments(request):
    frameworks = {f.key: f for f in _frameworks()}
    rows = [{"assessment": a, "framework": frameworks.get(
        (a.framework_id, a.framework_version))} for a in SelfAssessment.objects.all()]
    return render(request, "audits/self_assessments.html", {
        "rows": rows, "can_edit": request.user.has_perm("yjhub.self_assessment_edit")})


@permission_required("self_assessment_edit")
def self_assessment_create(request):
    frameworks = _frameworks()
    form = SelfAssessmentCreateForm(request.POST or None, frameworks=frameworks,
                                    initial={"assessed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        made = services.self_assessment_create(
            user=request.user, framework=form.frameworks[form.cleaned_data["framework"]],
            title=form.cleaned_data["title"], assessed_on=form.cleaned_data["assessed_on"],
            request=request)
        messages.success(request, f"Self-assessment {made.reference} created: enter its "
                         "figures below.")
        return redirect("audits:self_assessment", self_assessment_id=made.pk)
    return render(request, "audits/self_assessment_create.html", {
        "form": form, "errors": error_list(form, anchors={"framework": "id_framework"}),
        "date": date_parts(form["assessed_on"])})


def _cells(framework):
    """(item id, column, label) of every value the framework takes."""
    if isinstance(framework, GradesFramework):
        return [(a.id, GRADE, a.title) for a in framework.graded_aspects]
    return [(theme, column, f"{title}: {column_title}") for theme, title in framework.themes
            for column, column_title in framework.columns]


@permission_required("self_assessment_view")
def self_assessment(request, self_assessment_id):
    assessment = SelfAssessment.objects.filter(pk=self_assessment_id).first()
    if assessment is None:
        raise Http404("No self-assessment found")
    framework = _framework_of(assessment)
    can_edit = request.user.has_perm("yjhub.self_assessment_edit")
    stored = {(v.item_id, v.column): v.value for v in assessment.values.all()}
    typed = {}
    errors = []
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        values = {}
        for item, column, label in _cells(framework):
            name = f"v__{item}__{column}"
            typed[(item, column)] = request.POST.get(name, "")
            try:
                values[(item, column)] = value_check(framework, typed[(item, column)],
                                                     where=label)
            except ValueError as error:
                errors.append((f"#{name}", str(error)))
        if not errors:
            changes = services.self_assessment_values_save(
                user=request.user, assessment=assessment, values=values, request=request)
            messages.success(request, f"{len(changes)} change{'s' if len(changes) != 1 else ''}"
                             " saved." if changes else "Nothing was changed.")
            return redirect("audits:self_assessment", self_assessment_id=assessment.pk)

    def shown(item, column):
        if (item, column) in typed:
            return typed[(item, column)]
        value = stored.get((item, column))
        return "" if value is None else f"{value.normalize():f}"

    context = {"assessment": assessment, "framework": framework, "can_edit": can_edit,
               "errors": errors, "error_targets": {href[1:] for href, _ in errors}}
    if isinstance(framework, GradesFramework):
        grades = {item: value for (item, column), value in stored.items() if column == GRADE}
        context |= {
            "kind": "grades", "rows": [{"row": r, "name": f"v__{r.aspect.id}__{GRADE}",
                                        "value": shown(r.aspect.id, GRADE)}
                                       for r in grade_rows(framework, grades)],
            "counts": grade_counts(framework, grades),
            "choices": [(str(int(b.start)), f"{int(b.start)} {b.label}")
                        for b in framework.scale]}
    else:
        context |= {
            "kind": "themes",
            "rows": [{"row": r, "cells": [{"name": f"v__{r.id}__{c}", "value": shown(r.id, c),
                                           "label": f"{r.title}: {t}"}
                                          for c, t in framework.columns]}
                     for r in theme_rows(framework, stored)]}
    return render(request, "audits/self_assessment.html", context)
