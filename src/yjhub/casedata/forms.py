"""Forms of the child's record: finding a child, changing their details, recording an
assessment's completion."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from yjhub.casedata.display import column_label, labels_of
from yjhub.web.fields import CodeField, GovukDateField, YesNoField, quoted

#: The child's columns a service changes by hand (the rest come from the case management
#: system's exports).
EDITABLE = ("given_name", "family_name", "gender", "ethnicity", "home_local_authority",
            "looked_after", "send_need", "send_plan")

LA_CODE = re.compile(r"^[EWSN]\d{8}$")


class ChildSearchForm(forms.Form):
    q = forms.CharField(label="Child ID or name", required=False, max_length=100,
                        error_messages={"max_length": "Child ID or name must be 100 characters "
                                        "or fewer"})


class ChildEditForm(forms.Form):
    given_name = forms.CharField(label="Given name", required=False, max_length=200)
    family_name = forms.CharField(label="Family name", required=False, max_length=200)
    home_local_authority = forms.CharField(
        label="Home local authority", required=False, max_length=12,
        help_text="The ONS code of the local authority the child lives in, like E06000001")
    looked_after = YesNoField(label="Looked after")
    send_need = YesNoField(label=column_label("send_need"))
    send_plan = YesNoField(label=column_label("send_plan"))

    def __init__(self, *args, child, **kwargs):
        kwargs.setdefault("initial", {name: getattr(child, name) for name in EDITABLE})
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["gender"] = CodeField("gender", label="Gender", current=child.gender,
                                          today=today,
                                          help_text="Where the child's gender is recorded as "
                                          "different from their sex")
        self.fields["ethnicity"] = CodeField("ethnicity", label="Ethnicity",
                                             current=child.ethnicity, today=today)
        self.order_fields(EDITABLE)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                field.error_messages["max_length"] = (
                    f"{field.label} must be {field.max_length} characters or fewer")
            field.widget.attrs.setdefault("id", f"id_{name}")

    def clean_home_local_authority(self):
        typed = self.cleaned_data["home_local_authority"].strip()
        value = typed.upper()
        if value and not LA_CODE.match(value):
            raise ValidationError(f"Home local authority {quoted(typed)} is not an ONS local "
                                  "authority code: enter a letter (E, W, S or N) and 8 digits, "
                                  "like E06000001")
        return value or None

    def clean_given_name(self):
        return self.cleaned_data["given_name"].strip() or None

    def clean_family_name(self):
        return self.cleaned_data["family_name"].strip() or None

    def ethnicity_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The ethnicity codes offered, grouped under their broad group (for <optgroup>)."""
        groups: dict[str, list] = {}
        for code in self.fields["ethnicity"].codes:
            group = code.attributes.get("group", "not_known")
            groups.setdefault(group, []).append((code.code, code.label))
        names = labels_of("ethnic_group")
        return [(names.get(g, g), items) for g, items in groups.items()]

    def gender_choices(self) -> list[tuple[str, str]]:
        """The gender radios: the codes, then "not recorded"."""
        return [(c.code, c.label) for c in self.fields["gender"].codes] + [("", "Not recorded")]


class AssessmentCompleteForm(forms.Form):
    completed_date = GovukDateField(label="Date completed", required=True,
                                    help_text="For example, 27 3 2026")

    def __init__(self, *args, assessment, programme_start: date | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme_start = programme_start
        self.assessment = assessment

    def clean_completed_date(self):
        value = self.cleaned_data["completed_date"]
        typed = f"{value.day} {value.month} {value.year}"
        if value > timezone.localdate():
            raise ValidationError(f"Date completed must be today or in the past: {quoted(typed)} "
                                  "is in the future")
        if self.programme_start and value < self.programme_start:
            raise ValidationError(
                f"Date completed must be on or after the programme's start "
                f"({self.programme_start.day} {self.programme_start.month} "
                f"{self.programme_start.year}): {quoted(typed)} is before it")
        return value

