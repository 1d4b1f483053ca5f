"""Builds a Django model from a table of the canonical schema.

The model's database table and columns carry the canonical names, so the indicator engine reads
the app's database with the same definitions it runs on Parquet files. A foreign key's column is
the canonical ``..._id`` column (``Offence.child_id`` holds the child's identifier). A table
identified by one id column has that column as its primary key; a table identified by several
columns has a hidden ``id`` and a unique constraint on them.
"""

from __future__ import annotations

from django.db import models

from yjhub.schema import Table


def _field(column, table: Table):
    null = not column.required
    common = {"null": null, "blank": null, "help_text": column.description}
    if column.type == "id" and table.has_single_key:
        return models.CharField(max_length=column.max_length, primary_key=True,
                                help_text=column.description)
    if column.type in ("id", "text", "code"):
        return models.CharField(max_length=column.max_length or 200, **common)
    if column.type == "ref":
        from yjhub.schema import table as schema_table

        target = schema_table(column.ref)
        return models.ForeignKey(
            f"casedata.{target.model}",
            on_delete=models.PROTECT,
            db_column=column.name,
            related_name=f"{table.name}_set_by_{column.name}" if _ambiguous(table, column)
            else f"{table.name}_set",
            **common,
        )
    if column.type == "date":
        return models.DateField(**common)
    if column.type == "integer":
        return models.IntegerField(**common)
    if column.type == "boolean":
        return models.BooleanField(**common)
    raise ValueError(column.type)


def _ambiguous(table: Table, column) -> bool:
    return sum(1 for c in table.refs if c.ref == column.ref) > 1


def field_name(column) -> str:
    """The Django field name: a reference ``child_id`` is the field ``child``."""
    return column.name.removesuffix("_id") if column.type == "ref" else column.name


def build_model(table: Table, module: str) -> type[models.Model]:
    attrs = {"__module__": module}
    for column in table.columns:
        attrs[field_name(column)] = _field(column, table)
    meta = {"db_table": table.name, "verbose_name": table.name.replace("_", " "),
            "app_label": "casedata"}
    if not table.has_single_key:
        meta["constraints"] = [
            models.UniqueConstraint(fields=[field_name(table.column(k)) for k in table.key],
                                    name=f"{table.name}_key")
        ]
    attrs["Meta"] = type("Meta", (), meta)
    attrs["__str__"] = lambda self: f"{table.name} " + " ".join(
        str(getattr(self, k)) for k in table.key)
    attrs["schema_table"] = table
    return type(table.model, (models.Model,), attrs)
