"""Streaming tables to files: one file per table, written a service at a time.

Parquet: ``<out>/<table>.parquet`` through ``pyarrow.parquet.ParquetWriter``, one row group per
service. CSV: ``<out>/<table>.csv`` with a header row, dates as YYYY-MM-DD, booleans as
true/false and blanks for nulls.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from yjhub.schema import TABLES
from yjhub.schema.arrow import arrow_schema

FORMATS = ("parquet", "csv")


class TableWriter:
    """Writes every table of the schema; tables never given rows are written empty."""

    def __init__(self, out: Path, fmt: str = "parquet"):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}: choose parquet or csv")
        self.out = Path(out)
        self.fmt = fmt
        self.rows = {t.name: 0 for t in TABLES}
        self._writers: dict[str, object] = {}
        self.out.mkdir(parents=True, exist_ok=True)
        for table in TABLES:
            path = self.out / f"{table.name}.{fmt}"
            schema = arrow_schema(table)
            if fmt == "parquet":
                self._writers[table.name] = pq.ParquetWriter(path, schema, compression="snappy")
            else:
                self._writers[table.name] = pa_csv.CSVWriter(
                    path, schema, write_options=pa_csv.WriteOptions(include_header=True))

    def write(self, name: str, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        writer = self._writers[name]
        if self.fmt == "parquet":
            writer.write_table(table, row_group_size=max(table.num_rows, 1))
        else:
            writer.write_table(table)
        self.rows[name] += table.num_rows

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
