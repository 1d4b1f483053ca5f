"""Which columns each indicator reads: worked out from its definition, never declared by hand.

The definition is planned by DuckDB over two-row stand-ins for every table, and the columns
each table scan projects or filters on are read off the optimised plan (``EXPLAIN (FORMAT
json)``). These are the catalogue's *data items*, the *Used by* column of
``docs/data-model.md``, and what the benchmark's bare scan reads.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache

import pyarrow as pa

from yjhub.indicators.catalogue import Indicator
from yjhub.indicators.definitions import Context, definitions
from yjhub.indicators.periods import financial_year
from yjhub.schema.arrow import arrow_schema
from yjhub.schema.tables import TABLES

_LOW = {"string": "", "date32[day]": dt.date(1900, 1, 1), "int32": -10**9, "bool": False}
_HIGH = {"string": "zzzz", "date32[day]": dt.date(2100, 1, 1), "int32": 10**9, "bool": True}


def _stand_in(table) -> pa.Table:
    """Two rows spanning every value, so the planner cannot prove a filter empty."""
    schema = arrow_schema(table)
    rows = [{f.name: bounds[str(f.type)] for f in schema} for bounds in (_LOW, _HIGH)]
    return pa.Table.from_pylist(rows, schema=schema)


@cache
def _source():
    from yjhub.indicators.source import Source

    source = Source.duckdb_arrow({t.name: _stand_in(t) for t in TABLES})
    source.sharing = False  # plan the whole definition, down to the tables
    return source


def columns_read(indicator: Indicator) -> dict[str, set[str]]:
    """{table: {columns}} that the indicator's definition reads."""
    source = _source()
    context = Context(source, [financial_year(2024)], dt.date(2026, 1, 1),
                      indicator.parameters)
    expr = definitions()[indicator.id](context)
    con = source.con
    con._run_pre_execute_hooks(expr)
    sql = str(con.compile(expr))
    plan = json.loads(con.raw_sql("EXPLAIN (FORMAT json) " + sql).fetchall()[0][1])
    declared = {t.name: [c.name for c in t.columns] for t in TABLES}
    found: dict[str, set[str]] = {}
    _walk(plan, found, declared)
    return found


def _walk(node, found: dict, declared: dict) -> None:
    if isinstance(node, list):
        for child in node:
            _walk(child, found, declared)
        return
    if not isinstance(node, dict):
        return
    info = node.get("extra_info") or {}
    table = str(info.get("Table", "")).rsplit(".", 1)[-1]
    if table in declared:
        text = " ".join(_strings(info.get("Projections")) + _strings(info.get("Filters")))
        words = set(re.findall(r"[a-z_][a-z0-9_]*", text))
        found.setdefault(table, set()).update(c for c in declared[table] if c in words)
    for child in node.get("children", []):
        _walk(child, found, declared)


def _strings(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


#: What the engine itself reads for an indicator, beyond its definition's own rows.
POPULATION_ITEMS = ("population.year", "population.age", "population.sex",
                    "population.population", "population_ethnicity.census_year",
                    "population_ethnicity.ethnic_group", "population_ethnicity.population")


@cache
def data_items(indicator: Indicator) -> tuple[str, ...]:
    """The ``table.column`` items an indicator reads (keys aside), in schema order: its
    definition's columns, the bank holidays when it counts working days, and the population
    tables when a measure divides by the population."""
    read = columns_read(indicator)
    items = {f"{table}.{column}" for table, columns in read.items() for column in columns}
    context = Context(_source(), [financial_year(2024)], dt.date(2026, 1, 1),
                      indicator.parameters)
    definitions()[indicator.id](context)
    if context.reads_calendar:
        items.add("bank_holiday.holiday_date")
    if any(m.denominator and m.denominator.population for m in indicator.measures):
        items.update(POPULATION_ITEMS)
    ordered = [f"{t.name}.{c.name}" for t in TABLES for c in t.columns
               if c.type not in ("id", "ref")]
    return tuple(i for i in ordered if i in items)


def indicator_uses() -> dict[str, list[str]]:
    """{"table.column": [indicator ids that read it]}, for docs/data-model.md."""
    from yjhub.indicators.catalogue import catalogue

    uses: dict[str, list[str]] = {}
    for indicator in catalogue():
        for item in data_items(indicator):
            uses.setdefault(item, []).append(indicator.id)
    return uses
