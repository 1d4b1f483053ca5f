"""The canonical case-level schema (tables, columns, code lists): the project's contract."""

from yjhub.schema.codelists import CodeList, code_list, code_lists
from yjhub.schema.model import Check, Column, Table
from yjhub.schema.tables import TABLES

TABLES_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return TABLES_BY_NAME[name]


__all__ = ["TABLES", "TABLES_BY_NAME", "Check", "CodeList", "Column", "Table", "code_list",
           "code_lists", "table"]
