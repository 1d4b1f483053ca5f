"""The plan pages: thin, reads through ``selectors``, writes through ``services``.

Who may do what (``accounts/permissions.py``): the head of service and performance officers
edit (``plan_edit``); team managers and board members read (``plan_view``), a board member's
copy with counts of 1 to 4 withheld, on the pages and in every download.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from yjhub.audit.services import audit_export_record
from yjhub.documents import CONTENT_TYPES
from yjhub.plans import selectors, services
from yjhub.plans.fileformat import PlanFormatError, dump_plan, load_plan
from yjhub.plans.forms import (
    NewPlanForm,
    PlanFileForm,
    TableImportForm,
    cell_value,
)
from yjhub.plans.model import Review, Signature
from yjhub.plans.spreadsheet import TableImportError, table_from_xlsx
from yjhub.web.access import permission_required
from yjhub.web.fields import error_list

DOWNLOADS = {"docx": "Word", "pdf": "PDF", "html": "HTML", "yaml": "plan file (YAML)"}
SIGNOFF_BLANK_ROWS = 2


def _context(request, record, plan, **extra):
    return {"record": record, "plan": plan, "may_edit": selectors.may_edit(request.user),
            "board": not selectors.sees_small_numbers(request.user), **extra}


def _after_save(request, record, plan, only: dict | None = None) -> None:
    """The notification after a save: the checks of what was edited (run on every save)."""
    findings = selectors.findings_shown(record, plan, only=only)
    tally = selectors.findings_counts(findings)
    if findings:
        messages.info(request, f"Saved as version {record.version}. Checks of this part: "
                      f"{tally['error']} errors, {tally['warning']} warnings, {tally['info']} "
                      f"notes (listed below).")
    else:
        messages.success(request, f"Saved as version {record.version}. The checks of this "
                         f"part found nothing.")


# -- list, start, upload -------------------------------------------------------------------


@permission_required("plan_view")
def plans(request):
    rows = selectors.plans_list(user=request.user)
    return render(request, "plans/plans.html", {
        "rows": rows, "may_edit": selectors.may_edit(request.user)})


@permission_required("plan_edit")
def plan_new(request):
    from yjhub.performance.selectors import service_shown
    from yjhub.plans import plan_new as new_plan
    from yjhub.plans import templates

    choices = [(t.id, f"{t.title} ({t.id}, version {t.version})") for t in templates()]
    existing = [(str(r.pk), f"{r.title} ({r.period}, version {r.version})")
                for r in selectors.plans_list(user=request.user)]
    service = service_shown()
    initial = {"start": "template", "service": service.name if service else ""}
    form = NewPlanForm(request.POST or None, initial=initial, templates=choices,
                       plans=existing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["start"] == "last_year":
            last_record = selectors.plan_record(user=request.user,
                                                plan_id=int(data["from_plan"]))
            last = load_plan(last_record.text)
            plan = new_plan(template_id=last.meta.template.id, from_plan=last,
                            period=data["period"], service=data["service"] or last.meta.service)
            what = f"started from {last_record.title} ({last_record.period})"
        else:
            plan = new_plan(template_id=data["template"], period=data["period"],
                            service=data["service"])
            what = f"started from template {data['template']}"
        record = services.plan_create(user=request.user, plan=plan, what=what, request=request)
        messages.success(request, f"{record.title}: {what}.")
        return redirect("plans:plan", record.pk)
    return render(request, "plans/plan_new.html", {
        "form": form, "errors": error_list(form)})


@permission_required("plan_edit")
def plan_upload(request):
    form = PlanFileForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        name, text = form.cleaned_data["file"]
        try:
            record = services.plan_upload(user=request.user, text=text, filename=name,
                                          request=request)
        except PlanFormatError as error:
            problems = str(error).splitlines()
        else:
            messages.success(request, f"{record.title}: uploaded from {name}.")
            return redirect("plans:plan", record.pk)
    errors = error_list(form) + [("#id_file", p) for p in problems]
    return render(request, "plans/plan_upload.html", {"form": form, "errors": errors})


# -- one plan ------------------------------------------------------------------------------


@dataclass
class AppendixLine:
    row: object
    label: str
    previous: str
    current: str
    change: str
    target: str
    source: str


def _appendix(plan) -> tuple[list[AppendixLine], list[dict], str]:
    from yjhub.plans.charts import Series, trend_chart
    from yjhub.plans.performance import SMALL_TEXT, convention_for
    from yjhub.plans.rendering import as_float, cell_text, change_shown

    convention = convention_for(plan.meta.template.id)
    runs = {(r.provenance.snapshot, r.provenance.computed_at) for r in plan.appendix.rows
            if r.source == "data" and r.provenance}
    shared = next(iter(runs)) if len(runs) == 1 else None
    lines = []
    for row in plan.appendix.rows:
        previous, current = cell_text(row.previous), cell_text(row.current)
        change = "" if row.kind == "heading" or SMALL_TEXT in (previous, current) else \
            change_shown(row, previous, current, convention)
        if row.source == "data" and row.provenance:
            p = row.provenance
            source = f"Data: {row.indicator}, version {p.indicator_version}" + (
                "" if shared else f", computed {p.computed_at} from {p.snapshot}")
        else:
            source = "Entered"
        label = f"{row.theme}: {row.label}" if row.theme and row.label else \
            row.theme or row.label or row.id
        lines.append(AppendixLine(row, label, previous, current, change, cell_text(row.target),
                                  source))
    charts = []
    for n, trend in enumerate(plan.appendix.trends, 1):
        series = [Series(label=s.label, values=[as_float(v) for v in s.values],
                         texts=list(s.texts)) for s in trend.series]
        svg, alt = trend_chart(series, trend.periods, chart_id=f"trend-{n}",
                               title=trend.title, unit=trend.unit or "count")
        charts.append({"svg": mark_safe(svg), "title": trend.title, "alt": alt,
                       "provenance": trend.provenance})
    note = (f"The figures marked \u201cData\u201d were computed by the indicator engine at "
            f"{shared[1]} (UTC) from {shared[0]}." if shared else "")
    return lines, charts, note


@permission_required("plan_view")
def plan(request, plan_record_id: int):
    record = selectors.plan_record(user=request.user, plan_id=plan_record_id)
    shown = selectors.plan_of(record, user=request.user)
    findings = selectors.findings_shown(record, shown) if selectors.may_edit(request.user) \
        else []
    from yjhub.plans.rendering import appendix_caption

    lines, charts, provenance = _appendix(shown)
    sections = [{"section": s, "total": len(s.prompts),
                 "answered": sum(1 for p in s.prompts if p.answer.strip())}
                for s in shown.sections]
    return render(request, "plans/plan.html", _context(
        request, record, shown, findings=findings, sections=sections,
        appendix_caption=appendix_caption(shown), provenance=provenance,
        tally=selectors.findings_counts(findings), appendix=lines, charts=charts,
        downloads=DOWNLOADS.items()))


@permission_required("plan_view")
def plan_versions(request, plan_record_id: int):
    record = selectors.plan_record(user=request.user, plan_id=plan_record_id)
    return render(request, "plans/plan_versions.html", {
        "record": record, "versions": selectors.plan_versions(record=record)})


@permission_required("plan_view")
def plan_download(request, plan_record_id: int, fmt: str):
    from yjhub.plans.rendering import plan_document

    if fmt not in DOWNLOADS:
        raise Http404(f"no such format: {fmt}")
    record = selectors.plan_record(user=request.user, plan_id=plan_record_id)
    board = not selectors.sees_small_numbers(request.user)
    plan = load_plan(record.text)
    stem = f"youth-justice-plan-{record.period}-v{record.version}" + ("-board" if board else "")
    if fmt == "yaml":
        from yjhub.plans.board import plan_withheld

        data = dump_plan(plan_withheld(plan) if board else plan).encode("utf-8")
        content_type = "application/yaml; charset=utf-8"
    else:
        from yjhub.documents import render as write

        data = write(plan_document(plan, board=board), fmt)
        content_type = CONTENT_TYPES[fmt]
    audit_export_record(request=request, detail=f"Plan {record.pk} version {record.version} "
                        f"downloaded as {fmt}" + (" (board version)" if board else ""))
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


# -- editing -------------------------------------------------------------------------------


def _editing(request, plan_record_id: int):
    record = selectors.plan_record(user=request.user, plan_id=plan_record_id)
    return record, selectors.plan_of(record)


@permission_required("plan_edit")
def plan_section(request, plan_record_id: int, section_id: str):
    record, plan = _editing(request, plan_record_id)
    section = plan.section(section_id)
    if section is None:
        raise Http404("no such section")
    if request.method == "POST":
        answers = {p.id: request.POST.get(f"prompt-{p.id}", p.answer).replace("\r\n", "\n")
                   for p in section.prompts}
        narrative = request.POST.get("narrative")
        record = services.plan_section_update(
            user=request.user, record=record, plan=plan, section_id=section_id,
            answers=answers, narrative=None if narrative is None
            else narrative.replace("\r\n", "\n"), request=request)
        _after_save(request, record, plan, only={"section": section_id})
        return redirect("plans:plan_section", record.pk, section_id)
    findings = selectors.findings_shown(record, plan, only={"section": section_id})
    return render(request, "plans/plan_section.html", _context(
        request, record, plan, section=section, findings=findings))


@permission_required("plan_edit")
def plan_area(request, plan_record_id: int, area_id: str):
    record, plan = _editing(request, plan_record_id)
    area = plan.area(area_id)
    if area is None:
        raise Http404("no such objective area")
    if request.method == "POST":
        record = services.plan_area_update(
            user=request.user, record=record, plan=plan, area_id=area_id,
            overview=request.POST.get("overview", "").replace("\r\n", "\n"), request=request)
        _after_save(request, record, plan, only={"area": area_id})
        return redirect("plans:plan_area", record.pk, area_id)
    findings = selectors.findings_shown(record, plan, only={"area": area_id})
    return render(request, "plans/plan_area.html", _context(
        request, record, plan, area=area, findings=findings))


@permission_required("plan_edit")
def plan_table(request, plan_record_id: int, table_id: str):
    record, plan = _editing(request, plan_record_id)
    table = plan.tables.get(table_id)
    if table is None:
        raise Http404("no such table")
    import_form = TableImportForm()
    errors = []
    if request.method == "POST" and request.POST.get("action") == "import":
        import_form = TableImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            name, data = import_form.cleaned_data["workbook"]
            try:
                values = table_from_xlsx(table, data, name)
            except TableImportError as error:
                errors = [("#id_workbook", p) for p in error.problems]
            else:
                record = services.plan_table_update(
                    user=request.user, record=record, plan=plan, table_id=table_id,
                    values=values, what=f"table {table_id} imported from {name}",
                    request=request)
                _after_save(request, record, plan, only={"table": table_id})
                return redirect("plans:plan_table", record.pk, table_id)
        else:
            errors = error_list(import_form)
    elif request.method == "POST":
        values = {}
        for row in table.rows:
            if row.kind == "heading":
                continue
            for column in table.columns:
                name = f"cell-{row.id}-{column.id}"
                if name in request.POST:
                    values[(row.id, column.id)] = cell_value(request.POST[name])
        record = services.plan_table_update(user=request.user, record=record, plan=plan,
                                            table_id=table_id, values=values, request=request)
        _after_save(request, record, plan, only={"table": table_id})
        return redirect("plans:plan_table", record.pk, table_id)
    from yjhub.plans.rendering import cell_text

    grid = [{"row": row, "cells": [{"column": c, "id": f"cell-{row.id}-{c.id}",
                                    "value": cell_text(row.values.get(c.id)).replace(",", "")
                                    if isinstance(row.values.get(c.id), int | float)
                                    else cell_text(row.values.get(c.id))}
                                   for c in table.columns]}
            for row in table.rows]
    findings = selectors.findings_shown(record, plan, only={"table": table_id})
    return render(request, "plans/plan_table.html", _context(
        request, record, plan, table=table, grid=grid, import_form=import_form,
        errors=errors, findings=findings))


@permission_required("plan_edit")
def plan_signoff(request, plan_record_id: int):
    record, plan = _editing(request, plan_record_id)
    if request.method == "POST":
        post = request.POST
        reviews = [Review(date=post.get(f"review-{i}-date", "").strip(),
                          reviewer=post.get(f"review-{i}-reviewer", "").strip(),
                          done=post.get(f"review-{i}-done") == "yes",
                          note=post.get(f"review-{i}-note", "").strip())
                   for i in range(int(post.get("reviews", 0)))]
        signatures = [Signature(role=post.get(f"signature-{i}-role", "").strip(),
                                name=post.get(f"signature-{i}-name", "").strip(),
                                signature=post.get(f"signature-{i}-signature", "").strip(),
                                date=post.get(f"signature-{i}-date", "").strip())
                      for i in range(int(post.get("signatures", 0)))]
        record = services.plan_signoff_update(
            user=request.user, record=record, plan=plan,
            reviews=[r for r in reviews if r.date or r.reviewer or r.note],
            signatures=[s for s in signatures if s.role or s.name or s.signature or s.date],
            request=request)
        _after_save(request, record, plan)
        return redirect("plans:plan_signoff", record.pk)
    reviews = list(plan.reviews) + [Review() for _ in range(SIGNOFF_BLANK_ROWS)]
    signatures = list(plan.signatures) + [Signature() for _ in range(SIGNOFF_BLANK_ROWS)]
    findings = [f for f in selectors.findings_shown(record, plan)
                if f.finding.location.path.startswith(("reviews", "signatures"))]
    return render(request, "plans/plan_signoff.html", _context(
        request, record, plan, reviews=reviews, signatures=signatures, findings=findings))


@permission_required("plan_edit")
def plan_refresh(request, plan_record_id: int):
    from yjhub.plans.fill import outturn_period

    record, plan = _editing(request, plan_record_id)
    try:
        period = outturn_period(plan)
    except ValueError as error:
        period, problem = None, str(error)
    else:
        problem = ""
    if request.method == "POST" and period:
        refreshed = services.plan_refresh_from_data(user=request.user, record=record,
                                                    plan=plan, period=period, request=request)
        messages.success(request, f"Saved as version {refreshed.record.version}: "
                         f"{refreshed.report.describe()}.")
        return redirect("plans:plan", record.pk)
    return render(request, "plans/plan_refresh.html", _context(
        request, record, plan, period=period, problem=problem))
