"""Forms of the plan pages. Each error names the field and the value refused."""

from __future__ import annotations

import re
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError

from yjhub.web.fields import quoted

PERIOD = re.compile(r"^\d{4}-\d{2}$")
PLAN_FILE_LIMIT = 2 * 1024 * 1024
XLSX_LIMIT = 5 * 1024 * 1024
_NUMBER = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


class NewPlanForm(forms.Form):
    start = forms.ChoiceField(label="How do you want to start?", widget=forms.RadioSelect,
                              choices=[("template", "From a template"),
                                       ("last_year", "From last year's plan")])
    template = forms.ChoiceField(label="Template", required=False)
    from_plan = forms.ChoiceField(label="Last year's plan", required=False)
    period = forms.CharField(label="The plan's year", help_text="A financial year, like 2025-26",
                             max_length=7)
    service = forms.CharField(label="Service", max_length=200, required=False)

    def __init__(self, *args, templates=(), plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [("", "Choose a template")] + list(templates)
        self.fields["from_plan"].choices = [("", "Choose a plan")] + list(plans)

    def clean_period(self):
        period = self.cleaned_data["period"].strip()
        if not PERIOD.match(period) or (int(period[:4]) + 1) % 100 != int(period[5:]):
            raise ValidationError(f"The plan's year must be a financial year like 2025-26, "
                                  f"not {quoted(period)}")
        return period

    def clean(self):
        data = super().clean()
        if data.get("start") == "template" and not data.get("template"):
            self.add_error("template", "Choose the template to start from")
        if data.get("start") == "last_year" and not data.get("from_plan"):
            self.add_error("from_plan", "Choose last year's plan")
        return data


class PlanFileForm(forms.Form):
    file = forms.FileField(label="Upload a plan file", required=False,
                           help_text="A plan file (.yaml), as downloaded from here or written "
                           "by yjhub plan new. Up to 2 MB.")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            raise ValidationError("Select a plan file")
        if Path(upload.name).suffix.lower() not in (".yaml", ".yml"):
            raise ValidationError(f"The selected file {quoted(upload.name)} must be a plan "
                                  f"file (.yaml)")
        if upload.size > PLAN_FILE_LIMIT:
            raise ValidationError(f"The selected file {quoted(upload.name)} must be smaller "
                                  f"than 2 MB")
        try:
            return upload.name, upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(f"The selected file {quoted(upload.name)} is not text "
                                  f"(UTF-8)") from None


class TableImportForm(forms.Form):
    workbook = forms.FileField(label="Import the table from a spreadsheet", required=False,
                               help_text="An Excel workbook (.xlsx): a sheet named after the "
                               "table, or one sheet, with the column headings in a row and the "
                               "row names in column A. Up to 5 MB.")

    def clean_workbook(self):
        upload = self.cleaned_data.get("workbook")
        if upload is None:
            raise ValidationError("Select an Excel workbook (.xlsx)")
        if Path(upload.name).suffix.lower() != ".xlsx":
            raise ValidationError(f"The selected file {quoted(upload.name)} must be an Excel "
                                  f"workbook (.xlsx)")
        if upload.size > XLSX_LIMIT:
            raise ValidationError(f"The selected file {quoted(upload.name)} must be smaller "
                                  f"than 5 MB")
        return upload.name, upload.read()


def cell_value(text: str):
    """A cell as typed: a number when it reads as one ("£1,200" -> 1200, "12.5" -> 12.5),
    else the text as entered ("8 (1 Vac)"), or None when empty."""
    value = text.strip()
    if not value:
        return None
    plain = value.removeprefix("£").strip()
    if _NUMBER.match(plain):
        number = float(plain.replace(",", ""))
        return int(number) if number.is_integer() and "." not in plain else number
    return value
