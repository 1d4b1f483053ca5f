"""The mapping file: how a case management system's export maps onto the canonical schema.

A YAML file (see ``docs/import.md`` and ``docs/examples/mapping-example.yaml``)::

    date_format: "%d/%m/%Y"          # optional, for every table
    tables:
      child:
        file: "YP_Details*.csv"      # glob for the file name (case does not matter)
        sheet: "Young people"        # glob for the sheet name, for a workbook
        columns: {child_id: "YP Ref", date_of_birth: DOB}   # canonical <- source header
        recode: {sex: {Boy: M, Girl: F}}                     # source value -> canonical code
        date_format: "%d-%b-%Y"
        constants: {service_id: YJS01}                       # fills a missing or blank column
        ignore: ["Worker phone", Notes]                      # source columns to leave out

The file is checked before anything is read; every mistake is listed in one ``MappingError``.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from yjhub.schema import TABLES_BY_NAME, code_list

TOP_KEYS = {"version", "description", "date_format", "tables"}
TABLE_KEYS = {"file", "sheet", "columns", "recode", "date_format", "constants", "ignore"}


class MappingError(ValueError):
    """The mapping file is not usable; ``errors`` lists every reason."""

    def __init__(self, path, errors: list[str]):
        self.path = path
        self.errors = errors
        super().__init__(f"the mapping file {path} has problems:\n  "
                         + "\n  ".join(errors))


def normalise_header(name) -> str:
    """How headers are matched: case, spaces and punctuation do not matter
    ("Date of Birth" matches date_of_birth)."""
    return re.sub(r"[^a-z0-9]+", "_", str(name).strip().lower()).strip("_")


def _norm_value(value) -> str:
    return re.sub(r"\s+", " ", str(value).strip()).lower()


@dataclass
class TableMapping:
    table: str
    file: str | None = None
    sheet: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # canonical -> source header
    recode: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> {source: code}
    date_format: str | None = None
    constants: dict[str, str] = field(default_factory=dict)
    ignore: list[str] = field(default_factory=list)

    def matches_file(self, name: str) -> bool:
        return self.file is not None and fnmatch.fnmatch(name.lower(), self.file.lower())

    def matches_sheet(self, workbook: str, sheet: str) -> bool:
        if self.sheet is None:
            return False
        if self.file is not None and not self.matches_file(workbook):
            return False
        return fnmatch.fnmatch(sheet.lower(), self.sheet.lower())

    def source_header(self, column: str) -> str:
        """The normalised source header a canonical column is read from."""
        return normalise_header(self.columns.get(column, column))

    def recode_value(self, column: str, value):
        table = self.recode.get(column)
        if not table or not isinstance(value, str):
            return value
        return table.get(_norm_value(value), value)

    @property
    def ignored(self) -> set[str]:
        return {normalise_header(name) for name in self.ignore}


@dataclass
class Mapping:
    path: str = ""
    date_format: str | None = None
    tables: dict[str, TableMapping] = field(default_factory=dict)

    def for_table(self, name: str) -> TableMapping:
        return self.tables.get(name) or TableMapping(table=name, date_format=self.date_format)


def _suggest(name, choices) -> str:
    close = difflib.get_close_matches(str(name), list(choices), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def _check_format(fmt, where, errors) -> str | None:
    if fmt is None:
        return None
    if not isinstance(fmt, str) or not all(p in fmt for p in ("%d",)) or not (
            "%m" in fmt or "%b" in fmt or "%B" in fmt) or not ("%Y" in fmt or "%y" in fmt):
        errors.append(f"{where}: date_format {fmt!r} must be a strftime pattern with day, "
                      "month and year, e.g. \"%d/%m/%Y\" or \"%m/%d/%Y\"")
        return None
    return fmt


def _str_dict(value, where, errors) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.append(f"{where} must be a mapping of names to values")
        return {}
    out = {}
    for key, item in value.items():
        if isinstance(item, dict | list) or item is None:
            errors.append(f"{where}.{key}: expected a single value, not {item!r}")
            continue
        out[str(key)] = str(item).strip() if not isinstance(item, bool) else (
            "TRUE" if item else "FALSE")
    return out


def _table_mapping(name: str, data, default_format, errors) -> TableMapping | None:
    where = f"tables.{name}"
    schema = TABLES_BY_NAME[name]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        errors.append(f"{where} must be a mapping (file, sheet, columns, ...)")
        return None
    for key in data:
        if key not in TABLE_KEYS:
            errors.append(f"{where}: unknown setting {key!r}{_suggest(key, TABLE_KEYS)}; "
                          f"allowed: {', '.join(sorted(TABLE_KEYS))}")
    mapping = TableMapping(table=name)
    for key in ("file", "sheet"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            errors.append(f"{where}.{key} must be a file or sheet name (wildcards * and ? "
                          "allowed)")
        else:
            setattr(mapping, key, value)
    mapping.columns = _str_dict(data.get("columns"), f"{where}.columns", errors)
    mapping.constants = _str_dict(data.get("constants"), f"{where}.constants", errors)
    for section in ("columns", "constants"):
        for column in getattr(mapping, section):
            if column not in schema.column_map:
                errors.append(f"{where}.{section}: {column!r} is not a column of {name}"
                              f"{_suggest(column, schema.column_names)}")
    sources = [normalise_header(s) for s in mapping.columns.values()]
    for source in {s for s in sources if sources.count(s) > 1}:
        errors.append(f"{where}.columns: the source header {source!r} is mapped to two columns")
    recode = data.get("recode") or {}
    if not isinstance(recode, dict):
        errors.append(f"{where}.recode must map column names to {{source value: code}}")
        recode = {}
    for column, values in recode.items():
        if column not in schema.column_map:
            errors.append(f"{where}.recode: {column!r} is not a column of {name}"
                          f"{_suggest(column, schema.column_names)}")
            continue
        pairs = _str_dict(values, f"{where}.recode.{column}", errors)
        col = schema.column(column)
        if col.codes:
            codes = code_list(col.codes)
            for source, target in pairs.items():
                if codes.resolve(target) is None:
                    errors.append(f"{where}.recode.{column}: {source!r} is recoded to "
                                  f"{target!r}, which is not in the code list {col.codes}")
        mapping.recode[column] = {_norm_value(k): v for k, v in pairs.items()}
    ignore = data.get("ignore") or []
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, list) or not all(isinstance(i, str | int) for i in ignore):
        errors.append(f"{where}.ignore must be a list of source column headers")
        ignore = []
    mapping.ignore = [str(i) for i in ignore]
    mapping.date_format = _check_format(data.get("date_format"), where, errors) or default_format
    return mapping


def load_mapping(path: Path | str | None) -> Mapping:
    """Read and check a mapping file; ``None`` gives the empty mapping (files named after
    tables, headers named after columns)."""
    if path is None:
        return Mapping()
    path = Path(path)
    errors: list[str] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise MappingError(path, ["the file does not exist"]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise MappingError(path, [f"cannot be read: {error}"]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise MappingError(path, [f"{where}not valid YAML ({problem})"]) from None
    if not isinstance(data, dict):
        raise MappingError(path, ["expected a YAML mapping with a 'tables' section"])
    for key in data:
        if key not in TOP_KEYS:
            errors.append(f"unknown setting {key!r}{_suggest(key, TOP_KEYS)}; allowed: "
                          f"{', '.join(sorted(TOP_KEYS))}")
    default_format = _check_format(data.get("date_format"), "date_format", errors)
    tables = data.get("tables")
    mapping = Mapping(path=str(path), date_format=default_format)
    if not isinstance(tables, dict) or not tables:
        errors.append("'tables' must list at least one table, e.g. tables: {child: {file: "
                      "\"children*.csv\"}}")
        tables = {}
    for name, table_data in tables.items():
        if name not in TABLES_BY_NAME:
            errors.append(f"tables: {name!r} is not a table of the schema"
                          f"{_suggest(name, TABLES_BY_NAME)}")
            continue
        table_mapping = _table_mapping(name, table_data, default_format, errors)
        if table_mapping is not None:
            mapping.tables[name] = table_mapping
    if errors:
        raise MappingError(path, errors)
    return mapping
