"""Pages of the board report: choose a quarter, preview it, download it as Word, PDF or HTML;
enter or import the budget; set the rota of themed items. Thin: reads through selectors and
the report builder, writes through services (each writes its audit event)."""

from __future__ import annotations

import time

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from yjhub.audit.services import audit_export_record
from yjhub.boardreport.budget_workbook import read_budget, write_budget
from yjhub.boardreport.forms import (
    BudgetLineForm,
    BudgetUploadForm,
    QuarterForm,
    RotaForm,
)
from yjhub.boardreport.models import BudgetLine
from yjhub.boardreport.quarters import quarter_choices, quarter_of, quarter_parse, quarter_short
from yjhub.boardreport.report import board_report
from yjhub.boardreport.selectors import budget_position, budget_years, rota_for
from yjhub.boardreport.services import (
    BudgetError,
    budget_import,
    budget_line_create,
    budget_line_delete,
    budget_line_update,
    rota_save,
)
from yjhub.documents import FORMATS
from yjhub.documents.html import html_fragment
from yjhub.documents.http import document_response
from yjhub.performance.selectors import service_shown
from yjhub.web.access import permission_required
from yjhub.web.fields import error_list

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMAT_NAMES = {"docx": "Word (.docx)", "pdf": "PDF", "html": "HTML web page"}


def _can_manage(request) -> bool:
    return request.user.has_perm("yjhub.board_report_manage")


@permission_required("board_report_view")
def report(request):
    quarters = quarter_choices(timezone.localdate())
    form = QuarterForm(request.GET if "quarter" in request.GET else None, quarters=quarters)
    quarter = quarters[0]
    if form.is_bound and form.is_valid():
        quarter = form.cleaned_data["quarter"]
    started = time.perf_counter()
    document = board_report(quarter=quarter)
    preview = mark_safe(html_fragment(document))  # noqa: S308 - the renderer escapes text
    seconds = time.perf_counter() - started
    return render(request, "boardreport/report.html", {
        "form": form, "errors": error_list(form), "quarter": quarter,
        "short": quarter_short(quarter), "document": document, "preview": preview,
        "downloads": [(fmt, FORMAT_NAMES[fmt]) for fmt in ("docx", "pdf", "html")],
        "seconds": seconds, "can_manage": _can_manage(request)})


@permission_required("board_report_view")
def report_download(request, quarter, fmt):
    if fmt not in FORMATS:
        raise Http404("no such format")
    try:
        period = quarter_parse(quarter)
    except ValueError:
        raise Http404("no such quarter") from None
    document = board_report(quarter=period)
    audit_export_record(request=request, detail=f"Board report {period.label} ({fmt})")
    return document_response(document, fmt, f"board-report-{quarter_short(period)}")


# -- budget --------------------------------------------------------------------------------


def _year_label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


@permission_required("board_report_manage")
def budget(request):
    current = int(quarter_of(timezone.localdate()).label[:4])
    years = sorted(set(budget_years()) | {current, current + 1}, reverse=True)
    try:
        year = int(request.GET.get("year", current))
    except ValueError:
        year = current
    if year not in years:
        years = sorted(set(years) | {year}, reverse=True) if 2000 <= year <= 2100 else years
        year = year if year in years else current
    return render(request, "boardreport/budget.html", {
        "year": year, "label": _year_label(year), "position": budget_position(first_year=year),
        "years": [(y, _year_label(y)) for y in years], "upload": BudgetUploadForm()})


def _line_page(request, form, year, line=None):
    return render(request, "boardreport/budget_line.html", {
        "form": form, "errors": error_list(form), "year": year, "label": _year_label(year),
        "line": line})


@permission_required("board_report_manage")
def budget_line_new(request, year):
    if not 2000 <= year <= 2100:
        raise Http404
    form = BudgetLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            budget_line_create(user=request.user, first_year=year, data=form.cleaned_data,
                               request=request)
        except BudgetError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Budget line added")
            return redirect(f"{reverse('boardreport:budget')}?year={year}")
    return _line_page(request, form, year)


@permission_required("board_report_manage")
def budget_line_edit(request, line_id):
    line = get_object_or_404(BudgetLine, pk=line_id)
    back = f"{reverse('boardreport:budget')}?year={line.first_year}"
    if request.method == "POST" and "delete" in request.POST:
        budget_line_delete(user=request.user, line=line, request=request)
        messages.success(request, f"Budget line {line.agency}, {line.contribution} deleted")
        return redirect(back)
    initial = {f: getattr(line, f) for f in BudgetLineForm.base_fields}
    form = BudgetLineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            budget_line_update(user=request.user, line=line, data=form.cleaned_data,
                               request=request)
        except BudgetError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Budget line saved")
            return redirect(back)
    return _line_page(request, form, line.first_year, line)


@permission_required("board_report_manage")
def budget_upload(request, year):
    if not 2000 <= year <= 2100:
        raise Http404
    form = BudgetUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        book = read_budget(upload.read(), file_name=upload.name)
        problems = book.problems
        if book.ok:
            count = budget_import(user=request.user, first_year=year, book=book,
                                  file_name=upload.name, request=request)
            messages.success(request, f"Budget {_year_label(year)} loaded: {count} lines")
            return redirect(f"{reverse('boardreport:budget')}?year={year}")
    return render(request, "boardreport/budget_upload.html", {
        "form": form, "errors": error_list(form), "problems": problems, "year": year,
        "label": _year_label(year)})


@permission_required("board_report_manage")
def budget_export(request, year):
    lines = [{"agency": x.agency, "contribution": x.contribution, "budget": x.budget,
              "forecast": x.forecast, "actual_to_date": x.actual_to_date}
             for x in BudgetLine.objects.filter(first_year=year).order_by("position", "id")]
    audit_export_record(request=request, detail=f"Budget {_year_label(year)} (Excel)")
    response = HttpResponse(write_budget(lines), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="budget-{_year_label(year)}.xlsx"'
    return response


# -- the rota of themed items --------------------------------------------------------------


@permission_required("board_report_manage")
def rota(request):
    service = service_shown()
    service_id = service.service_id if service else ""
    current = rota_for(service_id=service_id)
    initial = {f"q{q}_{k}": "\n".join(current.items(q)[k])
               for q in (1, 2, 3, 4) for k in ("service", "partner")}
    form = RotaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        rota_save(user=request.user, service_id=service_id, quarters=form.quarters(),
                  request=request)
        messages.success(request, "Rota of themed items saved")
        return redirect("boardreport:rota")
    return render(request, "boardreport/rota.html", {
        "form": form, "errors": error_list(form), "rota": current,
        "fields": [[form[f"q{q}_service"], form[f"q{q}_partner"]] for q in (1, 2, 3, 4)]})
