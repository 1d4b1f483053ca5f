"""The audit trail: every view, export and change of a child's record, and every import.

Rows are only ever added. The app has no way to change or delete them: ``save`` refuses an
existing row, ``delete`` refuses always, and the database itself rejects UPDATE and DELETE on the
table (triggers made by migration 0002, on SQLite and PostgreSQL alike).
"""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    ACTIONS = {
        "view": "Viewed",
        "export": "Exported",
        "create": "Created",
        "update": "Changed",
        "delete": "Deleted",
        "import": "Imported",
    }

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(max_length=200, help_text="Who, as they were known then.")
    action = models.CharField(max_length=20, choices=sorted(ACTIONS.items()))
    table = models.CharField(max_length=60, blank=True, default="",
                             help_text="The case-data table of the record, e.g. child.")
    record_id = models.CharField(max_length=64, blank=True, default="")
    child_id = models.CharField(max_length=64, blank=True, default="", db_index=True,
                                help_text="The child the record belongs to (kept as text, so "
                                          "the trail outlives the record).")
    changes = models.JSONField(default=dict, blank=True,
                               help_text="For changes: {column: [old, new]}.")
    detail = models.CharField(max_length=400, blank=True, default="",
                              help_text="What was seen or done, e.g. the page or the export.")
    path = models.CharField(max_length=400, blank=True, default="")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True, default="")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["actor", "at"]),
                   models.Index(fields=["table", "record_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.table} " \
            f"{self.record_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit events cannot be deleted")


class AuditEventChild(models.Model):
    """A child named in a list, search or export event (an event about many children at once),
    so that the child's history shows it. Written with the event; only ever added to."""

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="children_named")
    child_id = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "child_id"],
                                               name="audit_event_child_once")]

    def __str__(self):
        return f"event {self.event_id}: child {self.child_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit events cannot be deleted")
