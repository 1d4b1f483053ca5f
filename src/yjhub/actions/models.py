"""Action plans and inspection improvement plans.

One ``Plan`` model holds both kinds: an action plan (seed 001's Appendix D: actions grouped by
objective area and by enabler) and an inspection improvement plan (seed 003: recommendations
and areas for improvement, each with numbered activities and lettered sub-items). Every action,
activity and sub-item is an ``Action``, so deadlines, leads, status, RAG, progress updates,
overdue lists and the board's summaries work the same for both.

No child's data is held here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from yjhub.actions.codes import code_list
from yjhub.actions.deadlines import KINDS, RECURRENCES


def _choices(name: str) -> list[tuple[str, str]]:
    return code_list(name).choices()


class Lead(models.Model):
    """Someone who leads actions: a named person, a role ("Effective Practice and Performance
    Manager", "Kent Police"), or both; with their team and user account where they have one."""

    name = models.CharField(max_length=200, blank=True, default="")
    role = models.CharField(max_length=200, blank=True, default="",
                            help_text="Their role or organisation, e.g. Head of Service.")
    team = models.ForeignKey("casedata.Team", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="action_leads")

    class Meta:
        ordering = ["name", "role"]
        constraints = [models.CheckConstraint(condition=~models.Q(name="", role=""),
                                              name="lead_has_name_or_role")]

    def __str__(self):
        if self.name and self.role:
            return f"{self.name}, {self.role}"
        return self.name or self.role


class Plan(models.Model):
    KINDS = {"action_plan": "Action plan", "improvement_plan": "Inspection improvement plan"}

    kind = models.CharField(max_length=20, choices=sorted(KINDS.items()), default="action_plan")
    title = models.CharField(max_length=300)
    starts_on = models.DateField(help_text="The plan's first day (months written without a "
                                           "year in its deadlines fall on or after it).")
    ends_on = models.DateField()
    description = models.TextField(blank=True, default="")
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="next_plans",
                                 help_text="The plan whose unfinished actions this one carries.")
    # Inspection improvement plans.
    inspection = models.CharField(max_length=300, blank=True, default="",
                                  help_text="The inspection the plan responds to.")
    report_published_on = models.DateField(null=True, blank=True)
    submission_due_on = models.DateField(
        null=True, blank=True,
        help_text="When the plan must be sent to the inspectorate (by default four weeks after "
                  "the report's publication).")
    submitted_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [models.CheckConstraint(
            condition=models.Q(ends_on__gte=models.F("starts_on")),
            name="plan_ends_after_it_starts")]

    def __str__(self):
        return self.title

    @property
    def is_improvement_plan(self) -> bool:
        return self.kind == "improvement_plan"


class Recommendation(models.Model):
    """A recommendation or area for improvement of an inspection (or a case audit)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recommendations")
    number = models.CharField(max_length=20, blank=True, default="")
    kind = models.CharField(max_length=30, choices=_choices("recommendation_kinds"),
                            default="recommendation")
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)
    # The case audit that prompted it. The audits app is built separately: until it is wired
    # in, these hold its references as text.
    source_audit_ref = models.CharField(max_length=100, blank=True, default="")
    source_recommendation_ref = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        ordering = ["plan", "position", "id"]

    def __str__(self):
        return f"{self.number}. {self.text}" if self.number else self.text


class Action(models.Model):
    """An action of an action plan, or an activity (or lettered sub-item) of an improvement
    plan's recommendation."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    recommendation = models.ForeignKey(Recommendation, null=True, blank=True,
                                       on_delete=models.CASCADE, related_name="actions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="sub_items",
                               help_text="The activity a lettered sub-item belongs to.")
    number = models.CharField(max_length=20, blank=True, default="",
                              help_text="An activity's number (1, 2) or a sub-item's letter.")
    position = models.PositiveIntegerField(default=0)
    area = models.CharField(max_length=200, blank=True, default="",
                            help_text="The plan's objective area, e.g. Prevention.")
    enabler = models.CharField(max_length=40, blank=True, default="",
                               choices=_choices("enablers"))
    objective = models.TextField(blank=True, default="")
    text = models.TextField(help_text="The specific actions (or the activity) as written.")
    leads = models.ManyToManyField(Lead, blank=True, related_name="actions")
    leads_text = models.TextField(blank=True, default="",
                                  help_text="The lead(s) as the plan wrote them.")
    deadline_text = models.CharField(max_length=300, blank=True, default="")
    deadline_kind = models.CharField(max_length=20, choices=sorted(KINDS.items()),
                                     default="none")
    due_on = models.DateField(null=True, blank=True, db_index=True,
                              help_text="The date read from the deadline, when one can be.")
    recurrence = models.CharField(max_length=20, blank=True, default="",
                                  choices=sorted(RECURRENCES.items()))
    links_text = models.TextField(blank=True, default="",
                                  help_text="Links to plans and performance, as written.")
    indicator_ids = models.JSONField(default=list, blank=True,
                                     help_text="Indicators of the catalogue, by id.")
    linked_plans = models.ManyToManyField(Plan, blank=True, related_name="linked_from")
    linked_recommendations = models.ManyToManyField(Recommendation, blank=True,
                                                    related_name="linked_actions")
    risks = models.TextField(blank=True, default="")
    success_criteria = models.TextField(blank=True, default="")
    status = models.CharField(max_length=20, choices=_choices("statuses"),
                              default="not_started")
    rag = models.CharField(max_length=10, blank=True, default="", choices=_choices("rags"))
    completed_on = models.DateField(null=True, blank=True)
    carried_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="carried_to")
    source_row = models.CharField(max_length=100, blank=True, default="",
                                  help_text="Where it was imported from (sheet and row).")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "position", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return self.reference + " " + self.text[:60]

    @property
    def reference(self) -> str:
        """1, 2.3, 6.1(a): the recommendation, activity and sub-item numbers."""
        parts = []
        if self.recommendation_id and self.recommendation.number:
            parts.append(self.recommendation.number)
        if self.parent_id:
            if self.parent.number:
                parts.append(self.parent.number)
            return ".".join(parts) + f"({self.number})"
        if self.number:
            parts.append(self.number)
        return ".".join(parts) or str(self.position)

    @property
    def is_open(self) -> bool:
        from yjhub.actions.codes import open_statuses

        return self.status in open_statuses()


class ProgressUpdate(models.Model):
    """A dated note of progress, with the status and RAG as at that date."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(help_text="The date the update describes.")
    status = models.CharField(max_length=20, choices=_choices("statuses"))
    rag = models.CharField(max_length=10, blank=True, default="", choices=_choices("rags"))
    note = models.TextField(blank=True, default="")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=200, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self):
        return f"{self.on} {self.status} {self.rag}"


class PlanImport(models.Model):
    """An uploaded workbook: checked (nothing written), then loaded when the person confirms.
    The upload is kept only between the check and the load."""

    STATUSES = {"problems": "Problems found: nothing written",
                "checked": "Checked: ready to load",
                "loaded": "Loaded", "discarded": "Removed without loading"}

    created_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    file_name = models.CharField(max_length=200)
    source = models.CharField(max_length=500, blank=True, default="",
                              help_text="Where the upload is kept until it is loaded.")
    status = models.CharField(max_length=20, choices=sorted(STATUSES.items()))
    problems = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    into = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", help_text="The plan the actions are added to.")
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="imports", help_text="The plan loaded.")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name} ({self.status})"
