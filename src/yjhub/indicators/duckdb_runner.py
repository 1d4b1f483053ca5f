"""Runs a catalogue's queries on DuckDB side by side, while the next ones are being built.

A catalogue run is some sixty queries. Run one after another through Ibis, DuckDB waits while
Python builds and compiles the next query, and many queries keep only part of the machine
busy (a window, a hash table's build, a table's insert). Here each query is compiled to SQL
on the thread that builds it and handed to a small pool of threads, each with its own
cursor on the same in-memory database, so several run at once and Python keeps ahead.

- Tables the queries read are views or tables of the database's main catalogue, which every
  cursor sees (never temporary objects, which belong to one connection).
- A shared step (``Source.share``) becomes a table of its own, created by the pool; the
  expressions built on it read it as an unbound table of the same name, and a query that
  reads it waits until it is written. The pool takes work in the order it was given, so a
  step is always started before any query that waits for it.
- Ibis memtables (the periods, the calendar) are written as tables before a query that
  reads them is handed over.

Results are exactly those of Ibis's own execution: the same SQL, converted to the
expression's Arrow schema the way Ibis converts it.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor

import ibis
import ibis.expr.operations as ops
import pyarrow as pa
import sqlglot as sg
import sqlglot.expressions as sge
from ibis.backends.duckdb.converter import DuckDBPyArrowData


class DuckDBRunner:
    """Executes Ibis expressions of one DuckDB backend on a pool of cursors."""

    def __init__(self, backend, *, workers: int = 2):
        self.backend = backend
        self.raw = backend.con  # the duckdb connection
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="duckdb")
        self._local = threading.local()
        self._lock = threading.Lock()
        self._written: set[str] = set()  # memtables already written as tables
        self._pending: dict[str, Future] = {}  # shared steps: table name -> its writing
        self._count = 0

    # -- what callers use --------------------------------------------------------------

    def fetch(self, expr: ibis.Table) -> pa.Table:
        """The rows of ``expr``, on the calling thread (after any step it reads)."""
        sql, waits = self._prepare(expr)
        return self._run(sql, waits, expr.schema())

    def fetch_later(self, expr: ibis.Table) -> Future:
        """The rows of ``expr`` as a future, computed by the pool."""
        sql, waits = self._prepare(expr)
        return self.pool.submit(self._run, sql, waits, expr.schema())

    def share(self, expr: ibis.Table) -> ibis.Table:
        """``expr`` written once into a table by the pool; returns a table expression that
        reads it (queries that do wait for the writing)."""
        schema = expr.schema()
        with self._lock:
            self._count += 1
            name = f"yjhub_shared_{id(self):x}_{self._count}"
        sql, waits = self._prepare(expr)
        create = sge.Create(kind="TABLE", this=sge.Schema(
            this=sg.table(name, quoted=True),
            expressions=schema.to_sqlglot_column_defs("duckdb")))
        statements = [create.sql("duckdb"), f'INSERT INTO "{name}" {sql}']
        self._pending[name] = self.pool.submit(self._execute, statements, waits)
        return ibis.table(schema, name=name)

    # -- inside ------------------------------------------------------------------------

    def _prepare(self, expr: ibis.Table) -> tuple[str, list[Future]]:
        """The SQL of ``expr`` and the writings it must wait for; writes its memtables."""
        op = expr.op()
        for memtable in op.find(ops.InMemoryTable):
            self._write_memtable(memtable)
        waits = [self._pending[t.name] for t in op.find(ops.UnboundTable)
                 if t.name in self._pending]
        return self.backend.compile(expr), waits

    def _write_memtable(self, op: ops.InMemoryTable) -> None:
        with self._lock:
            if op.name in self._written:
                return
            cursor = self._cursor()
            cursor.register("yjhub_memtable", op.data.to_pyarrow(op.schema))
            cursor.execute(f'CREATE TABLE "{op.name}" AS SELECT * FROM yjhub_memtable')
            cursor.unregister("yjhub_memtable")
            self._written.add(op.name)

    def _cursor(self):
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._local.cursor = self.raw.cursor()
        return cursor

    def _run(self, sql: str, waits: list[Future], schema) -> pa.Table:
        for writing in waits:
            writing.result()
        table = self._cursor().sql(sql).to_arrow_table()
        return DuckDBPyArrowData.convert_table(table, schema)

    def _execute(self, statements: list[str], waits: list[Future]) -> None:
        for writing in waits:
            writing.result()
        cursor = self._cursor()
        for statement in statements:
            cursor.execute(statement)
