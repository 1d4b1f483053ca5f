"""Forms of the audit pages. Every error names the field and the value refused."""

from __future__ import annotations

import datetime as dt

from django import forms

from yjhub.audits.framework import ANSWERS, CaseFramework
from yjhub.web.fields import GovukDateField, quoted


def field_key(question_id: str) -> str:
    """A question's id as a form field name: ``1.1.3`` -> ``1_1_3``."""
    return question_id.replace(".", "_").replace(" ", "_")


class AuditCreateForm(forms.Form):
    framework = forms.ChoiceField(label="Framework")
    title = forms.CharField(label="Title", max_length=200,
                            help_text="For example: Case audit, autumn 2026")
    period_start = GovukDateField(label="Cases open from", required=True)
    period_end = GovukDateField(label="Cases open to", required=True)
    size = forms.CharField(label="Number of cases", required=False,
                           help_text="The inspectorate sampled 38 to 99 cases. For a monthly "
                                     "dip sample, the number per team.")
    seed = forms.CharField(label="Random seed (optional)", required=False,
                           help_text="The same seed and caseload draw the same sample. Leave "
                                     "blank for a new one.")

    def __init__(self, *args, frameworks: list[CaseFramework], **kwargs):
        super().__init__(*args, **kwargs)
        self.frameworks = {f"{f.id}@{f.version}": f for f in frameworks}
        self.fields["framework"].choices = [
            (key, f"{f.title} (version {f.version})") for key, f in self.frameworks.items()]

    def _whole(self, name: str, label: str):
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return None
        try:
            value = int(text)
        except ValueError:
            raise forms.ValidationError(f"{label} must be a whole number: {quoted(text)} is "
                                        "not") from None
        if value < 0:
            raise forms.ValidationError(f"{label} cannot be negative: {quoted(text)}")
        return value

    def clean_size(self):
        return self._whole("size", "Number of cases")

    def clean_seed(self):
        return self._whole("seed", "Random seed")

    def clean(self):
        data = super().clean()
        framework = self.frameworks.get(data.get("framework"))
        data["framework_obj"] = framework
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", f"Cases open to must be on or after cases open from "
                           f"({start:%d %m %Y}): {end:%d %m %Y} is earlier")
        if framework is not None:
            rules = framework.sampling
            size = data.get("size")
            if size is None:
                data["size"] = rules.per_team or rules.size
            elif rules.per_team is None and not rules.minimum <= size <= rules.maximum:
                self.add_error("size", f"Number of cases must be between {rules.minimum} and "
                               f"{rules.maximum} for {framework.title}: {size} is not")
        return data


def default_period(framework: CaseFramework, today: dt.date) -> tuple[dt.date, dt.date]:
    """The framework's period (in months) ending today."""
    months = framework.sampling.period_months
    year, month = today.year, today.month - months
    while month < 1:
        month += 12
        year -= 1
    day = min(today.day, 28)
    return dt.date(year, month, day) + dt.timedelta(days=1), today


class CaseAnswersForm(forms.Form):
    """Every applicable question of one case: an answer (radios) and an evidence note."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            key = field_key(q.id)
            self.fields[f"q_{key}"] = forms.ChoiceField(
                label=f"{q.id} {q.text}", choices=list(ANSWERS.items()), required=False)
            self.fields[f"e_{key}"] = forms.CharField(
                label=f"Evidence for {q.id}", required=False, max_length=4000,
                widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if self.data.get("done"):
            for q in self.questions:
                if not data.get(f"q_{field_key(q.id)}"):
                    self.add_error(f"q_{field_key(q.id)}",
                                   f"Answer question {q.id} before marking the case done")
        return data

    def answers(self) -> dict[str, tuple[str | None, str]]:
        return {q.id: (self.cleaned_data.get(f"q_{field_key(q.id)}") or None,
                       self.cleaned_data.get(f"e_{field_key(q.id)}") or "")
                for q in self.questions}


class ModerationForm(forms.Form):
    note = forms.CharField(label="Moderation note", required=False, max_length=4000,
                           widget=forms.Textarea,
                           help_text="What you checked, and any answers you changed and why. "
                                     "Leave blank if you agree with every answer.")


class AssignForm(forms.Form):
    assessors = forms.MultipleChoiceField(label="Who will answer the cases",
                                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(u.pk): u for u in candidates}
        self.fields["assessors"].choices = [
            (str(u.pk), u.get_full_name() or u.get_username()) for u in candidates]
        self.fields["assessors"].error_messages["required"] = "Choose at least one person"


class JudgementForm(forms.Form):
    criterion = forms.ChoiceField(label="Standard")
    rating = forms.ChoiceField(label="Rating")
    note = forms.CharField(label="Reasons (optional)", required=False, max_length=4000,
                           widget=forms.Textarea)

    def __init__(self, *args, framework: CaseFramework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = [
            (c.id, f"{c.id} {c.title}") for c in framework.criteria if c.rated_by == "judgement"]
        self.fields["rating"].choices = [(b.label, b.label) for b in framework.ratings]


class RecommendationForm(forms.Form):
    text = forms.CharField(label="Recommendation", max_length=4000, widget=forms.Textarea,
                           help_text="For example: a timely and good quality assessment and "
                                     "plan are completed when the case starts")
    owner = forms.CharField(label="Primary responsibility", max_length=200,
                            help_text="For example: YOS Head of Service")
    criteria = forms.MultipleChoiceField(label="Criteria it answers", required=False,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, framework: CaseFramework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].choices = [(c.id, f"{c.id} {c.title}")
                                           for c in framework.criteria]
        self.fields["text"].error_messages["required"] = "Enter the recommendation"
        self.fields["owner"].error_messages["required"] = "Enter who holds primary " \
            "responsibility"


class SelfAssessmentCreateForm(forms.Form):
    framework = forms.ChoiceField(label="Framework")
    title = forms.CharField(label="Title", max_length=200,
                            help_text="For example: EPQA self-assessment 2007, or Joint "
                                      "inspection grades, May 2008")
    assessed_on = GovukDateField(label="Date of the assessment", required=True)

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.frameworks = {f"{f.id}@{f.version}": f for f in frameworks}
        self.fields["framework"].choices = [
            (key, f"{f.title} (version {f.version})") for key, f in self.frameworks.items()]
