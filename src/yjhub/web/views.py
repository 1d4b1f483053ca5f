from django.http import JsonResponse
from django.shortcuts import render

from yjhub.web.access import public


@public
def health(request):
    return JsonResponse({"status": "ok"})


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)

