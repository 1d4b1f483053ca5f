"""Forms of accounts: each error message says what is wrong with which answer."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.validators import UnicodeUsernameValidator

from yjhub.accounts.models import User
from yjhub.accounts.roles import ROLES, TEAM_ROLES

NEW_PASSWORD_HINT = ("At least 12 characters. Not a common password, not only numbers and not "
                     "like your name or username. A few unrelated words make a good one.")


class SignInForm(forms.Form):
    username = forms.CharField(max_length=150, error_messages={"required": "Enter your username"})
    password = forms.CharField(strip=False, max_length=4096,
                               error_messages={"required": "Enter your password"})


class CodeForm(forms.Form):
    code = forms.CharField(max_length=20, error_messages={
        "required": "Enter the 6-digit code from your authenticator app",
        "max_length": "The code must be 6 digits, like 123456"})

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("The code must be 6 digits, like 123456")
        return code


class _NewPasswordMixin:
    """Django's set-password checks, worded for GOV.UK, with errors on the new password."""

    def _relabel(self):
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].error_messages["required"] = \
            "Enter the new password again to confirm it"

    def clean(self):
        password1 = self.cleaned_data.get("new_password1")
        password2 = self.cleaned_data.get("new_password2")
        if password1:
            try:
                password_validation.validate_password(password1, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        if password1 and password2 and password1 != password2 \
                and "new_password1" not in self.errors:
            self.add_error("new_password2",
                           "The passwords do not match: enter the same new password twice")
        return self.cleaned_data


class NewPasswordForm(_NewPasswordMixin, SetPasswordForm):
    """Setting a password from an invitation link."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self._relabel()
        self.fields["new_password1"].label = "Password"
        self.fields["new_password1"].error_messages["required"] = "Enter a password"
        self.fields["new_password2"].label = "Confirm password"
        self.fields["new_password2"].error_messages["required"] = \
            "Enter the password again to confirm it"


class ChangePasswordForm(_NewPasswordMixin, PasswordChangeForm):
    error_messages = {**PasswordChangeForm.error_messages,
                      "password_incorrect": "Your current password is not right: enter it again"}

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self._relabel()


def _role_choices() -> list[tuple[str, str]]:
    return [(role, text.split(":")[0]) for role, text in ROLES.items()]


class _RoleTeamMixin:
    """A role, and a team for the team roles (ignored for the others)."""

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role in TEAM_ROLES and not cleaned.get("team"):
            self.add_error("team", f"Choose the team of this {ROLES[role].split(':')[0].lower()}")
        elif role and role not in TEAM_ROLES:
            cleaned["team"] = None
        return cleaned


class RoleForm(_RoleTeamMixin, forms.Form):
    role = forms.ChoiceField(choices=(), error_messages={
        "required": "Choose a role",
        "invalid_choice": "Choose one of the roles listed (%(value)s is not one)"})
    team = forms.ChoiceField(choices=(), required=False, error_messages={
        "invalid_choice": "Choose one of the teams listed (%(value)s is not one)"})

    def __init__(self, *args, teams: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices()
        self.fields["team"].choices = [("", "No team")] + list(teams)


class InviteForm(RoleForm):
    first_name = forms.CharField(max_length=150,
                                 error_messages={"required": "Enter their first name"})
    last_name = forms.CharField(max_length=150,
                                error_messages={"required": "Enter their last name"})
    username = forms.CharField(max_length=150, error_messages={
        "required": "Enter a username for them",
        "max_length": "The username must be 150 characters or fewer"})
    email = forms.EmailField(max_length=254, error_messages={
        "required": "Enter their email address",
        "invalid": "Enter an email address like name@example.org"})

    field_order = ["first_name", "last_name", "username", "email", "role", "team"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        try:
            UnicodeUsernameValidator()(username)
        except forms.ValidationError:
            raise forms.ValidationError(
                f'The username "{username}" can only have letters, digits and the '
                "characters @ . + - _ (no spaces)") from None
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(f'There is already a user called "{username}": '
                                        "choose another username")
        return username
