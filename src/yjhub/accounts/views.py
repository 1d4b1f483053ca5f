"""Views of accounts. Thin: reads through selectors, writes through services."""

from yjhub.web.access import permission_required, public, signed_in
from yjhub.web.views import not_built


@public
def login(request):
    return not_built(request, "Login")


@signed_in
def second_factor(request):
    return not_built(request, "Second factor")


@signed_in
def second_factor_setup(request):
    return not_built(request, "Second factor setup")


@signed_in
def logout(request):
    return not_built(request, "Logout")


@signed_in
def password_change(request):
    return not_built(request, "Password change")


@permission_required("user_manage")
def users(request):
    return not_built(request, "Users")


@permission_required("user_manage")
def user_invite(request):
    return not_built(request, "User invite")


@permission_required("user_manage")
def user_detail(request, user_id):
    return not_built(request, "User detail")


@public
def invitation_accept(request, token):
    return not_built(request, "Invitation accept")

