"""A plan in the database: its YAML plan file (docs/plan-format.md) and what lists it, with a
version kept on every save so nothing typed is ever lost."""

from django.conf import settings
from django.db import models


class PlanRecord(models.Model):
    """One Youth Justice Plan of the service. ``text`` is the plan file; the other fields repeat
    what the lists show, so a list does not read every plan's file."""

    service = models.CharField(max_length=200, blank=True, default="")
    period = models.CharField(max_length=20, help_text="The plan's financial year, 2025-26.")
    title = models.CharField(max_length=300)
    template_id = models.CharField(max_length=60, blank=True, default="")
    status = models.CharField(max_length=20, default="draft")
    text = models.TextField(help_text="The plan file (YAML, docs/plan-format.md).")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-period", "-updated_at"]

    def __str__(self):
        return f"{self.title} (version {self.version})"


class PlanVersion(models.Model):
    """The plan file as it was saved: one row per save, never changed afterwards."""

    plan = models.ForeignKey(PlanRecord, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    saved_at = models.DateTimeField()
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=300, help_text="What the save changed, in words.")

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"],
                                               name="plan_version_number_unique")]

    def __str__(self):
        return f"version {self.number} of plan {self.plan_id}"
