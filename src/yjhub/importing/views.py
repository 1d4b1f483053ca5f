"""Views of importing. Thin: reads through selectors, writes through services."""

from yjhub.web.access import permission_required
from yjhub.web.views import not_built


@permission_required("import_run")
def imports(request):
    return not_built(request, "Imports")


@permission_required("import_run")
def import_run(request, run_id):
    return not_built(request, "Import run")

