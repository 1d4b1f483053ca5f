"""The checks a template declares on its tables (``checks:`` in the template file):
column_sum, row_sum, equal, totals_agree; and figures quoted in the narrative."""

from __future__ import annotations

from yjhub.plans.findings import Finding, Location
from yjhub.plans.model import Plan, Row, Table
from yjhub.plans.numbers import figure, is_empty, number, plain, same, show


class _Cells:
    """Reads numbers out of a plan's tables, reporting each unreadable cell once."""

    def __init__(self, plan: Plan, out: list[Finding]):
        self.plan = plan
        self.out = out
        self.reported: set[tuple[str, str, str]] = set()

    def value(self, table: Table, row: Row, column: str) -> float | None:
        """The cell as a number (empty -> 0.0); None when it holds other text."""
        raw = row.values.get(column)
        if is_empty(raw):
            return 0.0
        found = number(raw)
        if found is not None:
            return found.value
        key = (table.id, row.id, column)
        if key not in self.reported:
            self.reported.add(key)
            label = table.column(column).label if table.column(column) else column
            self.out.append(Finding(
                rule="table.not_a_number", severity="warning",
                location=_loc(table, row.id, column),
                message=f"Table {table.id}, {row.label or row.id}, {label}: {raw!r} is not a "
                        f"number, so the sums that use this cell are not checked.",
                figures={"entered": raw}))
        return None


def _loc(table: Table, row: str, column: str) -> Location:
    return Location(path=f"tables.{table.id}.rows[{row}].{column}", table=table.id, row=row,
                    column=column)


def _numeric_columns(table: Table) -> list[str]:
    return [c.id for c in table.columns if c.kind != "text"]


def _rows(table: Table, check: dict) -> list[Row]:
    group = check.get("group")
    return [r for r in table.rows if (not group or r.group == group)]


def check_tables(plan: Plan, tpl, out: list[Finding]) -> None:
    cells = _Cells(plan, out)
    for spec in tpl.tables:
        if spec["id"] not in plan.tables:
            out.append(Finding(
                rule="table.missing", severity="warning",
                location=Location(path=f"tables.{spec['id']}", table=spec["id"]),
                message=f"The template asks for {spec.get('caption') or 'Table ' + spec['id']}; "
                        f"the plan has no table {spec['id']}."))
    for check in tpl.checks:
        kind = check["kind"]
        if kind == "equal":
            _equal(plan, check, cells, out)
            continue
        table = plan.tables.get(check["table"])
        if table is None:
            continue
        if kind == "column_sum":
            _column_sum(table, check, cells, out)
        elif kind == "row_sum":
            _row_sum(table, check, cells, out)
        elif kind == "totals_agree":
            _totals_agree(table, check, cells, out)


def _missing(table: Table, row: str, column: str, check: dict, out) -> None:
    out.append(Finding(
        rule="table.missing_cell", severity="warning", location=_loc(table, row, column),
        message=f"Check {check['id']} needs row {row!r} of Table {table.id}, which the plan "
                f"does not have."))


def _column_sum(table: Table, check: dict, cells: _Cells, out) -> None:
    total_row = table.row(check["total_row"])
    if total_row is None:
        _missing(table, check["total_row"], "", check, out)
        return
    addends = [r for r in _rows(table, check) if r.kind not in ("total", "heading")]
    for column in check.get("columns") or _numeric_columns(table):
        values = [cells.value(table, r, column) for r in addends]
        total = cells.value(table, total_row, column)
        if total is None or any(v is None for v in values):
            continue
        if is_empty(total_row.values.get(column)) and not any(values):
            continue
        summed = sum(values)
        if same(summed, total):
            continue
        label = table.column(column).label if table.column(column) else column
        out.append(Finding(
            rule=check["id"], severity="error", location=_loc(table, total_row.id, column),
            message=f"Table {table.id}, {label}: the rows add up to {show(summed)} but the "
                    f"total entered ({total_row.label or total_row.id}) is {show(total)}, "
                    f"a difference of {show(total - summed)}.",
            figures={"entered total": plain(total), "sum of rows": plain(summed)},
            difference=plain(total - summed)))


def _row_sum(table: Table, check: dict, cells: _Cells, out) -> None:
    total_column = check["total_column"]
    columns = check.get("columns") or [c for c in _numeric_columns(table) if c != total_column]
    for row in _rows(table, check):
        if row.kind == "heading":
            continue
        values = [cells.value(table, row, c) for c in columns]
        total = cells.value(table, row, total_column)
        if total is None or any(v is None for v in values):
            continue
        if is_empty(row.values.get(total_column)) and not any(values):
            continue
        summed = sum(values)
        if same(summed, total):
            continue
        out.append(Finding(
            rule=check["id"], severity="error", location=_loc(table, row.id, total_column),
            message=f"Table {table.id}, {row.label or row.id}: the columns add up to "
                    f"{show(summed)} but the total entered is {show(total)}, a difference of "
                    f"{show(total - summed)}.",
            figures={"entered total": plain(total), "sum of columns": plain(summed)},
            difference=plain(total - summed)))


def _ref(plan: Plan, ref: str, cells: _Cells):
    """(table, row, column, value) for TABLE.ROW.COLUMN; value None when missing/unreadable."""
    table_id, row_id, column = ref.split(".")
    table = plan.tables.get(table_id)
    row = table.row(row_id) if table else None
    if row is None:
        return table, None, column, None
    return table, row, column, cells.value(table, row, column)


def _equal(plan: Plan, check: dict, cells: _Cells, out) -> None:
    ta, ra, ca, va = _ref(plan, check["a"], cells)
    tb, rb, cb, vb = _ref(plan, check["b"], cells)
    if ta is None or tb is None:
        return   # table.missing says so
    for table, row, ref in ((ta, ra, check["a"]), (tb, rb, check["b"])):
        if row is None:
            _missing(table, ref.split(".")[1], ref.split(".")[2], check, out)
    if va is None or vb is None:
        return
    if is_empty(ra.values.get(ca)) and is_empty(rb.values.get(cb)):
        return
    if same(va, vb):
        return
    name_a = f"Table {ta.id} {ra.label or ra.id}"
    name_b = f"Table {tb.id} {rb.label or rb.id}"
    out.append(Finding(
        rule=check["id"], severity="error", location=_loc(ta, ra.id, ca),
        message=f"{name_a} is {show(va)} but {name_b} is {show(vb)}: they should be equal "
                f"({' '.join(check.get('says', '').split())}). Difference {show(va - vb)}.",
        figures={check["a"]: plain(va), check["b"]: plain(vb)}, difference=plain(va - vb)))


def _totals_agree(table: Table, check: dict, cells: _Cells, out) -> None:
    row_a, row_b = table.row(check["a"]), table.row(check["b"])
    if row_a is None or row_b is None:
        _missing(table, check["a"] if row_a is None else check["b"], "", check, out)
        return
    explain = table.row(check["explain_by"]) if check.get("explain_by") else None
    differences = {}
    for column in _numeric_columns(table):
        va, vb = cells.value(table, row_a, column), cells.value(table, row_b, column)
        if va is None or vb is None:
            return
        if not same(va, vb):
            differences[column] = va - vb
    if not differences:
        return
    total_column = check.get("total_column", "total")
    if table.column(total_column) is None:
        total_column = table.columns[-1].id
    grand_a = cells.value(table, row_a, total_column)
    grand_b = cells.value(table, row_b, total_column)
    difference = grand_a - grand_b
    explained = False
    if explain is not None:
        explaining = {}
        for column in _numeric_columns(table):
            value = cells.value(table, explain, column)
            if value is None:
                break
            explaining[column] = value
        else:
            explained = all(same(differences.get(c, 0.0), explaining.get(c, 0.0))
                            for c in _numeric_columns(table))
    by_column = ", ".join(f"{table.column(c).label} {show(d)}" for c, d in differences.items()
                          if c != total_column)
    message = (f"Table {table.id}'s two totals differ: {show(grand_a)} "
               f"({row_a.label or row_a.id}, first block) against {show(grand_b)} "
               f"({row_b.label or row_b.id}, second block), a difference of {show(difference)} "
               f"({by_column}). The template asks for the two totals to be the same.")
    figures = {f"{row_a.id}": plain(grand_a), f"{row_b.id}": plain(grand_b)}
    if explained:
        message += (f" The difference is exactly the {explain.label or explain.id} row, "
                    f"column by column ({show(difference)} {explain.label.lower() or 'posts'}): "
                    f"vacant posts have no gender or ethnicity, so they are counted in the "
                    f"first total only.")
        figures[explain.id] = plain(cells.value(table, explain, total_column) or 0.0)
    elif explain is not None:
        message += (f" The difference is not the {explain.label or explain.id} row "
                    f"({show(cells.value(table, explain, total_column) or 0.0)}).")
    out.append(Finding(
        rule=check["id"], severity="warning" if explained else "error",
        location=_loc(table, row_b.id, total_column), message=message, figures=figures,
        difference=plain(difference)))


def check_quoted_figures(plan: Plan, out: list[Finding]) -> None:
    cells = _Cells(plan, out)
    for section in plan.sections:
        for i, quoted in enumerate(section.figures):
            path = f"sections[{section.id}].figures[{i}]"
            stated = figure(quoted.value)
            if stated is None or not quoted.sum:
                continue
            total, parts, broken = 0.0, {}, []
            for ref in quoted.sum:
                value = _quoted_ref(plan, ref, cells)
                if value is None:
                    broken.append(ref)
                    continue
                parts[ref] = plain(value)
                total += value
            if broken:
                out.append(Finding(
                    rule="narrative.figure_ref", severity="warning",
                    location=Location(path=path, section=section.id, item=str(i)),
                    message=f"Section {section.number} {section.title}: the quoted figure "
                            f"\"{quoted.quote}\" is tied to {', '.join(broken)}, which the plan "
                            f"does not have (or which is not a number).",
                    figures={"references": broken}))
                continue
            if same(stated.value, total):
                continue
            out.append(Finding(
                rule="narrative.figure", severity="error",
                location=Location(path=path, section=section.id, item=str(i)),
                message=f"Section {section.number} {section.title} says \"{quoted.quote}\" "
                        f"({show(stated.value)}), but the cells it describes add up to "
                        f"{show(total)} ({' + '.join(f'{k} {show(v)}' for k, v in parts.items())})"
                        f", a difference of {show(stated.value - total)}.",
                figures={"quoted": plain(stated.value), "from the tables": plain(total),
                         **parts},
                difference=plain(stated.value - total)))


def _quoted_ref(plan: Plan, ref: str, cells: _Cells) -> float | None:
    parts = ref.split(".")
    if len(parts) != 3:
        return None
    if parts[0] == "appendix":
        row = plan.appendix.row(parts[1])
        if row is None or parts[2] not in ("previous", "current", "target"):
            return None
        found = figure(getattr(row, parts[2]))
        return found.value if found else None
    table = plan.tables.get(parts[0])
    row = table.row(parts[1]) if table else None
    if row is None or table.column(parts[2]) is None:
        return None
    return cells.value(table, row, parts[2])
