"""The client's address behind the service's reverse proxy.

Behind a proxy every request comes from the proxy's own address. The proxy appends the address it
saw to ``X-Forwarded-For``; with ``YJHUB_PROXY_COUNT`` proxies in front (1 in production by
default, 0 in development), the client is that many entries from the right. Entries further left
come from the client itself and are not trusted. The audit trail and django-axes then record the
client's address (``REMOTE_ADDR``).
"""

from __future__ import annotations

from django.conf import settings


class ForwardedForMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.count = settings.YJHUB_PROXY_COUNT

    def __call__(self, request):
        if self.count:
            forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "")
                         .split(",") if a.strip()]
            if len(forwarded) >= self.count:
                request.META["REMOTE_ADDR"] = forwarded[-self.count]
        return self.get_response(request)
