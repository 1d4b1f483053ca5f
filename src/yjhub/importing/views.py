"""Views of importing: upload an export, check it (a dry run), then confirm and load it.

Thin: reads through selectors, writes through ``import_run_create``. Nothing is written to the
case data until a clean dry run is confirmed, and the load re-checks every row in its own
transaction (so a file that changed in between is refused whole). The import runs in the
request: a very large export takes minutes, during which the browser waits for the page.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from yjhub.audit.services import audit_event_record, audit_export_record
from yjhub.casedata.display import counts_summary
from yjhub.importing.forms import UploadForm
from yjhub.importing.models import ImportRun
from yjhub.importing.reports import report_file, report_read
from yjhub.importing.selectors import (
    import_run_confirmed_by,
    import_runs,
    import_runs_loaded_after,
)
from yjhub.importing.services import ImportSetupError, import_run_create
from yjhub.importing.uploads import (
    UploadError,
    UploadSizeLimit,
    display_name,
    upload_discard,
    upload_of,
    upload_store,
)
from yjhub.web.access import permission_required
from yjhub.web.fields import error_list
from yjhub.web.paging import paginate

STATUS_TAGS = {"loaded": ("Loaded", "govuk-tag--green"),
                "rejected": ("Rejected: nothing written", "govuk-tag--red")}


def _status(run: ImportRun, *, loaded_after: bool) -> tuple[str, str]:
    """The run's status as a tag (text, colour)."""
    if run.status in STATUS_TAGS:
        return STATUS_TAGS[run.status]
    if run.problem_count:
        return "Problems found: nothing written", "govuk-tag--red"
    if loaded_after:
        return "Checked, then loaded", "govuk-tag--grey"
    if upload_of(run.source) is None:
        return "Checked, not loaded", "govuk-tag--grey"
    return "Checked: ready to load", "govuk-tag--blue"


def _totals(run: ImportRun) -> dict[str, int]:
    counts = run.counts or {}
    return {key: sum(int(c.get(key, 0)) for c in counts.values())
            for key in ("read", "created", "updated", "unchanged")}


def _who(run: ImportRun) -> str:
    return run.user.get_username() if run.user else run.actor


@permission_required("import_run")
@csrf_exempt
def imports(request):
    """The runs so far and the upload form. (The size limit is set before the upload is read,
    so a file over it is never stored; the CSRF check then runs as usual.)"""
    if request.method == "POST":
        request.upload_handlers.insert(0, UploadSizeLimit(request))
    return _imports(request)


@csrf_protect
def _imports(request):
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES,
                          too_large=getattr(request, "upload_too_large", False))
        if form.is_valid():
            run = _check(request, form)
            if run is not None:
                return redirect("importing:import_run", run_id=run.pk)
    else:
        form = UploadForm()
    pagination = paginate(request, import_runs())
    runs = list(pagination.page.object_list)
    loaded_after = import_runs_loaded_after(runs=runs)
    rows = [{"run": run, "name": display_name(run.source), "who": _who(run),
             "status": _status(run, loaded_after=run.pk in loaded_after),
             "totals": _totals(run), "started": timezone.localtime(run.started_at)}
            for run in runs]
    return render(request, "importing/imports.html", {
        "form": form, "errors": error_list(form), "rows": rows, "pagination": pagination,
    })


def _check(request, form) -> ImportRun | None:
    """Keep the upload and check it (a dry run); None with a form error when it cannot be."""
    try:
        path = upload_store(file=form.cleaned_data["file"])
    except UploadError as error:
        form.add_error("file", str(error))
        return None
    try:
        result = import_run_create(path=path, dry_run=True, actor=request.user.get_username(),
                                   user=request.user)
    except ImportSetupError as error:
        upload_discard(source=str(path))
        form.add_error("file", f"The file cannot be imported: {error}")
        return None
    if not result.ok:
        upload_discard(source=str(path))  # nothing more will be done with it
    return result.run


@permission_required("import_run")
def import_run(request, run_id):
    """A run's report; for a clean dry run, the button that loads it."""
    run = get_object_or_404(ImportRun.objects.select_related("user"), pk=run_id)
    confirmed = import_run_confirmed_by(run=run) if run.status == "dry_run" else None
    can_load = (run.status == "dry_run" and run.problem_count == 0 and confirmed is None
                and upload_of(run.source) is not None)
    if request.method == "POST" and request.POST.get("action") == "discard":
        if can_load:
            upload_discard(source=run.source)
            messages.info(request, f"The upload {display_name(run.source)} was removed without "
                          "loading it.")
        return redirect("importing:import_run", run_id=run.pk)
    if request.method == "POST":
        if not can_load:
            messages.info(request, "This check cannot be loaded: it found problems, was loaded "
                          "already, or its upload is no longer kept. Upload the file again.")
            return redirect("importing:import_run", run_id=run.pk)
        return _load(request, run)
    report = report_read(run.report_path)
    tables = [{"name": name, **counts} for name, counts in (run.counts or {}).items()]
    return render(request, "importing/import_run.html", {
        "run": run, "name": display_name(run.source), "who": _who(run),
        "status": _status(run, loaded_after=confirmed is not None), "totals": _totals(run),
        "tables": tables,
        "report": report, "confirmed": confirmed, "can_load": can_load,
        "started": timezone.localtime(run.started_at),
        "seconds": round((run.finished_at - run.started_at).total_seconds(), 1),
        "upload_kept": upload_of(run.source) is not None,
    })


def _load(request, checked: ImportRun):
    name = display_name(checked.source)

    def audit(run: ImportRun) -> None:  # inside the load's transaction
        audit_event_record(
            user=request.user, action="import", table="import_run", record_id=run.pk,
            detail=f"Import run {run.pk} of {name}: {counts_summary(run.counts)}",
            changes={"counts": run.counts}, request=request)

    try:
        result = import_run_create(path=checked.source, dry_run=False,
                                   actor=request.user.get_username(), user=request.user,
                                   on_loaded=audit)
    except ImportSetupError as error:
        messages.info(request, f"The upload could not be loaded: {error}")
        return redirect("importing:import_run", run_id=checked.pk)
    upload_discard(source=checked.source)
    if result.status == "loaded":
        messages.success(request, f"{name} loaded: {counts_summary(result.counts)}.")
    else:
        messages.info(request, f"{name} was not loaded: {result.problem_count} problems were "
                      "found when loading, so nothing was written.")
    return redirect("importing:import_run", run_id=result.run.pk)


@permission_required("import_run")
def import_report(request, run_id):
    """The run's full CSV report. It can hold values from children's rows, so the download
    is recorded as an export."""
    run = get_object_or_404(ImportRun, pk=run_id)
    path = report_file(run.report_path)
    if path is None:
        raise Http404("No report is kept for this run")
    audit_export_record(request=request, detail=f"Problem report of import run {run.pk} "
                        f"({display_name(run.source)}) as CSV")
    return FileResponse(path.open("rb"), as_attachment=True,
                        filename=f"import-{run.pk}-problems.csv", content_type="text/csv")

