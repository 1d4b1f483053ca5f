from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    """One import of case-management data: who, when, from where, and what it did.

    A run that found problems is recorded too (status ``rejected``) with its problem count, so the
    history shows every attempt; it wrote no case data.
    """

    STATUSES = [("loaded", "Loaded"), ("rejected", "Rejected: nothing written"),
                ("dry_run", "Checked only (dry run)")]

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.PROTECT)
    actor = models.CharField(max_length=150, help_text="Who ran it: the user, or the "
                             "operating-system account for the command line.")
    source = models.CharField(max_length=500, help_text="The file or folder imported.")
    mapping = models.CharField(max_length=500, blank=True, default="")
    status = models.CharField(max_length=20, choices=STATUSES)
    rows_read = models.PositiveIntegerField(default=0)
    problem_count = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, help_text="Per table: read, created, updated, "
                              "unchanged.")
    report_path = models.CharField(max_length=500, blank=True, default="",
                                   help_text="The CSV report of problems, when there were any.")

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"import {self.pk} of {self.source} ({self.status})"
