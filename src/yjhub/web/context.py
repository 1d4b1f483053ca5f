"""Context every page gets: the navigation the user may see and the role they act in."""

from __future__ import annotations

from django.urls import reverse

from yjhub.accounts.permissions import permission, roles_of
from yjhub.accounts.roles import ROLES
from yjhub.web.navigation import ITEMS


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return {"navigation": {}}
    path = request.path
    items = []
    for item in ITEMS:
        if not user.has_perm(permission(item.permission)):
            continue
        current = path == "/" if item.section == "/" else path.startswith(item.section)
        items.append({"label": item.label, "href": reverse(item.url_name), "current": current})
    roles = sorted(roles_of(user))
    return {"navigation": {
        "items": items,
        "role_label": ", ".join(ROLES[r].split(":")[0] for r in roles),
    }}
