"""Pages need both factors: a user signed in with a password only may reach the second-factor
pages and sign out, nothing else."""

from __future__ import annotations

from django.shortcuts import redirect


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None  # public pages
        if getattr(view_func, "second_factor_not_required", False):
            return None
        user = request.user
        if user.is_authenticated and not user.is_verified():
            return redirect("accounts:second_factor")
        return None


def second_factor_not_required(view):
    """Marks a view a user signed in with their password only may open: the second-factor pages
    and signing out."""
    view.second_factor_not_required = True
    return view
