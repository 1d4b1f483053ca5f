"""Checks a folder of generated files against the schema, the way an importer would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from yjhub.schema import TABLES, TABLES_BY_NAME, code_list
from yjhub.schema.arrow import arrow_schema

#: Code columns whose codes have validity dates, and the date they must be valid on.
DATED_CODES = {
    ("outcome", "outcome_type"): "outcome_date",
    ("intervention_programme", "programme_type"): "start_date",
    ("remand_episode", "remand_type"): "start_date",
    ("assessment", "tool"): "due_date",
}
EPOCH = dt.date(1970, 1, 1)
EARLIEST, LATEST = ((dt.date(y, 1, 1) - EPOCH).days for y in (1985, 2041))
OPS = {">=": pc.greater_equal, ">": pc.greater, "<=": pc.less_equal, "<": pc.less}


def read(folder: Path) -> dict[str, pa.Table]:
    return {t.name: pq.read_table(folder / f"{t.name}.parquet") for t in TABLES}


def problems(tables: dict[str, pa.Table]) -> list[str]:
    found: list[str] = []
    for table in TABLES:
        data = tables[table.name]
        expected = arrow_schema(table)
        if data.schema.names != expected.names:
            found.append(f"{table.name}: columns {data.schema.names}")
            continue
        for field in expected:
            if data.schema.field(field.name).type != field.type:
                found.append(f"{table.name}.{field.name}: type {data.schema.field(field.name)}")
        for column in table.columns:
            values = data[column.name]
            if column.required and values.null_count:
                found.append(f"{table.name}.{column.name}: {values.null_count} blanks")
            if column.type == "ref":
                target = tables[column.ref][TABLES_BY_NAME[column.ref].key[0]]
                missing = pc.sum(pc.invert(pc.is_in(values.drop_null(), value_set=target
                                                    .combine_chunks()))).as_py() or 0
                if missing:
                    found.append(f"{table.name}.{column.name}: {missing} refs do not resolve")
            if column.type == "code":
                codes = pa.array([c.code for c in code_list(column.codes).codes])
                bad = pc.sum(pc.invert(pc.is_in(values.drop_null(), value_set=codes))).as_py()
                if bad:
                    found.append(f"{table.name}.{column.name}: {bad} unknown codes")
            if column.type == "integer":
                if column.minimum is not None and (pc.min(values).as_py() or 0) < column.minimum:
                    found.append(f"{table.name}.{column.name}: below {column.minimum}")
                top = pc.max(values).as_py()
                if column.maximum is not None and top is not None and top > column.maximum:
                    found.append(f"{table.name}.{column.name}: above {column.maximum}")
            if column.type in ("id", "ref", "text", "code") and column.max_length:
                longest = pc.max(pc.utf8_length(values)).as_py() or 0
                if longest > column.max_length:
                    found.append(f"{table.name}.{column.name}: longer than {column.max_length}")
            if column.type == "date" and len(values.drop_null()):
                low, high = (v.as_py() for v in pc.min_max(values.cast("int32")).values())
                if low < EARLIEST or high > LATEST:
                    found.append(f"{table.name}.{column.name}: dates out of range")
            if column.derived_from:
                found += derived_problems(table.name, data, column)
        for check in table.checks:
            result = OPS[check.op](data[check.left], data[check.right])
            broken = pc.sum(pc.invert(result.fill_null(True))).as_py() or 0
            if broken:
                found.append(f"{table.name}: {broken} rows break {check.message}")
        if data.num_rows:
            counts = data.group_by(list(table.key)).aggregate([([], "count_all")])
            if counts.num_rows != data.num_rows:
                found.append(f"{table.name}: key {table.key} not unique")
    for (name, column), date_column in DATED_CODES.items():
        found += validity_problems(name, tables[name], column, date_column)
    return found


def derived_problems(name: str, data: pa.Table, column) -> list[str]:
    source, attribute = column.derived_from.split(":")
    codes = code_list(TABLES_BY_NAME[name].column(source).codes).codes
    keys = pa.array([c.code for c in codes])
    values = pa.array([c.attributes.get(attribute) for c in codes])
    expected = values.take(pc.index_in(data[source], value_set=keys))
    same = pc.equal(data[column.name], expected.cast(data.schema.field(column.name).type))
    wrong = pc.sum(pc.invert(same.fill_null(False))).as_py() or 0
    return [f"{name}.{column.name}: {wrong} rows not derived from {source}"] if wrong else []


def validity_problems(name: str, data: pa.Table, column: str, date_column: str) -> list[str]:
    found = []
    for code in code_list(TABLES_BY_NAME[name].column(column).codes).codes:
        rows = data.filter(pc.equal(data[column], code.code))
        dates = rows[date_column]
        if code.valid_from and (pc.min(dates).as_py() or dt.date.max) < code.valid_from:
            found.append(f"{name}.{column}: {code.code} before {code.valid_from}")
        if code.valid_to and (pc.max(dates).as_py() or dt.date.min) > code.valid_to:
            found.append(f"{name}.{column}: {code.code} after {code.valid_to}")
    return found
