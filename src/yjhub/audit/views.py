"""Views of audit. Thin: reads through selectors, writes through services."""

from yjhub.web.access import permission_required
from yjhub.web.views import not_built


@permission_required("audit_log_search")
def search(request):
    return not_built(request, "Search")

