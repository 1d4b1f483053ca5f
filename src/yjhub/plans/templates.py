"""Plan templates: versioned YAML files in ``templates/``, loaded and validated here.

A template holds a plan's sections (number, title, guidance prompts), its tables (columns and
rows), the delivery plan's objective areas, the performance appendix, the EPQA table, the
board and sign-off rules, and the checks the template states (``checks:``; see
``docs/plan-checks.md``). A new version of a template is a new file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).parent / "templates"

CHECK_KINDS = {"column_sum", "row_sum", "equal", "totals_agree"}
#: what a prompt's ``answered_by`` may name besides ``table:ID`` and ``section:ID``
ANSWERED_BY = ("board", "reviews", "signatures", "appendix", "delivery")


class TemplateError(ValueError):
    """A template file that does not hold together (names the file and the path in it)."""


@dataclass(frozen=True)
class Template:
    id: str
    version: str
    title: str
    periods: tuple[str, ...]
    source: str
    data: dict = field(repr=False, compare=False, hash=False)
    path: str = ""

    @property
    def sections(self) -> list[dict]:
        return self.data.get("sections", [])

    @property
    def tables(self) -> list[dict]:
        return self.data.get("tables", [])

    @property
    def checks(self) -> list[dict]:
        return self.data.get("checks", [])

    @property
    def delivery(self) -> list[dict]:
        return self.data.get("delivery", [])

    @property
    def appendix(self) -> dict:
        return self.data.get("appendix", {})

    @property
    def epqa(self) -> dict:
        return self.data.get("epqa", {})

    @property
    def board(self) -> dict:
        return self.data.get("board", {})

    @property
    def signatures(self) -> dict:
        return self.data.get("signatures", {})

    @property
    def reviews(self) -> dict:
        return self.data.get("reviews", {})

    def table(self, table_id: str) -> dict | None:
        return next((t for t in self.tables if t["id"] == table_id), None)


def _problem(path: Path, where: str, message: str) -> TemplateError:
    return TemplateError(f"{path.name}: {where}: {message}")


def load_template(path: Path) -> Template:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise TemplateError(f"{path.name}: not valid YAML: {error}") from None
    _validate(path, data)
    return Template(id=data["id"], version=str(data["version"]), title=data["title"],
                    periods=tuple(data.get("periods", [])), source=data.get("source", ""),
                    data=data, path=str(path))


def _validate(path: Path, data) -> None:  # noqa: C901 - a list of independent checks
    if not isinstance(data, dict):
        raise _problem(path, "(top)", "a template is a mapping")
    for key in ("id", "version", "title", "sections"):
        if key not in data:
            raise _problem(path, key, "required field missing")
    if path.stem != data["id"]:
        raise _problem(path, "id", f"{data['id']!r} differs from the file name {path.stem!r}")
    seen: set[str] = set()
    for i, section in enumerate(data["sections"]):
        where = f"sections[{i}]"
        if "id" not in section or "title" not in section:
            raise _problem(path, where, "a section needs id and title")
        if section["id"] in seen:
            raise _problem(path, f"{where}.id", f"duplicate section id {section['id']!r}")
        seen.add(section["id"])
    for i, section in enumerate(data["sections"]):
        for j, prompt in enumerate(section.get("prompts", [])):
            for what in prompt.get("answered_by", []):
                kind, _, ident = str(what).partition(":")
                known = (what in ANSWERED_BY if not ident else
                         (kind == "section" and ident in seen) or (kind == "table" and ident in {
                             t.get("id") for t in data.get("tables", [])}))
                if not known:
                    raise _problem(path, f"sections[{i}].prompts[{j}].answered_by",
                                   f"{what!r} is not {', '.join(ANSWERED_BY)}, table:ID or "
                                   f"section:ID of this template")
    tables = {}
    for i, table in enumerate(data.get("tables", [])):
        where = f"tables[{i}]"
        if table.get("id") in tables:
            raise _problem(path, f"{where}.id", f"duplicate table id {table.get('id')!r}")
        columns = [c["id"] for c in table.get("columns", [])]
        rows = [r["id"] for r in table.get("rows", [])]
        if not columns:
            raise _problem(path, f"{where}.columns", "a table needs columns")
        for key, ids in (("columns", columns), ("rows", rows)):
            if len(set(ids)) != len(ids):
                raise _problem(path, f"{where}.{key}", "duplicate ids")
        tables[table["id"]] = (columns, rows)
    check_ids = set()
    for i, check in enumerate(data.get("checks", [])):
        where = f"checks[{i}]"
        if check.get("kind") not in CHECK_KINDS:
            raise _problem(path, f"{where}.kind", f"{check.get('kind')!r} is not one of "
                           f"{', '.join(sorted(CHECK_KINDS))}")
        if not check.get("id") or check["id"] in check_ids:
            raise _problem(path, f"{where}.id", "each check needs its own id")
        check_ids.add(check["id"])
        if check["kind"] == "equal":
            for side in ("a", "b"):
                _validate_ref(path, f"{where}.{side}", check.get(side, ""), tables)
            continue
        table = check.get("table")
        if table not in tables:
            raise _problem(path, f"{where}.table", f"no table {table!r}")
        columns, rows = tables[table]
        for key in ("total_row", "a", "b", "explain_by"):
            if key in check and check[key] not in rows:
                raise _problem(path, f"{where}.{key}", f"no row {check[key]!r} in {table}")
        for column in check.get("columns", []) + [check.get("total_column")] * (
                "total_column" in check):
            if column not in columns:
                raise _problem(path, f"{where}.columns", f"no column {column!r} in {table}")
    appendix_ids = [r["id"] for r in data.get("appendix", {}).get("rows", [])]
    epqa_ids = [r["id"] for r in data.get("epqa", {}).get("rows", [])]
    for i, area in enumerate(data.get("delivery", [])):
        for j, item in enumerate(area.get("data", [])):
            if item.get("indicator") and item["indicator"] not in appendix_ids:
                raise _problem(path, f"delivery[{i}].data[{j}].indicator",
                               f"no appendix row {item['indicator']!r}")
        for j, item in enumerate(area.get("epqa", [])):
            if item.get("epqa") not in epqa_ids:
                raise _problem(path, f"delivery[{i}].epqa[{j}].epqa",
                               f"no EPQA row {item.get('epqa')!r}")


_REF = re.compile(r"^([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)$")


def _validate_ref(path, where, ref, tables) -> None:
    match = _REF.match(str(ref))
    if not match:
        raise _problem(path, where, f"{ref!r} is not TABLE.ROW.COLUMN")
    table, row, column = match.groups()
    if table not in tables:
        raise _problem(path, where, f"no table {table!r}")
    columns, rows = tables[table]
    if row not in rows or column not in columns:
        raise _problem(path, where, f"no cell {row}.{column} in table {table}")


@functools.cache
def _registry() -> dict[str, Template]:
    found = {}
    for file in sorted(HERE.glob("*.yaml")):
        template = load_template(file)
        found[template.id] = template
    return found


def templates() -> list[Template]:
    """Every template shipped, oldest first."""
    return list(_registry().values())


def template(template_id: str) -> Template:
    """The template with this id; KeyError names the ids there are."""
    try:
        return _registry()[template_id]
    except KeyError:
        known = ", ".join(_registry())
        raise KeyError(f"no plan template {template_id!r} (there are: {known})") from None
