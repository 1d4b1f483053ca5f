"""Views of caseload. Thin: reads through selectors, writes through services."""

from yjhub.web.access import permission_required
from yjhub.web.views import not_built


@permission_required("caseload_view")
def caseload(request):
    return not_built(request, "Caseload")


@permission_required("caseload_export")
def caseload_export(request):
    return not_built(request, "Caseload export")


@permission_required("data_quality_view")
def data_quality(request):
    return not_built(request, "Data quality")

