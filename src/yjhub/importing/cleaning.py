"""Turning one row of a file into canonical values, and saying what is wrong with it.

For each column: apply the mapping's recode, treat blanks as missing, read the value as the
column's type (text, code, date, whole number, yes/no), check its length, range or code list,
then fill derived columns from code lists and apply the table's cross-column checks.

No Django here: a folder can be checked without a database.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

from yjhub.importing.headers import Layout, Placed
from yjhub.importing.mapping import TableMapping
from yjhub.importing.values import (
    Invalid,
    as_text,
    is_blank,
    parse_boolean,
    parse_date,
    parse_integer,
    unreadable_bytes,
)
from yjhub.schema import Column, code_list

_OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
_OP_WORDS = {">=": "before", ">": "on or before", "<=": "after", "<": "on or after"}


@dataclass(frozen=True)
class Fault:
    """What is wrong with one value of a row."""

    column: str
    value: object
    problem: str


def _check_text(text: str, encoding: str) -> None:
    bad = unreadable_bytes(text)
    if bad:
        raise Invalid(f"contains bytes that are not valid {encoding or 'text'} ({bad}): save "
                      "the file as UTF-8")
    if "\x00" in text:
        raise Invalid("contains a NUL character, which cannot be stored")


def _codes_hint(name: str) -> str:
    codes = code_list(name).codes
    if len(codes) <= 12:
        return "expected one of " + ", ".join(c.code for c in codes)
    return "see the code list in docs/data-model.md, or recode it in a mapping file"


def converter(column: Column, *, date_format: str | None, encoding: str):
    """A function reading one non-blank value of ``column``; raises Invalid."""
    kind = column.type
    if kind in ("id", "ref", "text"):
        limit = column.max_length

        def read_text(value):
            text = as_text(value)
            _check_text(text, encoding)
            if limit and len(text) > limit:
                raise Invalid(f"too long: {len(text)} characters, at most {limit} allowed")
            return text
        return read_text
    if kind == "code":
        codes = code_list(column.codes)
        hint = _codes_hint(column.codes)

        def read_code(value):
            text = as_text(value)
            _check_text(text, encoding)
            code = codes.resolve(text)
            if code is None:
                raise Invalid(f"not in the code list {column.codes}: {hint}")
            return code
        return read_code
    if kind == "date":
        return lambda value: parse_date(value, date_format=date_format)
    if kind == "integer":
        return lambda value: parse_integer(value, minimum=column.minimum, maximum=column.maximum)
    if kind == "boolean":
        return parse_boolean
    raise ValueError(kind)  # pragma: no cover - the schema allows no other types


class RowCleaner:
    """Cleans the rows of one file for one table."""

    def __init__(self, layout: Layout, mapping: TableMapping, *, encoding: str = ""):
        self.layout = layout
        self.table = layout.table
        self.steps = []
        for placed in layout.placed:
            recode = mapping.recode.get(placed.column.name)
            self.steps.append((
                placed,
                converter(placed.column, date_format=mapping.date_format, encoding=encoding),
                (lambda v, c=placed.column.name: mapping.recode_value(c, v)) if recode else None,
            ))
        self.derived = []
        present = set(layout.present)
        for column in self.table.columns:
            if column.derived_from and column.name in present:
                source, attribute = column.derived_from.split(":")
                if source in present:
                    self.derived.append((column, source, attribute,
                                         code_list(self.table.column(source).codes)))
        self.checks = [c for c in self.table.checks
                       if c.left in present and c.right in present]
        self.labels = {p.column.name: p.label for p in layout.placed}

    def label(self, column: str) -> str:
        return self.labels.get(column, column)

    def clean(self, values: list) -> tuple[dict, list[Fault]]:
        """The canonical record (only the columns this file sets) and its faults."""
        record: dict = {}
        faults: list[Fault] = []
        width = self.layout.width
        if len(values) > width:
            extra = [i for i in range(width, len(values)) if not is_blank(values[i])]
            if extra:
                from yjhub.importing.headers import column_letter

                faults.append(Fault(
                    f"column {column_letter(extra[0])}", values[extra[0]],
                    f"a value beyond the last headed column ({len(values)} values, "
                    f"{width} headers): is a delimiter or quote out of place?"))
        for placed, read, recode in self.steps:
            value = values[placed.index] if placed.index is not None and placed.index < len(
                values) else None
            if is_blank(value) and placed.constant is not None:
                value = placed.constant
            if recode is not None:
                value = recode(value)
            if is_blank(value):
                record[placed.column.name] = None
                continue
            try:
                record[placed.column.name] = read(value)
            except Invalid as error:
                faults.append(Fault(placed.label, value, str(error)))
                record[placed.column.name] = _BAD
        for column, source, attribute, codes in self.derived:
            if record.get(column.name) is None:
                code = record.get(source)
                record[column.name] = (codes.attribute(code, attribute)
                                       if code is not None and code is not _BAD else None)
        for column in self.table.columns:
            if column.name in record and record[column.name] is None and (
                    column.required or column.name in self.table.key):
                faults.append(Fault(self.label(column.name), "", "required, but blank"))
        for check in self.checks:
            left, right = record.get(check.left), record.get(check.right)
            if left in (None, _BAD) or right in (None, _BAD):
                continue
            if not _OPS[check.op](left, right):
                faults.append(Fault(
                    self.label(check.left), as_text(left),
                    f"{check.message} ({check.left} is {_OP_WORDS[check.op]} {check.right} "
                    f"{as_text(right)})"))
        return record, faults

    def placed(self, name: str) -> Placed | None:
        return next((p for p in self.layout.placed if p.column.name == name), None)


class _Bad:
    """Marks a value that could not be read (so later checks skip it)."""

    def __repr__(self):
        return "<bad value>"


_BAD = _Bad()
BAD = _BAD
