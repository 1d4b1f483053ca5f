"""Matching a file's header row to the columns of its table.

Headers match columns case- and punctuation-insensitively ("Date of Birth" is date_of_birth), or
through the mapping file's renames. A header that names no column is a warning (the column is
left out) unless the mapping lists it under ``ignore``; two headers for one column, a merged
header cell and missing required columns are problems, reported once per file.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from yjhub.importing.mapping import TableMapping, normalise_header
from yjhub.importing.problems import ProblemLog
from yjhub.importing.readers import Opened, Source
from yjhub.importing.values import as_text, is_blank, printable
from yjhub.schema import Column, Table


@dataclass(frozen=True)
class Placed:
    """A canonical column and where its values come from."""

    column: Column
    index: int | None  # position in the row, or None when only a constant fills it
    header: str  # the header as written in the file ("" for a constant)
    constant: str | None = None

    @property
    def label(self) -> str:
        """How the column is named in messages: the canonical name, and the file's header when
        it differs."""
        if self.header and normalise_header(self.header) != self.column.name:
            return f"{self.header} ({self.column.name})"
        return self.column.name


@dataclass
class Layout:
    table: Table
    placed: list[Placed]
    width: int  # how many header cells there are
    present: list[str]  # the canonical columns this file sets (read, constant or derived)


def column_letter(index: int) -> str:
    return get_column_letter(index + 1)


def plan_layout(source: Source, opened: Opened, table: Table, mapping: TableMapping,
                log: ProblemLog) -> Layout | None:
    """Work out which column of the file feeds which canonical column; None (with problems
    logged) when the file cannot be read as the table."""
    where = {"file": source.file, "sheet": source.sheet, "row": opened.header_row}
    ok = True
    if opened.header_merges:
        log.add(**where, problem="the header row has merged cells "
                f"({', '.join(opened.header_merges)}): unmerge them so each column has its "
                "own name")
        ok = False
    wanted = {mapping.source_header(c.name): c for c in table.columns}
    ignored = mapping.ignored
    found: dict[str, tuple[int, str]] = {}
    width = len(opened.header)
    while width and is_blank(opened.header[width - 1]):
        width -= 1
    for index, cell in enumerate(opened.header[:width]):
        if is_blank(cell):
            continue
        text = as_text(cell)
        name = normalise_header(text)
        if name in ignored:
            continue
        column = wanted.get(name)
        if column is None:
            log.add(**where, column=text, warning=True,
                    problem=f"column {column_letter(index)} is not a column of {table.name}, so "
                    "it was not imported (list it under 'ignore' in a mapping file to silence "
                    "this)")
            continue
        if column.name in found:
            first_index, first_text = found[column.name]
            log.add(**where, column=column.name,
                    problem=f'two columns are headed {column.name}: column '
                    f'{column_letter(first_index)} ("{first_text}") and column '
                    f'{column_letter(index)} ("{text}"); remove or rename one')
            ok = False
            continue
        found[column.name] = (index, text)
    placed = []
    for column in table.columns:
        constant = mapping.constants.get(column.name)
        if column.name in found:
            index, text = found[column.name]
            placed.append(Placed(column, index, text, constant))
        elif constant is not None:
            placed.append(Placed(column, None, "", constant))
    have = {p.column.name for p in placed}
    derivable = {c.name for c in table.columns
                 if c.derived_from and c.derived_from.split(":")[0] in have}
    missing = [c.name for c in table.columns
               if (c.required or c.name in table.key) and c.name not in have
               and c.name not in derivable]
    if missing:
        log.add(**where, column=", ".join(missing),
                problem=f"missing required column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)}; the file's headers are {_listing(opened.header[:width])}")
        ok = False
    if not ok:
        return None
    present = [c.name for c in table.columns if c.name in have or c.name in derivable]
    return Layout(table=table, placed=placed, width=width, present=present)


def _listing(header: list) -> str:
    names = [printable(as_text(h), 40) for h in header if not is_blank(h)]
    if not names:
        return "blank"
    more = f" and {len(names) - 12} more" if len(names) > 12 else ""
    return ", ".join(names[:12]) + more
