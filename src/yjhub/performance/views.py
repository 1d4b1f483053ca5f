"""Views of performance. Thin: reads through selectors, writes through services."""

from yjhub.web.access import permission_required
from yjhub.web.views import not_built


@permission_required("dashboard_view")
def home(request):
    return not_built(request, "Home")


@permission_required("indicator_view")
def indicators(request):
    return not_built(request, "Indicators")


@permission_required("indicator_view")
def indicator(request, indicator_id):
    return not_built(request, "Indicator")


@permission_required("indicator_children_view")
def indicator_children(request, indicator_id):
    return not_built(request, "Indicator children")

