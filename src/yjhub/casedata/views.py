"""Views of casedata. Thin: reads through selectors, writes through services."""

from yjhub.web.access import permission_required
from yjhub.web.views import not_built


@permission_required("child_view")
def children(request):
    return not_built(request, "Children")


@permission_required("child_view")
def child(request, child_id):
    return not_built(request, "Child")


@permission_required("child_edit")
def child_edit(request, child_id):
    return not_built(request, "Child edit")


@permission_required("child_history_view")
def child_history(request, child_id):
    return not_built(request, "Child history")

