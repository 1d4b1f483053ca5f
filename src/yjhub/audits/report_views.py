"""The scoring report as a download (Word, PDF) or a web page (HTML)."""

from __future__ import annotations

from django.http import Http404

from yjhub.audit.services import audit_export_record
from yjhub.audits import selectors
from yjhub.audits.presentation import comparison_rows, score_table
from yjhub.audits.report import audit_report_document
from yjhub.audits.sampling import sample_comparison
from yjhub.documents import FORMATS
from yjhub.documents.http import document_response
from yjhub.web.access import permission_required


def _service_name() -> str:
    from yjhub.casedata.models import Service

    names = list(Service.objects.values_list("name", flat=True)[:2])
    return names[0] if len(names) == 1 else ""


def report_document(audit):
    framework = selectors.framework_of(audit)
    table = score_table(audit=audit, framework=framework,
                        scores=selectors.audit_scores(audit=audit),
                        previous=selectors.audits_previous(audit=audit))
    comparison = comparison_rows(sample_comparison(
        audit.caseload_counts, selectors.sample_counts(audit=audit)))
    return audit_report_document(audit=audit, table=table,
                                 recommendations=selectors.recommendations_of(audit),
                                 comparison=comparison, service_name=_service_name())


@permission_required("audit_export")
def report(request, audit_id, fmt):
    audit = selectors.audit_get(user=request.user, audit_id=audit_id)
    if fmt not in FORMATS:
        raise Http404(f"no such format: {fmt}")
    document = report_document(audit)
    audit_export_record(request=request, detail=f"Audit {audit.reference} scoring report "
                                                f"({fmt})")
    return document_response(document, fmt, f"{audit.reference.lower()}-scoring-report")
