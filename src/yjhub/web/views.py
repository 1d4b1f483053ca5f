from django.http import JsonResponse
from django.shortcuts import render

from yjhub.importing.selectors import import_run_latest


def holding_page(request):
    """What the app shows until the web application lands: that it runs and has data."""
    return render(request, "web/holding.html", {"last_import": import_run_latest()})


def health(request):
    return JsonResponse({"status": "ok"})
