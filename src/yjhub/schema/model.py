"""The vocabulary of the canonical schema: tables, columns and their types.

Nothing here knows about Django, Ibis or files; the declarations in ``tables.py`` use these
classes, and the Django models, the importer, the generator, the indicator engine and
``docs/data-model.md`` are all made from those declarations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The column types of the canonical schema and how each is stored.
COLUMN_TYPES = {
    "id": "text identifier from the source system (up to 64 characters)",
    "ref": "identifier of a row in another table",
    "text": "free text",
    "code": "a code from a code list",
    "date": "calendar date (YYYY-MM-DD)",
    "integer": "whole number",
    "boolean": "yes / no",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool = False
    codes: str | None = None  # code list name, for type "code"
    ref: str | None = None  # table name, for type "ref"
    max_length: int | None = None  # for "text"
    minimum: int | None = None  # for "integer"
    maximum: int | None = None
    identifying: bool = False  # personal data: never read by analytics or shown to boards
    derived_from: str | None = None  # "column:attribute": filled from a code list when blank
    used_by: tuple[str, ...] = ()  # indicator ids and features that read this column

    def __post_init__(self):
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"{self.name}: unknown column type {self.type!r}")
        if (self.type == "code") != (self.codes is not None):
            raise ValueError(f"{self.name}: a code column names its code list, and only it")
        if (self.type == "ref") != (self.ref is not None):
            raise ValueError(f"{self.name}: a ref column names its table, and only it")


@dataclass(frozen=True)
class Check:
    """A rule across two columns of one row: ``left op right`` when both are present."""

    left: str
    op: str  # ">=", ">", "<=", "<"
    right: str
    message: str


@dataclass(frozen=True)
class Table:
    name: str
    model: str  # the Django model's class name
    group: str  # "reference" or "case"
    description: str
    key: tuple[str, ...]  # the source system's identifier(s): imports upsert on these
    columns: tuple[Column, ...]
    checks: tuple[Check, ...] = ()
    sensitive: bool = False  # a child's record: access by role and team, every view logged
    column_map: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        names = [c.name for c in self.columns]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.name}: a column is declared twice")
        object.__setattr__(self, "column_map", {c.name: c for c in self.columns})
        for k in self.key:
            if k not in self.column_map:
                raise ValueError(f"{self.name}: key column {k} is not declared")
        for check in self.checks:
            for side in (check.left, check.right):
                if side not in self.column_map:
                    raise ValueError(f"{self.name}: check names unknown column {side}")

    def column(self, name: str) -> Column:
        return self.column_map[name]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def has_single_key(self) -> bool:
        """True when one id column identifies a row (it is then the primary key)."""
        return len(self.key) == 1 and self.column(self.key[0]).type == "id"

    @property
    def refs(self) -> list[Column]:
        return [c for c in self.columns if c.type == "ref"]

    @property
    def analytic_columns(self) -> list[str]:
        """The columns analytics may read: everything but identifying personal data."""
        return [c.name for c in self.columns if not c.identifying]
