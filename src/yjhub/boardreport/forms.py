"""Forms of the board report: the quarter, a budget line, the budget workbook, the rota."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from yjhub.boardreport.budget_workbook import amount
from yjhub.boardreport.quarters import quarter_parse, quarter_short
from yjhub.web.fields import quoted


class QuarterForm(forms.Form):
    quarter = forms.ChoiceField(label="Quarter")

    def __init__(self, *args, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [
            (quarter_short(q), f"{quarter_short(q)}: {q.start:%B} to {q.end:%B %Y}")
            for q in quarters]
        self.fields["quarter"].error_messages["invalid_choice"] = (
            "Choose a quarter from the list (2024-Q3 is October to December 2024)")
        self.fields["quarter"].widget.attrs["id"] = "id_quarter"

    def clean_quarter(self):
        return quarter_parse(self.cleaned_data["quarter"])


class AmountField(forms.CharField):
    def to_python(self, value):
        text = super().to_python(value)
        if len(text) > 20:
            raise ValidationError(f"{self.label} must be 20 characters or fewer")
        try:
            return amount(text)
        except ValueError:
            raise ValidationError(f"{self.label} {quoted(text)} is not an amount in pounds: "
                                  "enter it like 91847 or £91,847.00") from None

    def prepare_value(self, value):
        return "" if value is None else str(value)


class BudgetLineForm(forms.Form):
    agency = forms.CharField(label="Agency", max_length=200,
                             help_text="For example Police and Crime Commissioner")
    contribution = forms.CharField(
        label="Contribution", max_length=100,
        help_text="For example staffing, payments in kind, other delegated funds, grant")
    budget = AmountField(label="Budget (£)")
    forecast = AmountField(label="Forecast outturn for the year (£)", required=False)
    actual_to_date = AmountField(label="Actual to date (£)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"id_{name}")
            field.error_messages["required"] = f"Enter the {field.label.split(' (')[0].lower()}"
            if isinstance(field, forms.CharField):
                field.error_messages["max_length"] = (
                    f"{field.label} must be {field.max_length} characters or fewer")

    def clean_budget(self):
        value = self.cleaned_data["budget"]
        if value is None:
            raise ValidationError("Enter the budget")
        return value

    def clean_agency(self):
        return self.cleaned_data["agency"].strip()

    def clean_contribution(self):
        return self.cleaned_data["contribution"].strip()


class BudgetUploadForm(forms.Form):
    file = forms.FileField(label="Budget workbook (.xlsx)",
                           help_text="A sheet called Budget: Agency, Contribution, Budget, "
                                     "Forecast, Actual to date. It replaces this year's lines.",
                           error_messages={"required": "Choose a workbook to upload"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(f"The file {upload.name} is larger than 5 MB")
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(f"The file {upload.name} is not an Excel workbook (.xlsx)")
        return upload


class RotaForm(forms.Form):
    """Eight boxes: the service items and the partner reports of each quarter, one a line."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        months = {1: "April to June", 2: "July to September", 3: "October to December",
                  4: "January to March"}
        for q in (1, 2, 3, 4):
            for kind, words in (("service", "Service items"), ("partner", "Partner reports")):
                name = f"q{q}_{kind}"
                self.fields[name] = forms.CharField(
                    label=f"Q{q} ({months[q]}): {words.lower()}", required=False,
                    max_length=3000, widget=forms.Textarea(attrs={"rows": 4, "id": f"id_{name}"}),
                    help_text="One item a line")

    def quarters(self) -> dict[int, dict[str, list[str]]]:
        return {q: {kind: [line.strip() for line in
                           self.cleaned_data[f"q{q}_{kind}"].splitlines() if line.strip()]
                    for kind in ("service", "partner")} for q in (1, 2, 3, 4)}

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if any(len(line) > 300 for line in (value or "").splitlines()):
                self.add_error(name, f"{self.fields[name].label}: each item must be 300 "
                                     "characters or fewer")
        return data
