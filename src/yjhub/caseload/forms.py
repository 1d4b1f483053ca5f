"""The filter forms of the caseload and the data-quality audit (both sent with GET)."""

from __future__ import annotations

import datetime as dt

from django import forms

from yjhub.caseload.labels import labels
from yjhub.caseload.selectors import NOT_RECORDED

ALL = "all"


def _choice(label: str, what: str) -> forms.ChoiceField:
    return forms.ChoiceField(required=False, label=label, error_messages={
        "invalid_choice": f"{label}: ‘%(value)s’ is not {what}. Choose one from the list"})


class CaseloadFilterForm(forms.Form):
    team = _choice("Team", "one of the teams you can see")
    case_manager = _choice("Case manager", "one of the case managers you can see")
    risk_of_harm = _choice("Risk of harm", "a risk of harm level")
    overdue = forms.BooleanField(required=False, label="Only cases with something overdue")

    def __init__(self, data, *, teams: list[tuple[str, str]],
                 case_managers: list[tuple[str, str]]):
        super().__init__(data)
        self.fields["team"].choices = [("", "All teams"), *teams]
        self.fields["case_manager"].choices = [(ALL, "All case managers"), *case_managers]
        self.fields["risk_of_harm"].choices = [
            ("", "Any level"), *labels("risk_level").items(), (NOT_RECORDED, "Not recorded")]


class DataQualityForm(forms.Form):
    """The as-at date (a GOV.UK date input: day, month and year), team and worker."""

    as_at_day = forms.CharField(required=False, max_length=10, label="Day")
    as_at_month = forms.CharField(required=False, max_length=10, label="Month")
    as_at_year = forms.CharField(required=False, max_length=10, label="Year")
    team = _choice("Team", "one of the teams you can see")
    worker = _choice("Case manager", "one of the case managers you can see")

    def __init__(self, data, *, today: dt.date, teams: list[tuple[str, str]],
                 workers: list[tuple[str, str]]):
        super().__init__(data)
        self.today = today
        self.fields["team"].choices = [("", "All teams"), *teams]
        self.fields["worker"].choices = [(ALL, "All case managers"), *workers]

    def clean(self):
        data = super().clean()
        parts = {p: (data.get(f"as_at_{p}") or "").strip() for p in ("day", "month", "year")}
        data["as_at"] = self.today
        if not any(parts.values()):
            return data
        missing = [p for p, v in parts.items() if not v]
        if missing:
            self.add_error("as_at_day", "As at date must include a " + " and a ".join(missing))
            return data
        entered = "/".join(parts.values())
        try:
            day, month, year = (int(parts[p]) for p in ("day", "month", "year"))
            if len(parts["year"]) != 4:
                raise ValueError
            as_at = dt.date(year, month, day)
        except ValueError:
            self.add_error("as_at_day", f"As at date must be a real date: {entered} is not")
            return data
        if as_at > self.today:
            self.add_error("as_at_day",
                           f"As at date must be today or in the past: {entered} is in the "
                           f"future")
            return data
        data["as_at"] = as_at
        return data

    @property
    def as_at_errors(self) -> list[str]:
        return list(self.errors.get("as_at_day", []))
