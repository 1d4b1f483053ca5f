"""Views of accounts. Thin: reads through selectors, writes through services.

Signing in is two steps. The password (``login``) signs the user in with one factor; the
second-factor middleware then lets them reach only the code page (``second_factor``), the set-up
page (``second_factor_setup``, only while they have no authenticator) and sign-out. Wrong
passwords and wrong codes both count towards django-axes' lockout of the username.
"""

from __future__ import annotations

import logging

from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.core.mail import send_mail
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from yjhub.accounts import selectors, services
from yjhub.accounts.forms import (
    NEW_PASSWORD_HINT,
    ChangePasswordForm,
    CodeForm,
    InviteForm,
    NewPasswordForm,
    RoleForm,
    SignInForm,
)
from yjhub.accounts.middleware import second_factor_not_required
from yjhub.accounts.permissions import permission
from yjhub.accounts.qr import qr_svg
from yjhub.accounts.roles import ROLES, TEAM_ROLES
from yjhub.web.access import permission_required, public, signed_in
from yjhub.web.fields import error_list
from yjhub.web.navigation import ITEMS
from yjhub.web.paging import paginate

log = logging.getLogger(__name__)

USERS_PER_PAGE = 50


# --- Where to go next ---------------------------------------------------------------------


def home_for(user) -> str:
    """The first page of the navigation the user's role opens (Home for most; Users for an
    administrator, who sees no figures)."""
    for item in ITEMS:
        if user.has_perm(permission(item.permission)):
            return reverse(item.url_name)
    return reverse("accounts:password_change")


def _next(request) -> str | None:
    """The page the user was going to, if it is on this site (and not just the home page)."""
    url = request.POST.get("next") or request.GET.get("next")
    if not url or url == "/":
        return None
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return url
    return None


def _with_next(name: str, next_url: str | None) -> str:
    url = reverse(name)
    if next_url:
        from urllib.parse import urlencode

        url += "?" + urlencode({"next": next_url})
    return url


def _after_password(user, next_url: str | None):
    """Password accepted: on to the code, or to set up an authenticator first."""
    if selectors.user_has_second_factor(user=user):
        return redirect(_with_next("accounts:second_factor", next_url))
    return redirect(_with_next("accounts:second_factor_setup", next_url))


def _locked_out(request, username: str):
    return get_lockout_response(request, None, {"username": username})


# --- Signing in and out -------------------------------------------------------------------


@public
@never_cache
@require_http_methods(["GET", "POST"])
def login(request):
    next_url = _next(request)
    user = request.user
    if user.is_authenticated and user.is_verified():
        return redirect(next_url or home_for(user))
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        # Through authenticate(request, ...) so django-axes counts failures and refuses a
        # locked username before its password is even checked.
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return _locked_out(request, username)
        if user is None:
            # The same words whichever was wrong, so they do not tell which usernames exist.
            form.add_error("username", "Your username or password is not right. Check them "
                                       "and try again.")
        else:
            auth_login(request, user)
            return _after_password(user, next_url)
    return render(request, "accounts/login.html", {"form": form, "next": next_url or "",
                  "errors": error_list(form, {"__all__": "id_username"})})


@signed_in
@second_factor_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor(request):
    user = request.user
    next_url = _next(request)
    if user.is_verified():
        return redirect(next_url or home_for(user))
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()
    if device is None:
        return redirect(_with_next("accounts:second_factor_setup", next_url))
    if selectors.user_is_locked(username=user.username):
        auth_logout(request)
        return _locked_out(request, user.username)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = _code_checked(form, device)
        if outcome == "right":
            return _verified(request, device, next_url)
        if outcome == "wrong":
            if services.sign_in_failure_record(request=request, username=user.username):
                username = user.username
                auth_logout(request)
                return _locked_out(request, username)
            form.add_error("code", "The code is not right. Enter the code your authenticator "
                                   "app shows now.")
    return render(request, "accounts/second_factor.html", {
        "form": form, "next": next_url or "",
        "errors": error_list(form, {"__all__": "id_code"})})


def _code_checked(form, device) -> str:
    """"right", "wrong", or "wait" when django-otp asks for a pause after a wrong code (the
    form then already says how long)."""
    allowed, why = device.verify_is_allowed()
    if not allowed:
        form.add_error("code", _wait_message(why))
        return "wait"
    return "right" if device.verify_token(form.cleaned_data["code"]) else "wrong"


def _wait_message(why) -> str:
    from django.utils import timezone

    until = (why or {}).get("locked_until")
    seconds = max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 1
    return (f"You entered a wrong code just now. Wait {seconds} second"
            f"{'s' if seconds != 1 else ''}, then enter the code your app shows.")


def _verified(request, device, next_url):
    otp_login(request, device)
    request.session.cycle_key()  # a new session id for the fully signed-in session
    services.sign_in_completed(request=request, user=request.user)
    return redirect(next_url or home_for(request.user))


@signed_in
@second_factor_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    user = request.user
    next_url = _next(request)
    if selectors.user_has_second_factor(user=user):
        # Only someone without an authenticator may add one; otherwise the password alone
        # would be enough to replace it.
        if user.is_verified():
            return redirect(next_url or home_for(user))
        return redirect(_with_next("accounts:second_factor", next_url))
    device = services.totp_device_for_setup(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = _code_checked(form, device)
        if outcome == "right":
            services.totp_device_confirm(device=device, request=request)
            messages.success(request, "Your authenticator app is set up. You will need a code "
                                      "from it each time you sign in.")
            return _verified(request, device, next_url)
        if outcome == "wrong":
            form.add_error("code", "The code is not right. Check the key you entered, then "
                                   "enter the code your authenticator app shows now.")
    secret = services.totp_secret(device)
    return render(request, "accounts/second_factor_setup.html", {
        "form": form, "next": next_url or "",
        "errors": error_list(form, {"__all__": "id_code"}),
        "qr": qr_svg(device.config_url, title="QR code of your sign-in key for yjhub"),
        "secret_groups": [secret[i:i + 4] for i in range(0, len(secret), 4)],
        "issuer": settings.OTP_TOTP_ISSUER,
    })


@signed_in
@second_factor_not_required
@require_http_methods(["GET", "POST"])
def logout(request):
    if request.method == "POST":
        auth_logout(request)
        return redirect("accounts:signed_out")
    return render(request, "accounts/logout.html", {"idle_minutes": _idle_minutes()})


@public
def signed_out(request):
    return render(request, "accounts/signed_out.html")


def _idle_minutes() -> int:
    return settings.SESSION_COOKIE_AGE // 60


@signed_in
@never_cache
@require_http_methods(["GET", "POST"])
def password_change(request):
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.password_change(form=form, request=request)
        update_session_auth_hash(request, user)  # stay signed in here; other sessions end
        messages.success(request, "Your password has been changed.")
        return redirect(home_for(user))
    return render(request, "accounts/password_change.html",
                  {"form": form, "new_password_hint": NEW_PASSWORD_HINT,
                   "errors": error_list(form, {"__all__": "id_old_password"})})


# --- Invitations --------------------------------------------------------------------------


@public
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    invitee = invitation.user
    form = NewPasswordForm(invitee, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(invitation=invitation,
                                              password=form.cleaned_data["new_password1"],
                                              request=request)
        except services.AccountRuleError:
            return render(request, "accounts/invitation_invalid.html", status=404)
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your password is set.")
        return _after_password(user, None)
    # The link is a secret: the site's Referrer-Policy (same-origin) never sends it elsewhere.
    # (no-referrer here would make browsers send "Origin: null" and fail the CSRF check.)
    return render(request, "accounts/invitation_accept.html",
                  {"form": form, "invitee": invitee, "invitation": invitation,
                   "new_password_hint": NEW_PASSWORD_HINT,
                   "errors": error_list(form, {"__all__": "id_new_password1"})})


def _invitation_link(request, token: str) -> str:
    return request.build_absolute_uri(reverse("accounts:invitation_accept", args=[token]))


def _invitation_email(request, *, user, link: str, invitation_days: int, new: bool) -> bool:
    """Emails the link when the service has email; True if it went."""
    if not settings.YJHUB_EMAIL_ENABLED or not user.email:
        return False
    body = render_to_string("accounts/email/invitation.txt", {
        "user": user, "link": link, "days": invitation_days, "new": new,
        "sender": request.user.get_full_name() or request.user.username})
    subject = "Your yjhub account" if new else "Set a new password for yjhub"
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:  # noqa: BLE001 - the administrator passes the link on instead
        log.exception("could not email the invitation link to %s", user.username)
        return False
    return True


# --- Administrators -----------------------------------------------------------------------


@permission_required("user_manage")
def users(request):
    pagination = paginate(request, selectors.users_list(), per_page=USERS_PER_PAGE)
    page = pagination.page
    return render(request, "accounts/users.html", {
        "page": page, "pagination": pagination,
        "rows": selectors.users_page_rows(page.object_list), "total": page.paginator.count})


@permission_required("user_manage")
@never_cache
@require_http_methods(["GET", "POST"])
def user_invite(request):
    form = InviteForm(request.POST or None, teams=selectors.teams_for_choice())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, token = services.user_invite(
                by=request.user, username=data["username"], first_name=data["first_name"],
                last_name=data["last_name"], email=data["email"], role=data["role"],
                team_id=data["team"] or None, request=request)
        except services.AccountRuleError as error:
            form.add_error("username", str(error)[:1].upper() + str(error)[1:])
        else:
            link = _invitation_link(request, token)
            emailed = _invitation_email(request, user=user, link=link,
                                        invitation_days=services.INVITATION_DAYS, new=True)
            return render(request, "accounts/user_link.html", {
                "subject": user, "link": link, "emailed": emailed, "new": True,
                "invitation": selectors.invitation_open_of(user=user)})
    return render(request, "accounts/user_invite.html", {
        "form": form, "role_items": _role_items(form),
        "errors": error_list(form, {"__all__": "id_first_name"}),
        "email_enabled": settings.YJHUB_EMAIL_ENABLED})


def _role_items(form) -> list[dict]:
    """The role radios: the first takes the field's id (the error summary links to it)."""
    field = form["role"]
    current = field.value()
    return [{"value": role, "id": field.auto_id if i == 0 else f"{field.auto_id}-{i + 1}",
             "title": text.split(":")[0], "summary": text.split(":", 1)[1].strip(),
             "team_role": role in TEAM_ROLES, "checked": current == role}
            for i, (role, text) in enumerate(ROLES.items())]


@permission_required("user_manage")
@never_cache
@require_http_methods(["GET", "POST"])
def user_detail(request, user_id):
    subject = selectors.user_get(user_id=user_id)
    if subject is None:
        raise Http404("no such user")
    teams = selectors.teams_for_choice()
    role_form = RoleForm(teams=teams)
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None:
        try:
            result = _user_action(request, subject, action, teams)
        except services.AccountRuleError as error:
            messages.error(request, str(error))
            return redirect("accounts:user_detail", user_id=subject.pk)
        if isinstance(result, RoleForm):
            role_form = result  # with its errors
            subject = selectors.user_get(user_id=user_id)
        else:
            return result
    locked = selectors.user_is_locked(username=subject.username)
    return render(request, "accounts/user_detail.html", {
        "subject": subject, "roles": list(subject.role_assignments.all()),
        "status": selectors.user_status(subject, locked=locked), "locked": locked,
        "has_second_factor": selectors.user_has_second_factor(user=subject),
        "invitation": selectors.invitation_open_of(user=subject),
        "is_self": subject.pk == request.user.pk,
        "form": role_form, "role_items": _role_items(role_form),
        "errors": error_list(role_form, {"__all__": "id_role"})})


def _user_action(request, subject, action: str, teams):
    """Does what a button of the user page asked; returns a redirect, a page, or the role form
    with its errors."""
    by = request.user
    done = {
        "disable": lambda: services.user_active_set(by=by, user=subject, active=False,
                                                    request=request),
        "enable": lambda: services.user_active_set(by=by, user=subject, active=True,
                                                   request=request),
        "second_factor_reset": lambda: services.second_factor_reset(by=by, user=subject,
                                                                    request=request),
        "unlock": lambda: services.user_unlock(by=by, user=subject, request=request),
    }
    said = {
        "disable": f"{subject.username}'s account is disabled: they cannot sign in.",
        "enable": f"{subject.username}'s account is enabled.",
        "second_factor_reset": f"{subject.username} will set up an authenticator app again "
                               "the next time they sign in.",
        "unlock": f"{subject.username}'s account is unlocked.",
    }
    if action in done:
        done[action]()
        messages.success(request, said[action])
    elif action == "role_add":
        form = RoleForm(request.POST, teams=teams)
        if not form.is_valid():
            return form
        role, team = form.cleaned_data["role"], form.cleaned_data["team"] or None
        try:
            services.role_assignment_add(by=by, user=subject, role=role, team_id=team,
                                         request=request)
        except services.AccountRuleError as error:
            if subject.pk == by.pk:
                raise  # their own page has no role form: say it in a banner
            form.add_error("role", str(error))
            return form
        messages.success(request, f"{subject.username} now has the role "
                                  f"{ROLES[role].split(':')[0].lower()}"
                                  + (f" in team {team}" if team else "") + ".")
    elif action == "role_remove":
        try:
            assignment_id = int(request.POST.get("assignment", ""))
        except ValueError:
            raise services.AccountRuleError("Choose a role to remove") from None
        removed = services.role_assignment_remove(by=by, user=subject,
                                                  assignment_id=assignment_id, request=request)
        messages.success(request, f"{subject.username} no longer has the role "
                                  f"{ROLES[removed.role].split(':')[0].lower()}"
                                  + (f" in team {removed.team_id}" if removed.team_id else "")
                                  + ".")
    elif action == "new_link":
        invitation, token = services.invitation_renew(by=by, user=subject, request=request)
        link = _invitation_link(request, token)
        emailed = _invitation_email(request, user=subject, link=link,
                                    invitation_days=services.INVITATION_DAYS, new=False)
        return render(request, "accounts/user_link.html", {
            "subject": subject, "link": link, "emailed": emailed, "new": False,
            "invitation": invitation})
    else:
        raise services.AccountRuleError(f"Unknown action {action!r}")
    return redirect("accounts:user_detail", user_id=subject.pk)
