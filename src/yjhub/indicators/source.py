"""Where the case-level tables are read from: one interface over every engine.

- a folder of ``<table>.parquet`` or ``<table>.csv`` files, read by DuckDB (or by Spark);
- the app's database, SQLite or PostgreSQL, read through Ibis's own backends;
- an open database connection (the web app's, so a request sees its own transaction);
- a Spark session, for national data.

Every table of the canonical schema is there, with the canonical column types, whatever the
engine: a missing file or table reads as empty. Identifying columns (names) are never
selected, so nothing downstream can read them.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import ibis
import ibis.expr.datatypes as dt
import pyarrow as pa

from yjhub.schema.arrow import arrow_schema
from yjhub.schema.tables import TABLES

IBIS_TYPES = {
    "id": dt.string, "ref": dt.string, "text": dt.string, "code": dt.string,
    "date": dt.date, "integer": dt.int64, "boolean": dt.boolean,
}
BY_NAME = {t.name: t for t in TABLES}
BACKENDS = ("duckdb", "sqlite", "postgres", "pyspark")
#: The tables a DuckDB folder source reads into memory by default (see Source.folder).
LOADED = ("child",)
#: The columns kept of a table read into memory, where not all of them: of ``child``, those
#: the definitions and the engine's breakdowns read (a definition that reads another column
#: of the child adds it here; writing the others cost more than the scans of them saved).
LOADED_COLUMNS = {"child": ("child_id", "service_id", "date_of_birth", "sex", "ethnic_group")}


class SourceError(Exception):
    """The source cannot be read: the message says which path or table and why."""


@dataclass
class Source:
    """The canonical tables on one Ibis backend."""

    con: object
    backend: str
    description: str
    _names: set[str] = field(default_factory=set)
    _tables: dict[str, ibis.Table] = field(default_factory=dict)
    _memo: dict = field(default_factory=dict)
    sharing: bool = True  # share() computes shared steps once (off: plain expressions)
    workers: int = 2  # DuckDB: queries run side by side (yjhub.indicators.duckdb_runner)
    _runner: object = None

    def memo(self, key, build):
        """A value built once per source (the periods table, the working-day calendar)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def table(self, name: str) -> ibis.Table:
        if name not in BY_NAME:
            raise KeyError(f"{name} is not a table of the schema")
        if name not in self._tables:
            self._tables[name] = self._typed(name)
        return self._tables[name]

    def __getattr__(self, name: str) -> ibis.Table:
        if name.startswith("_") or name not in BY_NAME:
            raise AttributeError(name)
        return self.table(name)

    def _typed(self, name: str) -> ibis.Table:
        declared = BY_NAME[name]
        wanted = [c for c in declared.columns if not c.identifying]
        if name not in self._names:
            return ibis.memtable(arrow_schema(declared, analytic=True).empty_table())
        raw = self.con.table(name)
        have = set(raw.columns)
        columns = {}
        for column in wanted:
            kind = IBIS_TYPES[column.type]
            if column.name not in have:
                columns[column.name] = ibis.null(kind)
            elif raw[column.name].type() != kind:
                columns[column.name] = _cast(raw[column.name], kind)
            else:
                columns[column.name] = raw[column.name]
        return raw.select(**columns)

    def fetch(self, expr: ibis.Table) -> pa.Table:
        if self.backend == "duckdb":
            return self.runner().fetch(expr)
        return expr.to_pyarrow()

    def fetch_later(self, expr: ibis.Table) -> Future:
        """As :meth:`fetch`, as a future: on DuckDB the query runs while the caller builds
        the next one (elsewhere it has run when this returns)."""
        if self.backend == "duckdb":
            return self.runner().fetch_later(expr)
        done: Future = Future()
        done.set_result(self.fetch(expr))
        return done

    def runner(self):
        """DuckDB's pool of cursors, made on first use."""
        if self._runner is None:
            from yjhub.indicators.duckdb_runner import DuckDBRunner

            self._runner = DuckDBRunner(self.con, workers=self.workers)
        return self._runner

    def share(self, expr: ibis.Table) -> ibis.Table:
        """Computes ``expr`` once into a table on DuckDB (a table of the runner's database)
        and SQLite (a temporary table), where the catalogue runs as many queries over one
        database: a step that several parts of a definition, or several definitions, use (the
        children whose programme ended, the quarterly cohorts) is then worked out once. The
        result is kept by the expression, so an equal expression built again reuses it (for
        as long as the source lives)."""
        if self.sharing and self.backend == "duckdb":
            return self.memo(("share", expr.op()), lambda: self.runner().share(expr))
        if self.sharing and self.backend == "sqlite":
            # held here for the source's life: Ibis drops a cached table with its last user
            return self.memo(("share", expr.op()), expr.cache)
        return expr

    def stage(self, expr: ibis.Table) -> ibis.Table:
        """Breaks a long query in two on SQLite, whose parser allows only so much nesting,
        by computing ``expr`` into a temporary table; elsewhere returns it unchanged, so the
        engine plans the whole query at once."""
        if self.backend == "sqlite":
            return expr.cache()
        return expr

    # -- constructors ---------------------------------------------------------------------

    def load(self, names=None) -> Source:
        """Reads tables (all when ``names`` is None) once into the engine's own storage
        (DuckDB's in-memory tables), typed, so the many queries of a catalogue run do not each
        decode the files again; of a table in :data:`LOADED_COLUMNS`, only those columns."""
        for name in sorted(self._names if names is None else set(names) & self._names):
            typed = self._typed(name)
            if name in LOADED_COLUMNS:
                typed = typed.select(*LOADED_COLUMNS[name])
            if self.backend == "duckdb":  # read by the runner's pool, while queries are built
                self._tables[name] = self.runner().share(typed)
            else:
                self._tables[name] = self.con.create_table(f"{name}__loaded", typed)
        return self

    @classmethod
    def folder(cls, path: str | Path, *, backend: str = "duckdb", spark=None,
               threads: int | None = None, load=LOADED) -> Source:
        """A folder of Parquet or CSV files named after the tables. With DuckDB, the tables
        named in ``load`` (True: all, False: none) are read into memory first instead of
        being scanned for every query. The default loads ``child`` alone, which nearly every
        definition joins to find the child's service and age: measured on the national
        data set, loading it saved 5-9% of the catalogue's time (runs side by side), while
        loading every table saved nothing (reading columns no query uses cost what it
        saved)."""
        folder = Path(path)
        if not folder.is_dir():
            raise SourceError(f"{folder}: no such folder")
        files = {}
        for table in TABLES:
            for suffix in (".parquet", ".csv"):
                candidate = folder / f"{table.name}{suffix}"
                if candidate.exists():
                    files[table.name] = candidate
                    break
        if "child" not in files:
            raise SourceError(f"{folder}: no child.parquet or child.csv here; is this a folder "
                              f"of case-level tables (yjhub generate writes one)?")
        if backend == "duckdb":
            con = ibis.duckdb.connect(**({"threads": threads} if threads else {}))
            # The catalogue reads the same files in many queries: keep their metadata, and
            # let scans and joins run without keeping rows in file order (sums do not care).
            # (global settings and views of the main catalogue: the runner's cursors share them)
            con.raw_sql("SET GLOBAL parquet_metadata_cache = true")
            con.raw_sql("SET GLOBAL preserve_insertion_order = false")
            for name, file in files.items():
                path = str(file.resolve()).replace("'", "''")
                reader = (f"read_parquet('{path}')" if file.suffix == ".parquet"
                          else f"read_csv('{path}', all_varchar = true, header = true)")
                con.raw_sql(f'CREATE VIEW "{name}" AS SELECT * FROM {reader}')
        elif backend == "pyspark":
            spark = spark or spark_session()
            for name, file in files.items():
                if file.suffix == ".parquet":
                    frame = spark.read.parquet(str(file))
                else:
                    frame = spark.read.option("header", True).csv(str(file))
                frame.createOrReplaceTempView(name)
            con = ibis.pyspark.connect(spark)
        else:
            raise SourceError(f"a folder is read with duckdb or pyspark, not {backend}")
        source = cls(con, backend, str(folder), set(files))
        if load and backend == "duckdb":
            source.load(None if load is True else load)
        return source

    @classmethod
    def database(cls, url: str) -> Source:
        """The app's database, from its URL: ``sqlite:///path`` or ``postgres://...``."""
        if url.startswith("sqlite:///"):
            path = url.removeprefix("sqlite:///")
            if not Path(path).exists():
                raise SourceError(f"{path}: no such database (run `yjhub setup` first)")
            con = ibis.sqlite.connect(path)
            backend = "sqlite"
        elif url.startswith(("postgres://", "postgresql://")):
            con = ibis.connect(url.replace("postgres://", "postgresql://", 1))
            backend = "postgres"
        else:
            raise SourceError(f"{url.split(':')[0]}: not a database yjhub reads (sqlite, postgres)")
        return cls._from_con(con, backend, _redact(url))

    @classmethod
    def connection(cls, raw, backend: str) -> Source:
        """An open DB-API connection (sqlite3 or psycopg), e.g. Django's own."""
        if backend == "sqlite":
            con = ibis.sqlite.from_connection(raw)
            # Ibis turns SQLite's LIKE case-sensitive on the connection it is given. A borrowed
            # connection (Django's) is handed back as it was: Django's case-insensitive
            # searches rely on it. No definition uses LIKE.
            raw.execute("PRAGMA case_sensitive_like = OFF")
        elif backend == "postgres":
            con = ibis.postgres.from_connection(raw)
        else:
            raise SourceError(f"no connection adapter for {backend}")
        return cls._from_con(con, backend, f"{backend} connection")

    @classmethod
    def spark(cls, session, *, description: str = "spark session") -> Source:
        """A Spark session whose catalogue has the tables as (temporary) views."""
        con = ibis.pyspark.connect(session)
        return cls._from_con(con, "pyspark", description)

    @classmethod
    def duckdb_arrow(cls, tables: dict[str, pa.Table]) -> Source:
        """Arrow tables held in memory, read by DuckDB (used by tests and the web app)."""
        con = ibis.duckdb.connect()
        for name, table in tables.items():
            con.create_table(name, table)
        return cls(con, "duckdb", "arrow tables", set(tables))

    @classmethod
    def _from_con(cls, con, backend: str, description: str) -> Source:
        present = set(con.list_tables()) & set(BY_NAME)
        if "child" not in present:
            raise SourceError(f"{description}: there is no child table (run `yjhub setup`)")
        return cls(con, backend, description, present)


def _cast(column, kind):
    if kind == dt.boolean and column.type().is_string():
        text = column.lower()
        return (text.isin(["true", "1", "t", "yes", "y"])).ifelse(
            True, text.isin(["false", "0", "f", "no", "n"]).ifelse(False, ibis.null(dt.boolean)))
    if kind == dt.boolean and column.type().is_integer():
        return column != 0
    if kind == dt.date and column.type().is_string():
        return column.nullif("").cast(dt.date)
    if column.type().is_string() and kind != dt.string:
        return column.nullif("").cast(kind)
    return column.cast(kind)


def _redact(url: str) -> str:
    if "@" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.split('@', 1)[1]}"
    return url


def spark_session(*, memory: str = "2g"):
    """A local Spark session tuned for this machine (used when no session is given)."""
    import os

    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    return (SparkSession.builder.master("local[2]").appName("yjhub")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.driver.memory", memory)
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())
