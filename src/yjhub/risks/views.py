"""Pages of risk registers: the registers, one register with its heat maps, a risk, adding and
changing them, and the Excel import and export. Thin: reads through selectors, writes through
services (each writes its audit event)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from yjhub.audit.services import audit_export_record
from yjhub.risks import heatmap
from yjhub.risks.forms import RegisterForm, RiskForm, UploadForm
from yjhub.risks.models import Register, Risk
from yjhub.risks.scoring import DIRECTIONS, RAG_WORDS, RULES
from yjhub.risks.selectors import (
    direction_doubt,
    positions,
    register_risks,
    registers,
    residual_worse,
)
from yjhub.risks.services import (
    RegisterError,
    register_create,
    register_import,
    register_update,
    risk_create,
    risk_update,
)
from yjhub.risks.workbook import read_register, write_register
from yjhub.web.access import permission_required
from yjhub.web.fields import date_parts, error_list

RAG_TAGS = {"red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _can_manage(request) -> bool:
    return request.user.has_perm("yjhub.risk_register_manage")


@permission_required("risk_register_view")
def register_list(request):
    return render(request, "risks/registers.html", {
        "registers": registers(), "can_manage": _can_manage(request),
        "upload": UploadForm()})


def heat_maps(register: Register, states, *, id_prefix: str = "") -> list[dict]:
    """Both heat maps of a register (inherent, residual): SVG, words and table."""
    scale = register.scale
    out = []
    for which, residual in (("inherent", False), ("residual", True)):
        where = positions(states, residual=residual)
        out.append({
            "which": which, "title": f"{which.capitalize()} risk",
            "svg": mark_safe(heatmap.heat_map(  # noqa: S308 - built from escaped text
                scale, where, chart_id=f"{id_prefix}heat-{which}",
                title=f"{which.capitalize()} risk", which=which)),
            "description": heatmap.describe(scale, where, which=which),
            "axis": heatmap.axis_levels(scale),
            "rows": [(impact, [(lk, refs, RAG_WORDS[rag], RAG_TAGS[rag])
                               for lk, refs, rag in cells])
                     for impact, cells in heatmap.grid_rows(scale, where)],
        })
    return out


def _risk_row(risk: Risk) -> dict:
    scale = risk.register.scale
    rag = scale.rag(risk.impact, risk.likelihood)
    residual_rag = scale.rag(risk.residual_impact, risk.residual_likelihood)
    return {"risk": risk, "score": risk.score, "residual_score": risk.residual_score,
            "rag": (RAG_WORDS[rag], RAG_TAGS[rag]),
            "residual_rag": (RAG_WORDS[residual_rag], RAG_TAGS[residual_rag])
            if residual_rag else None,
            "flags": [str(d) for d in risk.disagreements]}


@permission_required("risk_register_view")
def register_detail(request, register_id):
    register = get_object_or_404(Register, pk=register_id)
    risks = list(register_risks(register=register))
    closed = register_risks(register=register, include_closed=True) \
        .filter(closed_on__isnull=False)
    return render(request, "risks/register.html", {
        "register": register, "scale_text": register.scale.describe(),
        "rows": [_risk_row(r) for r in risks], "closed": closed,
        "maps": heat_maps(register, risks), "legend": heatmap.legend_text(register.scale),
        "doubt": direction_doubt(register=register, states=risks),
        "worse": residual_worse(register=register, states=risks),
        "flag_count": sum(len(r.disagreements) for r in risks),
        "can_manage": _can_manage(request)})


def _register_form_page(request, form, register=None):
    return render(request, "risks/register_form.html", {
        "form": form, "errors": error_list(form), "register": register})


@permission_required("risk_register_manage")
def register_new(request):
    form = RegisterForm(request.POST or None,
                        initial={"scale_max": 5, "direction": "high", "rule": "product"})
    if request.method == "POST" and form.is_valid():
        try:
            register = register_create(user=request.user, request=request, **form.cleaned_data)
        except RegisterError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"Risk register {register.name} created")
            return redirect("risks:register", register_id=register.pk)
    return _register_form_page(request, form)


@permission_required("risk_register_manage")
def register_edit(request, register_id):
    register = get_object_or_404(Register, pk=register_id)
    initial = {f: getattr(register, f) for f in RegisterForm.base_fields}
    form = RegisterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            register_update(user=request.user, register=register, data=form.cleaned_data,
                            request=request)
        except RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Register settings saved")
            return redirect("risks:register", register_id=register.pk)
    return _register_form_page(request, form, register)


def _risk_of(register_id, risk_id) -> Risk:
    risk = get_object_or_404(Risk.objects.select_related("register"), pk=risk_id)
    if risk.register_id != register_id:
        raise Http404
    return risk


@permission_required("risk_register_view")
def risk_detail(request, register_id, risk_id):
    risk = _risk_of(register_id, risk_id)
    scale = risk.register.scale
    history = [{"change": c, "score": scale.score(c.impact, c.likelihood),
                "residual_score": scale.score(c.residual_impact, c.residual_likelihood)}
               for c in risk.score_changes.select_related("user").order_by("-effective_on",
                                                                           "-id")]
    return render(request, "risks/risk.html", {
        "risk": risk, "register": risk.register, "row": _risk_row(risk), "history": history,
        "scale_text": scale.describe(), "can_manage": _can_manage(request)})


def _risk_form_page(request, form, register, risk=None):
    return render(request, "risks/risk_form.html", {
        "form": form, "errors": error_list(form), "register": register, "risk": risk,
        "dates": {name: date_parts(form[name])
                  for name in ("review_date", "closed_on", "effective_on")},
        "scale_text": register.scale.describe()})


def _risk_data(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("effective_on", None)
    for name in ("ref", "title", "causes", "consequences", "owner", "current_controls",
                 "further_actions"):
        data[name] = data[name].strip()
    return data


@permission_required("risk_register_manage")
def risk_new(request, register_id):
    register = get_object_or_404(Register, pk=register_id)
    form = RiskForm(request.POST or None, maximum=register.scale_max)
    if request.method == "POST" and form.is_valid():
        try:
            risk = risk_create(user=request.user, register=register, data=_risk_data(form),
                               on=form.cleaned_data.get("effective_on"), request=request)
        except RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Risk {risk.ref} added")
            return redirect("risks:risk", register_id=register.pk, risk_id=risk.pk)
    return _risk_form_page(request, form, register)


@permission_required("risk_register_manage")
def risk_edit(request, register_id, risk_id):
    risk = _risk_of(register_id, risk_id)
    register = risk.register
    initial = {name: getattr(risk, name) for name in RiskForm.base_fields
               if hasattr(risk, name)}
    form = RiskForm(request.POST or None, maximum=register.scale_max, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            risk_update(user=request.user, risk=risk, data=_risk_data(form),
                        on=form.cleaned_data.get("effective_on"), request=request)
        except RegisterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Risk {risk.ref} saved")
            return redirect("risks:risk", register_id=register.pk, risk_id=risk.pk)
    return _risk_form_page(request, form, register, risk)


@permission_required("risk_register_view")
def register_export(request, register_id):
    register = get_object_or_404(Register, pk=register_id)
    risks = []
    for risk in register_risks(register=register, include_closed=True):
        row = {name: getattr(risk, name) for name in (
            "ref", "title", "causes", "consequences", "owner", "impact", "likelihood",
            "score_written", "current_controls", "further_actions", "residual_impact",
            "residual_likelihood", "residual_score_written", "review_date", "closed_on")}
        row.update(score=risk.score, residual_score=risk.residual_score,
                   flags="; ".join(str(d) for d in risk.disagreements))
        risks.append(row)
    today = timezone.localdate()
    data = write_register(name=register.name, service_id=register.service_id,
                          scale=register.scale, as_at=today, key_text=register.key_text,
                          risks=risks)
    audit_export_record(request=request, detail=f"Risk register {register.name} (Excel)")
    response = HttpResponse(data, content_type=XLSX)
    slug = "".join(c if c.isalnum() else "-" for c in register.name.lower()).strip("-")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{today}.xlsx"'
    return response


@permission_required("risk_register_manage")
def register_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        book = read_register(upload.read(), file_name=upload.name)
        problems = book.problems
        if book.ok:
            try:
                register = register_import(user=request.user, book=book,
                                           file_name=upload.name, request=request)
            except RegisterError as error:
                form.add_error("file", str(error))
            else:
                messages.success(request, f"Risk register {register.name} loaded: "
                                          f"{len(book.risks)} risks")
                return redirect("risks:register", register_id=register.pk)
    return render(request, "risks/upload.html", {
        "form": form, "errors": error_list(form), "problems": problems,
        "directions": DIRECTIONS, "rules": RULES})
