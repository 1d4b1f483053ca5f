"""The database refuses to change or delete audit events, whatever the app does.

(Row triggers only: a database administrator's TRUNCATE, which the test runner also uses to empty
tables between tests, is outside the app.)"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END""",
]
POSTGRES = [
    """CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events cannot be changed or deleted'; END;
       $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError("no append-only triggers for this database")
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
