"""Form fields for GOV.UK patterns, used by every app's forms: a date in three boxes, a code from a
code list, yes / no / not recorded; and the list of errors for the GOV.UK error summary. Every
error names the field and the value that was refused."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from yjhub.schema import code_list


def quoted(value) -> str:
    text = str(value)
    return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'


class DateWidget(forms.MultiWidget):
    """Day, month and year boxes, posted as ``<name>_day``, ``<name>_month``, ``<name>_year``."""

    def __init__(self, attrs=None):
        super().__init__({"day": forms.TextInput(), "month": forms.TextInput(),
                          "year": forms.TextInput()}, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]


class GovukDateField(forms.MultiValueField):
    """A GOV.UK date input. ``parts(bound_field)`` gives the template the three boxes."""

    widget = DateWidget

    def __init__(self, *, earliest: date | None = None, **kwargs):
        self.earliest = earliest or date(1900, 1, 1)
        parts = (forms.CharField(required=False),) * 3
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def clean(self, value):
        label = self.label
        if not isinstance(value, list | tuple):
            value = self.widget.decompress(value)
        day, month, year = (str(v or "").strip() for v in value)
        if not (day or month or year):
            if self.required:
                raise ValidationError(f"Enter the {label.lower()}")
            return None
        missing = [name for name, part in (("day", day), ("month", month), ("year", year))
                   if not part]
        if missing:
            raise ValidationError(f"{label} must include a {' and a '.join(missing)}")
        typed = f"{day} {month} {year}"
        try:
            if len(year) != 4:
                raise ValueError
            result = date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{label} must be a real date: {quoted(typed)} is not a date "
                                  "(enter it like 27 3 2026)") from None
        if result < self.earliest:
            raise ValidationError(f"{label} must be on or after {self.earliest:%d %m %Y}: "
                                  f"{quoted(typed)} is too early")
        return result

    def compress(self, data_list):  # clean() does the work
        return data_list


def date_parts(bound_field) -> list[dict]:
    """The three boxes of a bound GovukDateField, for the template."""
    values = bound_field.value()
    if not isinstance(values, list | tuple):
        values = bound_field.field.widget.decompress(values)
    names = ("day", "month", "year")
    return [{"label": name.capitalize(), "name": f"{bound_field.html_name}_{name}",
             "id": f"{bound_field.auto_id}_{name}", "value": value or "",
             "width": 4 if name == "year" else 2}
            for name, value in zip(names, values, strict=True)]


class CodeField(forms.ChoiceField):
    """A code from a schema code list. Accepts the code, its label or an alias (as the importer
    does); blank is "not recorded" (None). The choices are the codes valid today, plus the
    field's current value."""

    def __init__(self, list_name: str, *, blank_label: str = "Not recorded", current=None,
                 today: date | None = None, **kwargs):
        self.code_list = code_list(list_name)
        today = today or date.today()
        codes = [c for c in self.code_list.codes
                 if (c.valid_to is None or c.valid_to >= today) or c.code == current]
        self.codes = codes
        choices = [("", blank_label)] + [(c.code, c.label) for c in codes]
        kwargs.setdefault("required", False)
        super().__init__(choices=choices, **kwargs)

    def to_python(self, value):
        text = "" if value in (None, "") else str(value).strip()
        if not text:
            return None
        code = self.code_list.resolve(text)
        if code is None or code not in {c.code for c in self.codes}:
            raise ValidationError(
                f"{self.label} {quoted(text)} is not in the {self.code_list.name} code list "
                f"(version {self.code_list.version}): choose one of the options")
        return code

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(f"Select the {self.label.lower()}")


class YesNoField(forms.ChoiceField):
    """Yes, no, or not recorded (None): a blank is never "no"."""

    CHOICES = [("yes", "Yes"), ("no", "No"), ("", "Not recorded")]

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=self.CHOICES, **kwargs)

    def prepare_value(self, value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return "" if value is None else value

    def to_python(self, value):
        text = "" if value in (None, "") else str(value).strip().lower()
        if not text:
            return None
        if text in ("yes", "true", "y", "1"):
            return True
        if text in ("no", "false", "n", "0"):
            return False
        raise ValidationError(f"{self.label} {quoted(value)} is not yes, no or not recorded")

    def validate(self, value):
        return None


def error_list(form, anchors: dict[str, str] | None = None, *,
               labelled: bool = False) -> list[tuple[str, str]]:
    """(link target, message) for ``govuk/error_summary.html``: the errors of the whole form
    first (linked to ``anchors["__all__"]``, or not linked), then each field's in the form's
    order, linked to its first input (the first radio, the day box of a date) unless
    ``anchors`` names another. ``labelled``: each field's message starts with its label (for
    forms whose messages do not name their field)."""
    anchors = anchors or {}
    errors = [(f"#{anchors['__all__']}" if "__all__" in anchors else "", message)
              for message in form.non_field_errors()]
    for name, field in form.fields.items():
        if name not in form.errors:
            continue
        if name in anchors:
            target = anchors[name]
        elif isinstance(field.widget, forms.MultiWidget):
            target = f"{form[name].auto_id}_day"
        else:
            target = form[name].auto_id
        errors += [(f"#{target}", f"{field.label}: {message}" if labelled else message)
                   for message in form.errors[name]]
    return errors
