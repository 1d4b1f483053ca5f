"""How a view says who may open it.

Every view of the app is either ``public`` (sign-in pages, the health check) or declares a
permission from ``yjhub.accounts.permissions.PERMISSIONS``. The access-matrix test reads these
declarations from the URL configuration, so no page can be added without one.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied

from yjhub.accounts.permissions import permission


def permission_required(name: str):
    """The signed-in user must hold ``name``; otherwise 403 with the GOV.UK page."""
    full = permission(name)

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(full):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_permission = name
        return wrapped

    return decorate


def public(view):
    """Open without signing in (and without the second factor)."""
    view = login_not_required(view)
    view.required_permission = None
    return view


def signed_in(view):
    """Open to anyone signed in with both factors, whatever their role (account pages)."""
    view.required_permission = "signed_in"
    return view
