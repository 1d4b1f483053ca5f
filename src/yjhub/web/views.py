from django.http import JsonResponse
from django.shortcuts import render

from yjhub.web.access import public


@public
def health(request):
    return JsonResponse({"status": "ok"})


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def not_built(request, title: str):
    """A page whose screen is still being built."""
    return render(request, "web/page.html", {"title": title,
                                              "paragraphs": ["This page is being built."]})
