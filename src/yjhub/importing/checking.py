"""The first pass of an import: read every row of every file and find every problem.

Nothing is written here, and nothing here imports Django: a folder can be checked without a
database. The pass keeps only what later checks need, so large files stream in bounded memory:
the keys seen (to catch a row given twice and to resolve references) and the references it could
not resolve yet. References not found in the import are looked up with ``existing_keys`` (the
service passes a database lookup) in batches once every file has been read.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from yjhub.importing.cleaning import BAD, RowCleaner
from yjhub.importing.headers import plan_layout
from yjhub.importing.mapping import Mapping
from yjhub.importing.problems import ProblemLog
from yjhub.importing.readers import ReadError, Source, discover, open_source
from yjhub.importing.values import as_text
from yjhub.schema import table as schema_table

#: progress(phase, done, total): bytes of the input processed so far, in "checking" and "loading"
Progress = Callable[[str, int, int], None]
ExistingKeys = Callable[[str, list[str]], Iterable[str]]

REF_BATCH = 500
PROGRESS_EVERY = 2000


@dataclass
class CheckResult:
    sources: list[Source]
    read: dict[str, int] = field(default_factory=dict)  # rows read per table

    @property
    def rows_read(self) -> int:
        return sum(self.read.values())


@dataclass
class Stream:
    """An open source's cleaned rows."""

    source: Source
    cleaner: RowCleaner
    rows: Iterator[tuple[int, dict, list]]  # (row number, record, faults)
    position: Callable[[], int]

    @property
    def present(self) -> list[str]:
        return self.cleaner.layout.present


def stream_rows(source: Source, mapping: Mapping, log: ProblemLog, consume) -> None:
    """Open a source, match its header and hand a ``Stream`` to ``consume``; problems opening
    the file, with its header, or part-way through, are logged."""
    table = schema_table(source.table)
    table_mapping = mapping.for_table(source.table)
    try:
        with open_source(source) as opened:
            layout = plan_layout(source, opened, table, table_mapping, log)
            if layout is None:
                return
            cleaner = RowCleaner(layout, table_mapping, encoding=source.encoding)

            def rows():
                for number, values in opened.rows:
                    record, faults = cleaner.clean(values)
                    yield number, record, faults

            consume(Stream(source, cleaner, rows(), opened.position))
    except ReadError as error:
        log.add(file=source.file, sheet=source.sheet, row=error.row, problem=str(error))


def _pack(src: int, row: int, col: int) -> int:
    return (src << 40) | (row << 8) | col


def _unpack(packed: int) -> tuple[int, int, int]:
    return packed >> 40, (packed >> 8) & 0xFFFFFFFF, packed & 0xFF


def check_import(path: Path, mapping: Mapping, log: ProblemLog, *,
                 existing_keys: ExistingKeys | None = None,
                 progress: Progress | None = None) -> CheckResult:
    """Read and check everything; every problem goes to ``log``. With ``existing_keys=None``
    the import must be self-contained: a reference to a row not in it is a problem."""
    sources = discover(path, mapping, log)
    result = CheckResult(sources=sources, read={s.table: 0 for s in sources})
    keys: dict[str, dict] = {}  # table -> key -> packed (source, row) where first seen
    unresolved: dict[str, dict[str, array]] = {}  # target table -> value -> packed places
    labels: dict[int, dict[str, str]] = {}
    total = sum(s.size for s in sources) or 1
    done_before = 0

    for src_index, source in enumerate(sources):
        table = schema_table(source.table)
        table_keys = keys.setdefault(table.name, {})
        column_index = {c.name: i for i, c in enumerate(table.columns)}
        key_columns = table.key
        single = len(key_columns) == 1

        def consume(stream: Stream, src_index=src_index, source=source, table=table,
                    table_keys=table_keys, column_index=column_index, key_columns=key_columns,
                    single=single, done_before=done_before):
            labels[src_index] = stream.cleaner.labels
            refs = [(c.name, c.ref, column_index[c.name]) for c in table.refs
                    if c.name in stream.present]
            where = {"file": source.file, "sheet": source.sheet}
            count = 0
            for number, record, faults in stream.rows:
                count += 1
                for fault in faults:
                    log.add(**where, row=number, column=fault.column, value=fault.value,
                            problem=fault.problem)
                key_values = tuple(record.get(k) for k in key_columns)
                if all(v is not None and v is not BAD for v in key_values):
                    key = key_values[0] if single else key_values
                    first = table_keys.get(key)
                    if first is None:
                        table_keys[key] = (src_index << 32) | number
                    else:
                        first_source = sources[first >> 32]
                        first_place = (first_source.label() if first_source is not source
                                       else "") + f" row {first & 0xFFFFFFFF}"
                        log.add(**where, row=number,
                                column=", ".join(stream.cleaner.label(k) for k in key_columns),
                                value=", ".join(as_text(v) for v in key_values),
                                problem=f"the same {' and '.join(key_columns)} as"
                                f"{first_place.rstrip()}: each {table.name} must appear "
                                "once")
                for name, target, position in refs:
                    value = record.get(name)
                    if value is None or value is BAD:
                        continue
                    if value in keys.get(target, ()):
                        continue
                    places = unresolved.setdefault(target, {}).get(value)
                    if places is None:
                        places = unresolved[target][value] = array("q")
                    places.append(_pack(src_index, number, position))
                if progress and count % PROGRESS_EVERY == 0:
                    progress("checking", done_before + stream.position(), total)
            result.read[table.name] += count

        stream_rows(source, mapping, log, consume)
        done_before += source.size
        if progress:
            progress("checking", done_before, total)

    _resolve(unresolved, keys, sources, labels, log, existing_keys)
    return result


def _resolve(unresolved, keys, sources, labels, log, existing_keys) -> None:
    for target, values in unresolved.items():
        imported = keys.get(target, {})
        missing = [v for v in values if v not in imported]
        found: set[str] = set()
        if existing_keys is not None:
            for start in range(0, len(missing), REF_BATCH):
                found.update(existing_keys(target, missing[start:start + REF_BATCH]))
        target_key = schema_table(target).key[0]
        where_else = " in this import or in the database" if existing_keys else \
            " in this import"
        for value in missing:
            if value in found:
                continue
            for packed in values[value]:
                src_index, row, col = _unpack(packed)
                source = sources[src_index]
                column = schema_table(source.table).columns[col].name
                log.add(file=source.file, sheet=source.sheet, row=row,
                        column=labels.get(src_index, {}).get(column, column), value=value,
                        problem=f"no {target} with this {target_key}{where_else}")
