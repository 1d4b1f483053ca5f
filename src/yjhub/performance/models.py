"""The results cache: indicator figures computed ahead, so a page reads them in milliseconds.

Computing the catalogue from the case data takes tens of seconds, so the pages never compute:
``services.results_refresh`` computes the figures the pages show and stores them here, tagged
with the *data version* they were computed from. A page compares that tag with the current
data version (``selectors.data_version_current``); when the data has changed since, it shows the
cached figures with a notice and starts one refresh in the background.
"""

from django.db import models


class DataVersion(models.Model):
    """One row (pk 1): a counter anything that changes data outside the audited paths bumps
    (``services.data_version_bump``), and the lock that lets only one refresh run at a time."""

    bumps = models.PositiveIntegerField(default=0)
    bumped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"data version bump {self.bumps}"


class ResultsRefresh(models.Model):
    """One computation of the cached figures: when, from which data version, how long it took
    and whether it worked."""

    STATUSES = [("running", "Running"), ("done", "Done"), ("failed", "Failed")]

    started_at = models.DateTimeField(db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default="running")
    trigger = models.CharField(max_length=40, help_text="setup, command, page or test")
    data_version = models.CharField(max_length=100)
    as_of = models.DateField(help_text="The date the figures were computed for (provisional "
                             "flags depend on it).")
    periods = models.JSONField(default=list, help_text="The period labels computed.")
    indicators = models.JSONField(default=list, help_text="The indicator ids computed.")
    seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"refresh {self.pk} ({self.status}, {self.data_version})"


class CachedResults(models.Model):
    """The figures of one indicator for one unit (a service), breakdown and period: every
    measure and group, as the engine's ``Result`` fields plus ``withheld`` (hidden from board
    members: fewer than 5, or a figure that would let one be worked out)."""

    indicator_id = models.CharField(max_length=80)
    unit_id = models.CharField(max_length=64, help_text="The service.")
    breakdown = models.CharField(max_length=40, help_text='"none" or the breakdown.')
    period = models.CharField(max_length=40)
    refresh = models.ForeignKey(ResultsRefresh, on_delete=models.CASCADE, related_name="+")
    data_version = models.CharField(max_length=100)
    results = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["indicator_id", "unit_id", "breakdown", "period"],
            name="cached_results_unique")]
        indexes = [models.Index(fields=["indicator_id", "breakdown"])]

    def __str__(self):
        return f"{self.indicator_id} {self.unit_id} {self.breakdown} {self.period}"
