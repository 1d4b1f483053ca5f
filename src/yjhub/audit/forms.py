"""The audit log search: GET parameters, checked, with errors naming the field and value."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from yjhub.audit.models import AuditEvent
from yjhub.web.fields import GovukDateField, quoted


class AuditSearchForm(forms.Form):
    user = forms.CharField(label="User", required=False, max_length=150,
                           help_text="Their username, or part of it")
    child_id = forms.CharField(label="Child ID", required=False, max_length=64,
                               help_text="The whole ID, like C000123")
    action = forms.ChoiceField(label="Action", required=False,
                               choices=[("", "Any action")] + list(AuditEvent.ACTIONS.items()))
    date_from = GovukDateField(label="From", required=False, help_text="For example, 1 4 2026")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 30 4 2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].error_messages["invalid_choice"] = (
            "Action \"%(value)s\" is not one of the actions: choose one from the list")
        for name in ("user", "child_id"):
            field = self.fields[name]
            field.error_messages["max_length"] = (
                f"{field.label} must be {field.max_length} characters or fewer")

    def clean_action(self):
        return self.cleaned_data["action"]

    def clean_child_id(self):
        return self.cleaned_data["child_id"].strip()

    def clean_user(self):
        return self.cleaned_data["user"].strip()

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            typed = quoted(f"{end.day} {end.month} {end.year}")
            self.add_error("date_to", ValidationError(
                f"To must be the same as or after From: {typed} is before "
                f"{start.day} {start.month} {start.year}"))
        return data

    def filters(self) -> dict:
        """The selector's arguments (only for a valid form)."""
        data = self.cleaned_data
        return {"actor": data["user"], "child_id": data["child_id"], "action": data["action"],
                "date_from": data["date_from"], "date_to": data["date_to"]}

    def description(self) -> str:
        """The search in words, for the audit event of an export."""
        data = self.cleaned_data
        parts = [f"{label} {data[name]}" for name, label in (
            ("user", "user"), ("child_id", "child"), ("action", "action"),
            ("date_from", "from"), ("date_to", "to")) if data.get(name)]
        return ", ".join(parts) or "everything"
