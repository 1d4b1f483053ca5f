"""Forms of the action plan pages. Every error names the field and the value refused."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError

from yjhub.actions.codes import code_list
from yjhub.actions.models import Lead, Plan, Recommendation
from yjhub.importing import uploads
from yjhub.web.fields import GovukDateField, quoted


def _code_field(list_name: str, label: str, *, blank: str | None = None, required=False,
                help_text: str = "") -> forms.ChoiceField:
    choices = code_list(list_name).choices()
    if blank is not None:
        choices = [("", blank)] + choices
    return forms.ChoiceField(label=label, choices=choices, required=required,
                             help_text=help_text,
                             error_messages={"required": f"Select the {label.lower()}",
                                             "invalid_choice": f"{label} %(value)s is not one "
                                             "of the options"})


class PlanForm(forms.Form):
    title = forms.CharField(label="Title", max_length=300,
                            error_messages={"required": "Enter the plan's title"})
    kind = forms.ChoiceField(label="Kind of plan", choices=list(Plan.KINDS.items()),
                             initial="action_plan")
    starts_on = GovukDateField(label="Starts on", help_text="For example, 1 4 2008. Months "
                               "written without a year in deadlines fall on or after it.")
    ends_on = GovukDateField(label="Ends on", help_text="For example, 31 3 2009")
    description = forms.CharField(label="Description", required=False,
                                  widget=forms.Textarea)
    inspection = forms.CharField(label="Inspection", required=False, max_length=300,
                                 help_text="For an improvement plan: the inspection it answers.")
    report_published_on = GovukDateField(label="Report published on", required=False)
    submission_due_on = GovukDateField(
        label="Plan due on", required=False,
        help_text="Leave blank for four weeks after the report's publication.")
    submitted_on = GovukDateField(label="Plan submitted on", required=False)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", f"Ends on must be on or after the start: "
                           f"{ends:%d %m %Y} is before {starts:%d %m %Y}")
        return data


def _lead_choices():
    return [(str(lead.pk), str(lead) + (f" ({lead.team.name})" if lead.team_id else ""))
            for lead in Lead.objects.select_related("team")]


class ActionForm(forms.Form):
    recommendation = forms.ChoiceField(label="Recommendation or area for improvement",
                                       required=False)
    number = forms.CharField(label="Number", required=False, max_length=20,
                             help_text="The activity's number (1, 2) or a sub-item's letter.")
    area = forms.CharField(label="Objective area", required=False, max_length=200,
                           help_text="For example, Prevention or Reducing re-offending.")
    enabler = _code_field("enablers", "Enabler", blank="None")
    objective = forms.CharField(label="Objective", required=False, widget=forms.Textarea)
    text = forms.CharField(label="Specific actions", widget=forms.Textarea,
                           error_messages={"required": "Enter the specific actions"})
    leads = forms.MultipleChoiceField(label="Leads", required=False,
                                      help_text="From the register of leads.")
    deadline = forms.CharField(
        label="Deadline", required=False, max_length=300,
        help_text="As the plan writes it: a date (1 June 2008), a month (Mid June), Monthly, "
                  "Quarterly, Ongoing, To be agreed, or any text. The date is read from it.")
    links_text = forms.CharField(label="Links to plans and performance", required=False,
                                 widget=forms.Textarea)
    indicator_ids = forms.CharField(
        label="Indicators", required=False,
        help_text="Indicator ids from the catalogue, separated by commas (like kpi2023.ete).")
    linked_plans = forms.MultipleChoiceField(label="Linked plans", required=False,
                                             help_text="Other plans this action serves.")
    linked_recommendations = forms.MultipleChoiceField(
        label="Linked inspection recommendations", required=False,
        help_text="Recommendations of improvement plans this action answers.")
    risks = forms.CharField(label="Risks", required=False, widget=forms.Textarea)
    success_criteria = forms.CharField(label="Success criteria", required=False,
                                       widget=forms.Textarea)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["leads"].choices = _lead_choices()
        self.fields["linked_plans"].choices = [
            (str(p.pk), p.title) for p in Plan.objects.exclude(pk=plan.pk)]
        self.fields["linked_recommendations"].choices = [
            (str(r.pk), f"{r.plan.title}: {str(r)[:100]}") for r in
            Recommendation.objects.filter(plan__kind="improvement_plan")
            .exclude(plan=plan).select_related("plan")]
        recs = Recommendation.objects.filter(plan=plan)
        self.fields["recommendation"].choices = [("", "None")] + [
            (str(r.pk), str(r)[:120]) for r in recs]
        if not plan.is_improvement_plan:
            del self.fields["recommendation"]
            del self.fields["number"]

    def clean_indicator_ids(self):
        from yjhub.indicators.catalogue import catalogue

        known = {i.id for i in catalogue().indicators} | {
            m.id for i in catalogue().indicators for m in i.measures}
        ids = [i.strip() for i in self.cleaned_data["indicator_ids"].split(",") if i.strip()]
        for indicator in ids:
            if indicator not in known:
                raise ValidationError(f"Indicator {quoted(indicator)} is not in the indicator "
                                      "catalogue")
        return ids

    def clean_recommendation(self):
        value = self.cleaned_data.get("recommendation")
        return Recommendation.objects.get(pk=value, plan=self.plan) if value else None

    def clean_leads(self):
        ids = [int(i) for i in self.cleaned_data["leads"]]
        return list(Lead.objects.filter(pk__in=ids))

    def clean_linked_plans(self):
        return list(Plan.objects.filter(pk__in=[int(i) for i in
                                                self.cleaned_data["linked_plans"]]))

    def clean_linked_recommendations(self):
        return list(Recommendation.objects.filter(
            pk__in=[int(i) for i in self.cleaned_data["linked_recommendations"]]))


class ProgressForm(forms.Form):
    on = GovukDateField(label="Date of the update", help_text="For example, 30 6 2008")
    status = _code_field("statuses", "Status", required=True)
    rag = _code_field("rags", "RAG rating", blank="Not rated")
    note = forms.CharField(label="Progress", required=False, widget=forms.Textarea,
                           help_text="What has been done, and what is next.")
    completed_on = GovukDateField(label="Completed on", required=False,
                                  help_text="If it is done: the day it was done. Leave blank "
                                  "for the date of the update.")


class RecommendationForm(forms.Form):
    number = forms.CharField(label="Number", required=False, max_length=20)
    kind = _code_field("recommendation_kinds", "Kind", required=True)
    text = forms.CharField(label="Recommendation", widget=forms.Textarea,
                           error_messages={"required": "Enter the recommendation"})
    source_audit_ref = forms.CharField(
        label="Case audit that prompted it", required=False, max_length=100,
        help_text="The audit's reference, until audits are linked here.")
    source_recommendation_ref = forms.CharField(
        label="The audit's recommendation", required=False, max_length=100)


class LeadForm(forms.Form):
    name = forms.CharField(label="Name", required=False, max_length=200)
    role = forms.CharField(label="Role or organisation", required=False, max_length=200)
    team = forms.ChoiceField(label="Team", required=False,
                             help_text="Its team manager can update the actions it leads.")
    user = forms.ChoiceField(label="User account", required=False,
                             help_text="The person's account, if they have one: they see the "
                             "actions they lead under Only actions I lead.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from yjhub.accounts.models import User
        from yjhub.casedata.models import Team

        self.fields["team"].choices = [("", "No team")] + [
            (t.team_id, t.name) for t in Team.objects.order_by("name")]
        self.fields["user"].choices = [("", "None")] + [
            (str(u.pk), u.get_full_name() or u.username) for u in
            User.objects.filter(is_active=True).order_by("username")]

    def clean_user(self):
        from yjhub.accounts.models import User

        value = self.cleaned_data.get("user")
        return User.objects.get(pk=value) if value else None

    def clean(self):
        data = super().clean()
        if not (data.get("name") or "").strip() and not (data.get("role") or "").strip():
            self.add_error("name", "Enter a name or a role")
        return data


class CarryForwardForm(forms.Form):
    title = forms.CharField(label="Title of next year's plan", max_length=300,
                            error_messages={"required": "Enter the new plan's title"})
    starts_on = GovukDateField(label="Starts on")
    ends_on = GovukDateField(label="Ends on")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", f"Ends on must be on or after the start: "
                           f"{ends:%d %m %Y} is before {starts:%d %m %Y}")
        return data


class PlanUploadForm(forms.Form):
    file = forms.FileField(label="Upload a workbook", required=False, allow_empty_file=True,
                           help_text="An Excel workbook (.xlsx): a Plan sheet and a sheet of "
                           "actions. Up to 20 MB.")
    into = forms.ChoiceField(label="Add the actions to", required=False)

    LIMIT = 20 * 1024 * 1024

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [("", "A new plan (from the workbook's Plan sheet)")] + [
            (str(p.pk), p.title) for p in Plan.objects.all()]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            raise ValidationError("Select a workbook to import")
        if Path(upload.name).suffix.lower() not in (".xlsx", ".xlsm"):
            raise ValidationError(f"The selected file {quoted(upload.name)} must be an Excel "
                                  "workbook (.xlsx)")
        if upload.size == 0:
            raise ValidationError(f"The selected file {quoted(upload.name)} is empty")
        if upload.size > self.LIMIT:
            raise ValidationError(f"The file must be smaller than 20 MB: {quoted(upload.name)} "
                                  f"is {uploads.size_text(upload.size)}")
        return upload

    def clean_into(self):
        value = self.cleaned_data.get("into")
        return Plan.objects.get(pk=value) if value else None
