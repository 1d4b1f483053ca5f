"""Golden tests run every hand-worked case on four engines.

- ``duckdb``: the tables as Arrow, read by DuckDB (the engine for folders of files);
- ``db``: the tables written through the Django models into the app's database, read by Ibis
  over Django's own connection: SQLite in the first pass of ``make test``, PostgreSQL in the
  second (these tests carry ``django_db``, which the PostgreSQL pass selects);
- ``pyspark``: the tables as Spark views, in a local Spark session shared by the run.

A test takes the ``compute`` fixture: ``compute(cases, "2024-25", indicators=[...])`` loads the
cases into the engine of the test's parameter and returns the results.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from tests.indicators.golden.cases import Cases
from yjhub.indicators.engine import Request
from yjhub.indicators.engine import compute as run
from yjhub.indicators.periods import Period, parse_period
from yjhub.indicators.source import Source
from yjhub.schema.arrow import arrow_schema
from yjhub.schema.tables import TABLES

ENGINES = [
    "duckdb",
    pytest.param("db", marks=pytest.mark.django_db(transaction=True)),
    pytest.param("pyspark", marks=pytest.mark.spark),
]
AS_OF = dt.date(2026, 11, 1)


@pytest.fixture(scope="session")
def spark():
    from yjhub.indicators.source import spark_session

    session = spark_session(memory="1g")
    session.sparkContext.setLogLevel("ERROR")
    yield session


def load(engine: str, tables: dict[str, pa.Table], request) -> Source:
    if engine == "duckdb":
        return Source.duckdb_arrow(tables)
    if engine == "db":
        from django.db import connection

        from yjhub.casedata.models import MODELS

        for table in TABLES:  # parents first
            if table.name in tables:
                model = MODELS[table.name]
                attnames = {f.column: f.attname for f in model._meta.concrete_fields}
                model.objects.bulk_create(
                    model(**{attnames[k]: v for k, v in row.items()})
                    for row in tables[table.name].to_pylist())
        connection.ensure_connection()
        backend = "postgres" if connection.vendor == "postgresql" else "sqlite"
        return Source.connection(connection.connection, backend)
    if engine == "pyspark":
        session = request.getfixturevalue("spark")
        for table in TABLES:  # every view replaced, so no test sees another's rows
            data = tables.get(table.name, arrow_schema(table).empty_table())
            frame = session.createDataFrame(data.to_pylist(), schema=_spark_schema(table))
            frame.createOrReplaceTempView(table.name)
        return Source.spark(session)
    raise ValueError(engine)


def _spark_schema(table) -> str:
    types = {"id": "string", "ref": "string", "text": "string", "code": "string",
             "date": "date", "integer": "int", "boolean": "boolean"}
    return ", ".join(f"`{c.name}` {types[c.type]}" for c in table.columns)


@pytest.fixture(params=ENGINES)
def engine(request):
    return request.param


@pytest.fixture
def compute(engine, request):
    """compute(cases, "2024-25" | [periods], indicators=[...], unit=..., breakdown=...)."""

    loaded: dict[int, tuple[dict, Source]] = {}

    def _compute(cases: Cases, periods, *, indicators, unit="service", breakdown=None,
                 as_of=AS_OF, targets=None):
        if isinstance(periods, str | Period):
            periods = [periods]
        periods = [parse_period(p) if isinstance(p, str) else p for p in periods]
        counts = {name: len(rows) for name, rows in cases.rows.items()}
        if id(cases) in loaded:  # the same cases again: reuse what is loaded
            before, source = loaded[id(cases)]
            if before != counts:
                raise AssertionError("cases changed after they were loaded: build them first")
        else:
            if loaded and engine == "db":
                raise AssertionError("one set of cases per test on the database engine")
            source = load(engine, cases.arrow(), request)
            loaded[id(cases)] = (counts, source)
        return run(source, Request(periods=periods, indicators=indicators, unit=unit,
                                   breakdown=breakdown, as_of=as_of, targets=targets or {}))

    return _compute


def figure(results, measure: str, period: str | None = None, group: str = "all",
           unit_id: str | None = None, **dimensions):
    """The one result for a measure, period, group (and unit, dimensions)."""
    found = [r for r in results if r.measure == measure
             and (period is None or r.period == period) and r.group == group
             and (unit_id is None or r.unit_id == unit_id)
             and all(str(r.dimensions.get(k)) == str(v) for k, v in dimensions.items())]
    if len(found) != 1:
        have = [(r.period, r.unit_id, r.group, r.dimensions) for r in results
                if r.measure == measure]
        raise AssertionError(f"{len(found)} results for {measure} {period} {group} "
                             f"{unit_id} {dimensions}; there are {have}")
    return found[0]
