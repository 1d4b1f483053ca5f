"""Reading and writing a plan as one YAML file (``docs/plan-format.md``).

The mapping is mechanical: each dataclass of :mod:`yjhub.plans.model` is a YAML mapping with
its field names as keys, in field order; empty fields (``""``, ``[]``, ``None``, ``false``)
are left out when writing and filled with their defaults when reading. Two exceptions keep the
file short: ``tables`` is a mapping from table id to table (the id is not repeated), and a
table row is one flat mapping holding ``id``, ``label`` (and ``kind``, ``group``, ``note``)
beside its cells keyed by column id, so a bad cell is named ``tables.A2.rows[3].total``.

Writing is deterministic (same plan, same bytes): small records are written one a line, long
text as literal blocks, so two versions of a plan diff line by line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from pathlib import Path

import yaml

from yjhub.plans import model
from yjhub.plans.model import FORMAT, ROW_KEYS, Plan, Row, Table

MAX_PROBLEMS = 20


class PlanFormatError(ValueError):
    """A plan file that cannot be read. ``problems`` is a list of (path, value, message)."""

    def __init__(self, source: str, problems: list[tuple[str, object, str]]):
        self.source = source
        self.problems = problems
        lines = [f"{source}: {path or '(top)'}: {message}" + _shown(value)
                 for path, value, message in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            lines.append(f"{source}: ... and {len(problems) - MAX_PROBLEMS} more problems")
        super().__init__("\n".join(lines))


_MISSING = object()


def _shown(value) -> str:
    if value is _MISSING:
        return ""
    text = repr(value)
    return f" (value: {text[:80] + '...' if len(text) > 80 else text})"


# ---------------------------------------------------------------- reading

def load_plan(path_or_text: str | Path) -> Plan:
    """A plan from a file path or from YAML text. Raises :class:`PlanFormatError` naming the
    file, the path inside it and the value for every problem found."""
    source, text = _read(path_or_text)
    try:
        data = yaml.load(text, Loader=_Loader)  # a safe loader (CSafeLoader or SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise PlanFormatError(source, [(where, _MISSING, f"not valid YAML: "
                                        f"{getattr(error, 'problem', error)}")]) from None
    return plan_from_data(data, source=source)


def _read(path_or_text: str | Path) -> tuple[str, str]:
    if isinstance(path_or_text, Path) or (
            isinstance(path_or_text, str) and "\n" not in path_or_text
            and path_or_text.strip().lower().endswith((".yaml", ".yml"))):
        path = Path(path_or_text)
        try:
            return str(path), path.read_text(encoding="utf-8")
        except OSError as error:
            raise PlanFormatError(str(path), [("", _MISSING, f"cannot read the file: "
                                               f"{error.strerror or error}")]) from None
    return "<text>", str(path_or_text)


def plan_from_data(data, *, source: str = "<data>") -> Plan:
    problems: list[tuple[str, object, str]] = []
    if not isinstance(data, dict):
        raise PlanFormatError(source, [("", data, "a plan file is a YAML mapping "
                                        "(format:, meta:, sections:, ...)")])
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        problems.append(("format", fmt, f"unknown format; this version reads {FORMAT!r}"))
    plan = _convert(Plan, data, "", problems)
    if problems:
        raise PlanFormatError(source, problems)
    return plan


def _convert(tp, value, path: str, problems):  # noqa: C901 - one branch per kind of type
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if tp == model.Cell:
            return _cell(value, path, problems)
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value, path, problems)
    if origin is list:
        (item_tp,) = typing.get_args(tp)
        if value is None:
            return []
        if not isinstance(value, list):
            problems.append((path, value, "expected a list"))
            return []
        return [_convert(item_tp, v, f"{path}[{i}]", problems) for i, v in enumerate(value)]
    if origin is dict:
        _, item_tp = typing.get_args(tp)
        if value is None:
            return {}
        if not isinstance(value, dict):
            problems.append((path, value, "expected a mapping"))
            return {}
        if item_tp is Table:
            return {str(k): _table(str(k), v, f"{path}.{k}", problems) for k, v in value.items()}
        return {str(k): _convert(item_tp, v, f"{path}.{k}", problems) for k, v in value.items()}
    if dataclasses.is_dataclass(tp):
        return _dataclass(tp, value, path, problems)
    if tp is str:
        return _text(value, path, problems)
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        problems.append((path, value, "expected a whole number"))
        return 0
    if tp is bool:
        if isinstance(value, bool):
            return value
        problems.append((path, value, "expected true or false"))
        return False
    raise TypeError(f"no conversion for {tp!r} at {path}")  # a bug in the model, not the file


_HINTS: dict[type, dict[str, object]] = {}


def _hints(cls) -> dict[str, object]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, vars(model))
    return _HINTS[cls]


def _dataclass(cls, value, path, problems, *, skip=()):
    if value is None:
        value = {}
    if not isinstance(value, dict):
        problems.append((path, value, f"expected a mapping ({cls.__name__})"))
        value = {}
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    kwargs = {}
    for key, item in value.items():
        where = f"{path}.{key}" if path else str(key)
        if key not in fields or key in skip:
            allowed = ", ".join(n for n in fields if n not in skip)
            problems.append((where, item, f"unknown field (allowed: {allowed})"))
            continue
        kwargs[key] = _convert(hints[key], item, where, problems)
    for name, f in fields.items():
        if name in kwargs or name in skip:
            continue
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            where = f"{path}.{name}" if path else name
            problems.append((where, _MISSING, "required field missing"))
            kwargs[name] = ""
    return cls(**kwargs)


def _table(table_id: str, value, path, problems) -> Table:
    if not isinstance(value, dict):
        problems.append((path, value, "expected a mapping (caption:, columns:, rows:)"))
        return Table(id=table_id)
    rows_data = value.get("rows")
    head = {k: v for k, v in value.items() if k not in ("rows", "id")}
    table = _dataclass(Table, {**head, "id": table_id}, path, problems, skip=("rows",))
    if "id" in value and str(value["id"]) != table_id:
        problems.append((f"{path}.id", value["id"], f"differs from the table's key {table_id!r}"))
    column_ids = [c.id for c in table.columns]
    for c in table.columns:
        if c.id in ROW_KEYS:
            problems.append((f"{path}.columns", c.id, f"a column may not be called "
                             f"{c.id!r} (reserved: {', '.join(ROW_KEYS)})"))
    if rows_data is None:
        return table
    if not isinstance(rows_data, list):
        problems.append((f"{path}.rows", rows_data, "expected a list of rows"))
        return table
    for i, item in enumerate(rows_data):
        where = f"{path}.rows[{i}]"
        if not isinstance(item, dict):
            problems.append((where, item, "expected a mapping (id:, label:, then one key per "
                             "column)"))
            continue
        if "id" not in item:
            problems.append((f"{where}.id", _MISSING, "required field missing"))
        values = {}
        for key, cell in item.items():
            if key in ROW_KEYS:
                continue
            if key not in column_ids:
                problems.append((f"{where}.{key}", cell, f"no such column in table {table_id} "
                                 f"(columns: {', '.join(column_ids)})"))
                continue
            cell = _cell(cell, f"{where}.{key}", problems)
            if cell is not None and cell != "":   # an empty cell is no cell
                values[str(key)] = cell
        table.rows.append(Row(
            id=_text(item.get("id", ""), f"{where}.id", problems),
            label=_text(item.get("label", ""), f"{where}.label", problems),
            values={c: values[c] for c in column_ids if c in values},
            kind=_text(item.get("kind", ""), f"{where}.kind", problems),
            group=_text(item.get("group", ""), f"{where}.group", problems),
            note=_text(item.get("note", ""), f"{where}.note", problems)))
    return table


def _text(value, path, problems) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        problems.append((path, value, "expected text (write yes/no/true/false in quotes)"))
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    problems.append((path, value, "expected text"))
    return ""


def _cell(value, path, problems):
    if value is None or isinstance(value, str | int | float) and not isinstance(value, bool):
        return clean_text(value) if isinstance(value, str) else value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        problems.append((path, value, "expected a number or text (write yes/no in quotes)"))
    else:
        problems.append((path, value, "expected a number or text"))
    return None


_BREAKS = str.maketrans({"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


def clean_text(text: str) -> str:
    """Text as stored: every kind of line break a newline, no trailing spaces on a line, no
    blank lines at either end (so the file can hold it as a literal block and reads back the
    same). Text on one line is kept as it is."""
    text = text.replace("\r\n", "\n").translate(_BREAKS)
    if "\n" not in text:
        return text
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


# ---------------------------------------------------------------- writing

class _Flow(dict):
    """A mapping written on one line."""


# libyaml's parser and emitter when present (about ten times faster), else PyYAML's own.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _represent_str(dumper, text):
    text = clean_text(text)
    if "\n" in text:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Flow, lambda d, data: d.represent_mapping(
    "tag:yaml.org,2002:map", data, flow_style=True))
_Dumper.add_representer(dict, lambda d, data: d.represent_mapping(
    "tag:yaml.org,2002:map", data, flow_style=False))
_Dumper.add_representer(list, lambda d, data: d.represent_sequence(
    "tag:yaml.org,2002:seq", data,
    flow_style=bool(data) and all(isinstance(v, str | int | float) and not (
        isinstance(v, str) and "\n" in v) for v in data)))

#: records written one a line
_FLOW = (model.Column, model.ContentsEntry, model.BoardMember, model.Review, model.Signature,
         model.EpqaRow, model.DataItem, model.EpqaItem, model.TemplateRef, model.Provenance,
         model.AppendixColumns)


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {} or value is False


def _data(obj):
    if isinstance(obj, Table):
        out = {}
        for f in dataclasses.fields(Table):
            if f.name in ("id", "rows"):
                continue
            value = getattr(obj, f.name)
            if not _empty(value):
                out[f.name] = _data(value)
        out["rows"] = [_row(r) for r in obj.rows]
        return out
    if dataclasses.is_dataclass(obj):
        out = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "format" or (not _empty(value) and value != _default(f)):
                out[f.name] = _data(value)
            elif f.name == "id":
                out[f.name] = value
        return _Flow(out) if isinstance(obj, _FLOW) else out
    if isinstance(obj, list):
        return [_data(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _data(v) for k, v in obj.items()}
    return obj


def _default(f):
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return dataclasses.MISSING


def _row(row: Row) -> _Flow:
    out = _Flow(id=row.id)
    if row.label:
        out["label"] = row.label
    for key in ("kind", "group", "note"):
        if getattr(row, key):
            out[key] = getattr(row, key)
    for key, value in row.values.items():
        if value is not None and value != "":
            out[key] = value
    return out


def dump_plan(plan: Plan) -> str:
    """The plan as YAML text (deterministic; see the module docstring)."""
    data = _data(plan)
    ordered = {"format": FORMAT, **{k: v for k, v in data.items() if k != "format"}}
    return yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=4096, default_flow_style=False)


def save_plan(plan: Plan, path: str | Path) -> Path:
    """Write the plan to ``path`` (whole file or nothing: written beside it, then renamed)."""
    path = Path(path)
    text = dump_plan(plan)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path
