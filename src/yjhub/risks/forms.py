"""Forms of risk registers: a register's settings, a risk, and the workbook upload."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from yjhub.risks.scoring import DIRECTIONS, RULES
from yjhub.web.fields import GovukDateField

MAX_UPLOAD = 5 * 1024 * 1024


def _initial_as_text(form) -> None:
    """Radios compare the field's value with each choice's value as text: an initial 3 must be
    "3" to come out checked."""
    for name, field in form.fields.items():
        if isinstance(field, forms.ChoiceField) and form.initial.get(name) is not None:
            form.initial[name] = str(form.initial[name])


class RegisterForm(forms.Form):
    name = forms.CharField(label="Register name", max_length=200)
    service_id = forms.CharField(label="Service code", max_length=20, required=False,
                                 help_text="The service the register belongs to (optional)")
    scale_max = forms.TypedChoiceField(
        label="Scale", coerce=int, choices=[("3", "1 to 3"), ("5", "1 to 5")],
        help_text="Impact and likelihood each run from 1 to this")
    direction = forms.ChoiceField(
        label="Which end is the highest level of risk",
        choices=[("high", DIRECTIONS["high"].capitalize()),
                 ("low", DIRECTIONS["low"].capitalize())])
    rule = forms.ChoiceField(
        label="Scoring rule",
        choices=[("product", f"Product: {RULES['product']}"),
                 ("sum", f"Sum: {RULES['sum']}")])
    key_text = forms.CharField(label="Key, as written", required=False,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text="The register's own key, kept word for word")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages["required"] = f"Enter the {field.label.lower()}" \
                if isinstance(field, forms.CharField) else f"Select the {field.label.lower()}"
            field.widget.attrs.setdefault("id", f"id_{name}")
        _initial_as_text(self)


def _level_choices(maximum: int, blank: bool = False):
    choices = [(str(i), str(i)) for i in range(1, maximum + 1)]
    return ([("", "Not given")] if blank else []) + choices


class RiskForm(forms.Form):
    ref = forms.CharField(label="Reference", max_length=20, help_text="For example R1")
    title = forms.CharField(label="Risk", widget=forms.Textarea(attrs={"rows": 2}))
    causes = forms.CharField(label="Causes", required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    consequences = forms.CharField(label="Consequences", required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.CharField(label="Risk owner", max_length=200, required=False)
    impact = forms.TypedChoiceField(label="Impact", coerce=int)
    likelihood = forms.TypedChoiceField(label="Likelihood", coerce=int)
    score_written = forms.IntegerField(
        label="Risk score, as written", required=False, min_value=1,
        help_text="Leave blank to use the score worked out by the register's rule")
    current_controls = forms.CharField(label="Current controls", required=False,
                                       widget=forms.Textarea(attrs={"rows": 4}))
    further_actions = forms.CharField(label="Further actions / additional controls",
                                      required=False, widget=forms.Textarea(attrs={"rows": 4}))
    residual_impact = forms.TypedChoiceField(label="Residual impact", coerce=int,
                                             required=False, empty_value=None)
    residual_likelihood = forms.TypedChoiceField(label="Residual likelihood", coerce=int,
                                                 required=False, empty_value=None)
    residual_score_written = forms.IntegerField(label="Residual risk score, as written",
                                                required=False, min_value=1)
    review_date = GovukDateField(label="Review date", required=False)
    closed_on = GovukDateField(label="Closed on", required=False,
                               help_text="Only when the risk is taken off the register")
    effective_on = GovukDateField(
        label="Scores as at", required=False,
        help_text="The day a change of levels or scores took effect (today if blank). The "
                  "board report rebuilds the register at each quarter's end from these dates")

    def __init__(self, *args, maximum: int, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("impact", "likelihood"):
            self.fields[name].choices = _level_choices(maximum)
            self.fields[name].error_messages["required"] = f"Select the {name}"
            self.fields[name].error_messages["invalid_choice"] = \
                f"{name.capitalize()} must be from 1 to {maximum}"
        for name in ("residual_impact", "residual_likelihood"):
            self.fields[name].choices = _level_choices(maximum, blank=True)
        for name, field in self.fields.items():
            if name in ("ref", "title"):
                field.error_messages["required"] = f"Enter the {field.label.lower()}"
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = f"{field.label} must be a whole number"
                field.error_messages["min_value"] = f"{field.label} must be 1 or more"
            field.widget.attrs.setdefault("id", f"id_{name}")
        _initial_as_text(self)

    def clean(self):
        data = super().clean()
        ri, rl = data.get("residual_impact"), data.get("residual_likelihood")
        if (ri is None) != (rl is None) and "residual_impact" not in self.errors \
                and "residual_likelihood" not in self.errors:
            missing = "residual_likelihood" if rl is None else "residual_impact"
            self.add_error(missing, "Give both the residual impact and the residual "
                                    "likelihood, or neither")
        effective = data.get("effective_on")
        if effective and effective > timezone.localdate():
            self.add_error("effective_on", "Scores as at cannot be in the future")
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label="Risk register workbook (.xlsx)",
                           help_text="Sheets Register and Risks, as the export writes them",
                           error_messages={"required": "Choose a workbook to upload"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise ValidationError(f"The file {upload.name} is larger than 5 MB")
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(f"The file {upload.name} is not an Excel workbook (.xlsx)")
        return upload
