"""The canonical schema as Arrow types: how tables are written to Parquet and read back."""

from __future__ import annotations

import pyarrow as pa

from yjhub.schema.model import Table

ARROW_TYPES = {
    "id": pa.string(),
    "ref": pa.string(),
    "text": pa.string(),
    "code": pa.string(),
    "date": pa.date32(),
    "integer": pa.int32(),
    "boolean": pa.bool_(),
}


def arrow_schema(table: Table, *, analytic: bool = False) -> pa.Schema:
    """The Arrow schema of a table; ``analytic=True`` leaves out identifying columns."""
    return pa.schema(
        pa.field(c.name, ARROW_TYPES[c.type], nullable=not c.required)
        for c in table.columns
        if not (analytic and c.identifying)
    )
