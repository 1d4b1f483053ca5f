"""Context every page gets: the navigation the user may see and the role they act in."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from yjhub.accounts.permissions import permission, roles_of
from yjhub.accounts.roles import ROLES
from yjhub.web.navigation import ITEMS


def service_name() -> str:
    """The service's name from the case data (a minute's cache: it changes only on import)."""
    name = cache.get("yjhub:service-name")
    if name is None:
        from yjhub.casedata.models import Service

        name = Service.objects.order_by("service_id").values_list("name", flat=True).first() \
            or "Youth justice service"
        cache.set("yjhub:service-name", name, 60)
    return name


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return {"navigation": {"service_name": service_name(),
                               "development": settings.DEBUG}}
    path = request.path
    items = []
    for item in ITEMS:
        if not user.has_perm(permission(item.permission)):
            continue
        current = path == "/" if item.section == "/" else path.startswith(item.section)
        items.append({"label": item.label, "href": reverse(item.url_name), "current": current})
    roles = sorted(roles_of(user))
    return {"navigation": {
        "service_name": service_name(),
        "development": settings.DEBUG,
        "links": items,
        "role_label": ", ".join(ROLES[r].split(":")[0] for r in roles),
    }}
