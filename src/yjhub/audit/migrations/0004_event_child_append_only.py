"""The children named by an audit event are as unchangeable as the event (see 0002)."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER audit_event_child_no_update BEFORE UPDATE ON audit_auditeventchild
       BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END""",
    """CREATE TRIGGER audit_event_child_no_delete BEFORE DELETE ON audit_auditeventchild
       BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END""",
]
POSTGRES = [
    """CREATE TRIGGER audit_event_child_append_only BEFORE UPDATE OR DELETE
       ON audit_auditeventchild FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError("no append-only triggers for this database")
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_event_child")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
