"""A plan as a document (``yjhub.documents``), written to Word, PDF or HTML.

``plan_document(plan)`` builds one :class:`~yjhub.documents.Document` from a plan: the title
page's facts, a contents page, each section with its guidance prompts and answers, and where
the template puts them the tables (A1-A3 and any other), Table A (the board), the delivery plan
(overview, data block, EPQA scores, actions per objective area), Table B (reviews), Table C
(signatures), the performance appendix with a change column and its trend charts, the EPQA
table, and a table saying where the figures filled from data came from. ``plan_render(plan,
"pdf")`` writes it.

``board=True`` is the version a board member sees: figures the plan records as counting 1 to
4 children or events (``AppendixRow.small``, set when filled from data) read "fewer than 5",
and so do the data-block figures, changes, targets and chart points worked out from them.

No Django here: the command line renders plans too.
"""

from __future__ import annotations

import re

from yjhub.documents import (
    Callout,
    Cell,
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
    render,
)
from yjhub.indicators.catalogue import catalogue
from yjhub.plans.board import plan_withheld
from yjhub.plans.charts import Series, trend_chart
from yjhub.plans.model import AppendixRow, Plan, Section
from yjhub.plans.model import Table as PlanTable
from yjhub.plans.performance import SMALL_TEXT, change_text, convention_for

STATUS = {"draft": "Draft", "consultation": "Out for consultation", "approved": "Approved",
          "published": "Published"}
_NUMBER = re.compile(r"^\s*([-+]?[\d,]*\.?\d+)\s*(%?)\s*$")


def plan_render(plan: Plan, fmt: str, *, board: bool = False) -> bytes:
    return render(plan_document(plan, board=board), fmt)


def plan_title(plan: Plan) -> str:
    return plan.meta.title or f"Youth Justice Plan {plan.meta.period}".strip()


def plan_document(plan: Plan, *, board: bool = False, prompts: bool = True) -> Document:
    meta = [(label, value) for label, value in (
        ("Service", plan.meta.service), ("Period", plan.meta.period),
        ("Status", STATUS.get(plan.meta.status, plan.meta.status)),
        ("Template", " ".join(x for x in (plan.meta.template.id, plan.meta.template.version)
                              if x)),
        ("Prepared", plan.meta.dates.prepared), ("Approved", plan.meta.dates.approved),
        ("Published", plan.meta.dates.published)) if value]
    if board:
        meta.append(("Version", "for the management board: counts of 1 to 4 are shown as "
                                "\u201cfewer than 5\u201d"))
    if board:
        plan = plan_withheld(plan)
    builder = _Builder(plan, board=board, prompts=prompts)
    return Document(title=plan_title(plan), subtitle=plan.meta.service, meta=meta,
                    contents=True, blocks=builder.blocks())


class _Builder:
    def __init__(self, plan: Plan, *, board: bool, prompts: bool):
        self.plan = plan
        self.board = board
        self.prompts = prompts
        self.placed: set[str] = set()
        self.out: list = []
        self.places = self._places()
        self.level = 1  # the level of the section being written

    # -- where each part goes ----------------------------------------------------------

    def _places(self) -> dict[str, str]:
        """Each part (table:A1, board, reviews, signatures, delivery, appendix) -> the id of
        the section it is shown in: the first whose prompt it answers; the appendix goes to
        the section "appendix_b" (Performance measures) when there is one."""
        places: dict[str, str] = {}
        for section in self.plan.sections:
            for prompt in section.prompts:
                for part in prompt.answered_by:
                    if not part.startswith("section:"):
                        places.setdefault(part, section.id)
        for section in self.plan.sections:
            if section.id == "appendix_b" or "performance measures" in section.title.lower():
                places["appendix"] = section.id
        return places

    def blocks(self) -> list:
        for section in self.plan.sections:
            self._section(section)
        leftovers = [p for p in self._parts() if p not in self.placed]
        if leftovers:
            self.level = 1
            self.out.append(Heading("Other parts of the plan", level=1))
            for part in leftovers:
                self._part(part)
        return self.out

    def _parts(self) -> list[str]:
        parts = [f"table:{t}" for t in self.plan.tables]
        if self.plan.board:
            parts.append("board")
        if self.plan.delivery:
            parts.append("delivery")
        if self.plan.reviews:
            parts.append("reviews")
        if self.plan.signatures:
            parts.append("signatures")
        if self.plan.appendix.rows or self.plan.appendix.trends:
            parts.append("appendix")
        if self.plan.epqa:
            parts.append("epqa")
        return parts

    # -- sections ------------------------------------------------------------------------

    def _section(self, section: Section) -> None:
        title = " ".join(x for x in (section.number, section.title) if x) or section.id
        self.level = min(max(section.level, 1), 3)
        self.out.append(Heading(title, level=self.level))
        for prompt in section.prompts:
            if self.prompts and prompt.text:
                self.out.append(Callout(prompt.text))
            if prompt.answer:
                self.out.append(Paragraph(prompt.answer))
        if section.narrative:
            self.out.append(Paragraph(section.narrative))
        for part, where in self.places.items():
            if where == section.id and part not in self.placed:
                self._part(part)
        if section.id == self.places.get("appendix") and "epqa" not in self.placed \
                and self.plan.epqa:
            self._part("epqa")

    def _part(self, part: str) -> None:
        if part in self.placed:
            return
        self.placed.add(part)
        if part.startswith("table:"):
            table = self.plan.tables.get(part.removeprefix("table:"))
            if table is not None:
                self.out.append(_table(table))
                if table.note:
                    self.out.append(Paragraph(f"Note: {table.note}"))
        elif part == "board":
            self._board()
        elif part == "delivery":
            self._delivery()
        elif part == "reviews":
            self._reviews()
        elif part == "signatures":
            self._signatures()
        elif part == "appendix":
            self._appendix()
        elif part == "epqa":
            self._epqa()

    # -- tables A, B, C ----------------------------------------------------------------

    def _board(self) -> None:
        rows = [[m.name + (" (chair)" if m.chair else ""), m.agency, m.post, m.ethnicity,
                 m.gender] for m in self.plan.board]
        self.out.append(Table(head=["Name", "Agency", "Post", "Ethnicity", "Gender"], rows=rows,
                              caption="Table A: Composition of the management board"))

    def _reviews(self) -> None:
        rows = [[r.date, r.reviewer, "Done" if r.done else "Planned", r.note]
                for r in self.plan.reviews]
        self.out.append(Table(head=["Review date", "Reviewer", "Status", "Note"], rows=rows,
                              caption="Table B: Schedule for review of the plan"))

    def _signatures(self) -> None:
        rows = [[s.role, s.name, s.signature, s.date] for s in self.plan.signatures]
        self.out.append(Table(head=["Role", "Chief officer", "Signature", "Date"], rows=rows,
                              caption="Table C: Signature of approval"))

    # -- delivery plan -------------------------------------------------------------------

    def _delivery(self) -> None:
        for area in self.plan.delivery:
            self.out.append(Heading(area.title or area.id, level=min(self.level + 1, 4)))
            if self.prompts and area.prompt:
                self.out.append(Callout(area.prompt))
            if area.overview:
                self.out.append(Paragraph(area.overview))
            if area.data:
                rows = []
                for item in area.data:
                    actual, change = cell_text(item.actual), cell_text(item.change)
                    target, previous = cell_text(item.target), cell_text(item.previous)
                    shown = f"{actual} {change}".strip() if change.startswith("(") else \
                        " ".join(x for x in (actual, change and f"({change})") if x)
                    rows.append([item.label, previous, shown, target])
                self.out.append(Table(
                    head=["Measure", "Last year", "This year's actual (change)",
                          "Next year's target"], rows=rows,
                    caption=f"Data: {area.title}"))
            if area.epqa:
                self.out.append(Table(head=["EPQA", "Score"],
                                      rows=[[e.label, cell_text(e.score)] for e in area.epqa],
                                      caption=f"EPQA: {area.title}", numeric={1}))
            if area.actions:
                self.out.append(Table(
                    head=["Action", "Lead", "Deadline", "Status"],
                    rows=[[a.action + (f" (carried from {a.carried_from})"
                                       if a.carried_from else ""), a.lead, a.deadline,
                           a.status] for a in area.actions],
                    caption=f"Action plan: {area.title}"))
            elif area.actions_held_in:
                self.out.append(Paragraph(f"Actions are held in the {area.actions_held_in}."))

    # -- appendix ------------------------------------------------------------------------

    def _appendix(self) -> None:
        appendix = self.plan.appendix
        columns = appendix.columns
        convention = convention_for(self.plan.meta.template.id)
        head = ["Theme and measure", columns.previous or "Previous year",
                columns.current or "This year", "Change", columns.target or "Target"]
        rows = []
        theme = None
        for row in appendix.rows:
            if row.kind == "heading":
                rows.append([Cell(" ".join(x for x in (row.theme + ":" if row.theme else "",
                                                       row.label) if x), colspan=5,
                                  bold=True)])
                theme = row.theme
                continue
            label = row.label if row.theme == theme or not row.theme else \
                f"{row.theme}: {row.label}"
            theme = row.theme
            previous, current = cell_text(row.previous), cell_text(row.current)
            change = "" if SMALL_TEXT in (previous, current) else \
                change_shown(row, previous, current, convention)
            target = cell_text(row.target)
            mark = " \u2020" if row.source == "data" else ""
            rows.append([label + mark, previous, current, change, target])
        if rows:
            self.out.append(Table(head=head, rows=rows, numeric={1, 2, 3},
                                  caption=appendix_caption(self.plan)))
            if any(r.source == "data" for r in appendix.rows):
                self.out.append(Paragraph(
                    "\u2020 Filled from the service's data by the indicator engine; the change "
                    "is worked out from the two figures as printed"
                    + (" (percentage points for a percentage, per cent for a count)."
                       if convention == "bracketed" else ".")))
            if self.board and any(r.small for r in appendix.rows):
                self.out.append(Callout("Counts of 1 to 4 children or events, and figures "
                                        "worked out from them, are shown as \u201cfewer than "
                                        "5\u201d."))
        for n, trend in enumerate(appendix.trends, 1):
            series = []
            for s in trend.series:
                values, texts = [], []
                for i in range(len(trend.periods)):
                    value = s.values[i] if i < len(s.values) else None
                    text = s.texts[i] if i < len(s.texts) else ""
                    values.append(as_float(value))
                    texts.append(text or ("no figure" if value is None else str(value)))
                series.append(Series(label=s.label, values=values, texts=texts))
            svg, alt = trend_chart(series, trend.periods, chart_id=f"plan-trend-{n}",
                                   title=trend.title, unit=trend.unit or "count")
            self.out.append(Figure(svg=svg, alt=alt, caption=f"Figure {n}: {trend.title}"))
        self._provenance()

    def _provenance(self) -> None:
        seen: dict[tuple, list[str]] = {}
        for row in self.plan.appendix.rows:
            if row.source == "data" and row.provenance is not None:
                p = row.provenance
                key = (row.indicator, p.indicator_version, p.snapshot, p.computed_at)
                seen.setdefault(key, []).append(row.id)
        if not seen:
            return
        rows = []
        for (indicator, version, snapshot, computed_at), _ids in seen.items():
            try:
                title = catalogue().get(indicator).title
            except KeyError:
                title = indicator
            rows.append([f"{title} ({indicator})", version, snapshot, computed_at])
        self.out.append(Table(head=["Indicator", "Version", "Data snapshot", "Computed at"],
                              rows=rows, caption="Where the figures filled from data came "
                                                 "from"))

    def _epqa(self) -> None:
        self.out.append(Table(
            head=["Theme and measure", "Initial score", "Predicted score", "Actual score"],
            rows=[[e.label, cell_text(e.initial), cell_text(e.predicted), cell_text(e.actual)]
                  for e in self.plan.epqa], numeric={1, 2, 3}, caption="EPQA scores"))


def appendix_caption(plan: Plan) -> str:
    """The appendix table's caption as the plan's template words it."""
    from yjhub.plans.templates import template

    try:
        caption = template(plan.meta.template.id).appendix.get("caption")
    except KeyError:
        caption = None
    return caption or "Appendix B: Performance measures"


# -- cells ---------------------------------------------------------------------------------


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else \
            f"{int(value):,}"
    return str(value)


def as_float(value) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _parse(text: str) -> tuple[float, bool] | None:
    match = _NUMBER.match(text.replace(" (provisional)", ""))
    if not match:
        return None
    return float(match.group(1).replace(",", "")), bool(match.group(2))


def change_shown(row: AppendixRow, previous: str, current: str, convention: str) -> str:
    """The change between the two figures as printed, in the template's convention; the
    unit from the catalogue when the row is linked to a measure, else from a % sign."""
    before, now = _parse(previous), _parse(current)
    if before is None or now is None:
        return ""
    unit = None
    if row.indicator and row.measure:
        try:
            unit = catalogue().measure(f"{row.indicator}.{row.measure}").unit
        except KeyError:
            unit = None
    if unit is None:
        if before[1] != now[1]:
            return ""
        unit = "percent" if now[1] else "count"
    return change_text(unit, previous, current, before[0], now[0], convention=convention)[1]


def _table(table: PlanTable) -> Table:
    numeric = {i + 1 for i, c in enumerate(table.columns) if c.kind != "text"}
    head = [""] + [c.label or c.id for c in table.columns]
    rows = []
    for row in table.rows:
        if row.kind == "heading":
            rows.append([Cell(row.label, colspan=len(table.columns) + 1, bold=True)])
            continue
        bold = row.kind == "total"
        cells = [Cell(row.label or row.id, bold=bold)]
        for column in table.columns:
            value = row.values.get(column.id)
            text = cell_text(value)
            if column.kind == "money" and isinstance(value, int | float):
                text = f"£{text}"
            cells.append(Cell(text, bold=bold))
        rows.append(cells)
    return Table(head=head, rows=rows, caption=table.caption or f"Table {table.id}",
                 numeric=numeric)
