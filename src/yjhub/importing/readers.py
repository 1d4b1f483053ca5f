"""Finding the tables in an export and streaming their rows.

An export is a folder of ``<table>.csv`` / ``<table>.parquet`` files, an Excel workbook with a
sheet per table (or a folder of such workbooks), or a single file named after its table. Names
are matched to tables case-insensitively (``Child.CSV``, sheet ``Court appearance``), or by the
mapping file's globs. Rows are streamed, never loaded whole: CSV line by line, Excel with
openpyxl's read-only mode, Parquet a batch at a time.

Each row carries its number as a person sees it: the header is row 1, so the first data row is
row 2 (for Excel, the sheet's own row number; for Parquet, as if the file were written out as
CSV with a header).

No Django here: a folder can be checked without a database.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from yjhub.importing.mapping import Mapping, normalise_header
from yjhub.importing.problems import ProblemLog
from yjhub.importing.xlsx_merges import merged_ranges, sheet_parts
from yjhub.schema import TABLES, TABLES_BY_NAME

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
_ORDER = {t.name: i for i, t in enumerate(TABLES)}
_SCAN_CHUNK = 1 << 20
_DELIMITERS = [",", ";", "\t", "|"]


def _escape_bytes(error: UnicodeDecodeError):
    """Keep bytes that do not decode as U+DC80.. escapes, so the row can name them."""
    return "".join(chr(0xDC00 + b) for b in error.object[error.start:error.end]), error.end


codecs.register_error("yjhub-escape", _escape_bytes)


class SourceError(ValueError):
    """The path cannot be imported at all (it does not exist, or is not a kind we read)."""


class ReadError(Exception):
    """A file stops being readable part-way (or at the start); ``row`` says where."""

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.row = row


@dataclass
class Source:
    """One table's rows in one file or sheet."""

    table: str
    path: Path
    kind: str  # csv, xlsx, parquet
    sheet: str = ""
    part: str = ""  # the sheet's XML part in the workbook
    size: int = 0  # bytes, for progress
    encoding: str = ""  # for CSV, once detected

    @property
    def file(self) -> str:
        return self.path.name

    def label(self) -> str:
        return f"{self.file} sheet {self.sheet}" if self.sheet else self.file


@dataclass
class Opened:
    """An open source: its header row and a stream of data rows."""

    header: list
    header_row: int
    rows: Iterator[tuple[int, list]]  # (row number, values), blank rows already skipped
    position: callable  # bytes of the source read so far (an estimate for Excel and Parquet)
    header_merges: list[str] = field(default_factory=list)


# --- Finding the sources -----------------------------------------------------------------------

def _table_for_name(name: str, mapping: Mapping, matcher) -> list[str]:
    by_mapping = [t for t, m in mapping.tables.items() if matcher(m)]
    if by_mapping:
        return by_mapping
    table = normalise_header(name)
    if table in TABLES_BY_NAME and (table not in mapping.tables
                                    or (mapping.tables[table].file is None
                                        and mapping.tables[table].sheet is None)):
        return [table]
    return []


def discover(path: Path, mapping: Mapping, log: ProblemLog) -> list[Source]:
    """The sources in a folder or file, in schema order; unknown files and sheets are warned
    about, unreadable workbooks reported as problems."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir()
                       if p.is_file() and not p.name.startswith((".", "~$")))
    elif path.is_file():
        if path.suffix.lower() not in CSV_SUFFIXES | EXCEL_SUFFIXES | PARQUET_SUFFIXES:
            raise SourceError(f"{path.name} is not a CSV, Excel (.xlsx) or Parquet file")
        files = [path]
    else:
        raise SourceError(f"{path} does not exist")
    sources: list[Source] = []
    for file in files:
        suffix = file.suffix.lower()
        if suffix in CSV_SUFFIXES | PARQUET_SUFFIXES:
            kind = "csv" if suffix in CSV_SUFFIXES else "parquet"
            tables = _table_for_name(file.stem, mapping,
                                     lambda m, f=file: m.matches_file(f.name) and not m.sheet)
            if len(tables) > 1:
                log.add(file=file.name, problem=f"matches the mapping of more than one table "
                        f"({', '.join(tables)})")
            elif tables:
                sources.append(Source(tables[0], file, kind, size=file.stat().st_size))
            else:
                log.add(file=file.name, warning=True, problem="not named after a table of the "
                        "schema (nor matched by the mapping file), so it was not imported")
        elif suffix in EXCEL_SUFFIXES:
            sources += _workbook_sources(file, mapping, log)
        elif suffix == ".xls":
            log.add(file=file.name, warning=True, problem="an old-style .xls workbook: save it "
                    "as .xlsx to import it; it was not imported")
        else:
            log.add(file=file.name, warning=True, problem="not a CSV, Excel (.xlsx) or "
                    "Parquet file, so it was not imported")
    if not sources and not log.has_problems:
        log.add(file=path.name, problem="no file or sheet is named after a table of the schema "
                "(e.g. child.csv, offence.parquet, or a sheet called child), and no mapping file "
                "matched one")
    sources.sort(key=lambda s: _ORDER[s.table])
    return sources


def _workbook_sources(file: Path, mapping: Mapping, log: ProblemLog) -> list[Source]:
    try:
        parts = sheet_parts(file)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as error:
        log.add(file=file.name, problem=f"cannot be read as an Excel workbook ({_why(error)})")
        return []
    sources = []
    for sheet, (part, size) in parts.items():
        tables = _table_for_name(sheet, mapping,
                                 lambda m, s=sheet: m.matches_sheet(file.name, s))
        if len(tables) > 1:
            log.add(file=file.name, sheet=sheet, problem="matches the mapping of more than one "
                    f"table ({', '.join(tables)})")
        elif tables:
            sources.append(Source(tables[0], file, "xlsx", sheet=sheet, part=part, size=size))
        else:
            log.add(file=file.name, sheet=sheet, warning=True, problem="the sheet is not named "
                    "after a table of the schema (nor matched by the mapping file), so it was "
                    "not imported")
    return sources


def _why(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) < 200 else text[:199] + "…"


# --- Opening a source --------------------------------------------------------------------------

@contextmanager
def open_source(source: Source):
    """Open a source for reading; raises ReadError when it cannot be read at all."""
    opener = {"csv": _open_csv, "xlsx": _open_xlsx, "parquet": _open_parquet}[source.kind]
    with opener(source) as opened:
        yield opened


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without a BOM), UTF-16 with a BOM (or without, when every other byte of
    the first line is zero), else Windows-1252."""
    with path.open("rb") as f:
        head = f.read(_SCAN_CHUNK)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        sample = head[:200]
        if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
            odd_zeros = sample[1::2].count(0)
            even_zeros = sample[0::2].count(0)
            return "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
        decoder = codecs.getincrementaldecoder("utf-8")()
        chunk = head
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = f.read(_SCAN_CHUNK)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _sniff_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] and counts[","] == 0 else ","


@contextmanager
def _open_csv(source: Source):
    try:
        source.encoding = detect_encoding(source.path)
        binary = source.path.open("rb")
    except OSError as error:
        raise ReadError(f"cannot be opened ({_why(error)})") from None
    try:
        text = io.TextIOWrapper(binary, encoding=source.encoding, errors="yjhub-escape",
                                newline="")
        first = text.readline()
        delimiter = _sniff_delimiter(first)
        text.seek(0)
        reader = csv.reader(text, delimiter=delimiter)
        rows = _csv_rows(reader)
        try:
            header_row, header = next(rows)
        except StopIteration:
            raise ReadError("the file is empty: no header row") from None
        yield Opened(header=header, header_row=header_row, rows=rows,
                     position=binary.tell)
    finally:
        binary.close()


def _csv_rows(reader) -> Iterator[tuple[int, list]]:
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ReadError(f"the CSV cannot be read from here on ({_why(error)})",
                            row=number + 1) from None
        except UnicodeError as error:  # pragma: no cover - the escape handler prevents this
            raise ReadError(f"the text cannot be decoded ({_why(error)})", row=number + 1) \
                from None
        number += 1
        if any(v.strip() for v in record):
            yield number, record


@contextmanager
def _open_xlsx(source: Source):
    import openpyxl

    try:
        merges = merged_ranges(source.path, source.part)
        workbook = openpyxl.load_workbook(source.path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - a broken workbook raises all sorts
        raise ReadError(f"cannot be read as an Excel workbook ({_why(error)})") from None
    try:
        try:
            sheet = workbook[source.sheet]
            estimated_rows = sheet.max_row or 0
            sheet.reset_dimensions()  # the stored dimensions can be wrong: read every row
            raw = _xlsx_rows(sheet)
            header_row, header = next(raw)
        except StopIteration:
            raise ReadError("the sheet is empty: no header row") from None
        except ReadError:
            raise
        except Exception as error:  # noqa: BLE001
            raise ReadError(f"cannot be read ({_why(error)})") from None
        header_merges = [m for m in merges if m[1] <= header_row <= m[3]]
        data_merges = sorted((m for m in merges if m[1] > header_row), key=lambda m: m[1])
        done = {"row": header_row}

        def position():
            if not estimated_rows:
                return 0
            return min(source.size, int(source.size * done["row"] / estimated_rows))

        def rows():
            active: list[tuple[tuple, object]] = []
            pending = list(data_merges)
            for number, values in raw:
                done["row"] = number
                while pending and pending[0][1] <= number:
                    min_col, min_row, max_col, max_row = pending.pop(0)
                    if min_row == number:
                        first = values[min_col - 1] if min_col <= len(values) else None
                        active.append(((min_col, min_row, max_col, max_row), first))
                active = [(m, v) for m, v in active if m[3] >= number]
                if active:
                    values = list(values)
                    for (min_col, _r1, max_col, _r2), value in active:
                        if len(values) < max_col:
                            values += [None] * (max_col - len(values))
                        for col in range(min_col, max_col + 1):
                            values[col - 1] = value
                if any(v is not None and not (isinstance(v, str) and not v.strip())
                       for v in values):
                    yield number, list(values)

        from openpyxl.utils import get_column_letter

        yield Opened(
            header=list(header), header_row=header_row, rows=_guard(rows()), position=position,
            header_merges=[f"{get_column_letter(m[0])}{m[1]}:{get_column_letter(m[2])}{m[3]}"
                           for m in header_merges],
        )
    finally:
        workbook.close()


def _xlsx_rows(sheet) -> Iterator[tuple[int, tuple]]:
    """Every row with its sheet row number; leading blank rows are skipped for the header,
    blank data rows are skipped by the caller (after merged values are filled in)."""
    seen_header = False
    for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        if not seen_header:
            if not any(v is not None and not (isinstance(v, str) and not v.strip())
                       for v in values):
                continue
            seen_header = True
        yield number, values


def _guard(rows: Iterator) -> Iterator:
    """Turn a failure part-way through a workbook or Parquet file into a ReadError."""
    last = None
    try:
        for item in rows:
            last = item[0]
            yield item
    except ReadError:
        raise
    except Exception as error:  # noqa: BLE001 - corrupt files raise all sorts
        raise ReadError(f"cannot be read from here on ({_why(error)})",
                        row=None if last is None else last + 1) from None


@contextmanager
def _open_parquet(source: Source):
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(source.path)
        names = list(parquet.schema_arrow.names)
        total = parquet.metadata.num_rows
    except Exception as error:  # noqa: BLE001
        raise ReadError(f"cannot be read as a Parquet file ({_why(error)})") from None
    done = {"row": 1}

    def position():
        return int(source.size * (done["row"] - 1) / total) if total else source.size

    def rows():
        number = 1
        for batch in parquet.iter_batches(batch_size=4096):
            columns = [column.to_pylist() for column in batch.columns]
            for values in zip(*columns, strict=True):
                number += 1
                done["row"] = number
                if any(v is not None and not (isinstance(v, str) and not v.strip())
                       for v in values):
                    yield number, list(values)

    try:
        yield Opened(header=names, header_row=1, rows=_guard(rows()), position=position)
    finally:
        parquet.close()
