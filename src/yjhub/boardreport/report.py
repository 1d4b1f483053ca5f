"""The quarterly board report, built as one ``Document`` and written to Word, PDF and HTML by
``yjhub.documents``.

It goes to the management board, so every figure is the board's: small numbers (1 to 4) and
anything that would reveal them are withheld, whoever produces the report. Its parts:

1. Summary.
2. Performance: the headline indicators and the key performance indicators for the quarter,
   from the results cache, with RAG, the previous quarter, the change, the same quarter a year
   before, the latest published comparator, and trend charts of the headline measures.
3. Actions: due in the quarter, done in it, overdue at its end, and RAG counts as at its end
   (``yjhub.actions.selectors``).
4. Risks: each register as it stood at the quarter's end (rebuilt from its score history), its
   heat maps, scores that disagree with the register's rule, and what changed since the end of
   the previous quarter.
5. Budget: the financial year's lines by agency, with forecast, variance and actual to date.
6. Themed items: the quarter's items from the rota.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from yjhub.actions import selectors as actions
from yjhub.actions.codes import code_list as action_codes
from yjhub.boardreport.charts import rag_bars, rag_words
from yjhub.boardreport.quarters import quarter_number, quarter_short
from yjhub.boardreport.selectors import budget_position, rota_for
from yjhub.documents import (
    Bullets,
    Callout,
    Cell,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from yjhub.indicators.catalogue import catalogue
from yjhub.indicators.periods import Period, financial_quarter
from yjhub.performance import selectors as performance
from yjhub.performance.periods import describe
from yjhub.performance.tiles import SECTIONS
from yjhub.risks import heatmap
from yjhub.risks.models import Register
from yjhub.risks.scoring import RAG_WORDS
from yjhub.risks.selectors import (
    direction_doubt,
    positions,
    register_as_at,
    register_changes,
)

TREND_QUARTERS = 8
SUPPRESSION = ("Figures about children are the board's: a count of 1 to 4 children or events "
               "is withheld, with any other figure that would let it be worked out (shown as "
               "\"Withheld\"), and a change or target is not shown against a withheld figure. "
               "Counts of actions, risks and budget lines are not about children and are shown "
               "in full.")


@dataclass
class Summary:
    lines: list[str]


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _money(value: Decimal | None) -> str:
    if value is None:
        return "–"
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.0f}"


# -- performance ---------------------------------------------------------------------------


def _year_before(period: Period) -> str:
    first = int(period.label[:4])
    return financial_quarter(first - 1, quarter_number(period)).label


def _figure_text(figure) -> str:
    text = figure.value_text
    if figure.known and figure.unit_text:
        text += f" {figure.unit_text}"
    if figure.known and figure.provisional:
        text += " (provisional)"
    return text


def _rag_cell(figure) -> Cell:
    if figure.target_shown and figure.result.get("rag"):
        rag = figure.result["rag"]
        return Cell(RAG_WORDS[rag], rag=rag)
    return Cell("No target" if figure.known and not figure.target_text else "–")


def performance_blocks(*, quarter: Period, summary: Summary) -> list:
    blocks: list = [Heading("2. Performance", level=1)]
    service = performance.service_shown()
    state = performance.cache_state()
    if service is None or state.refresh is None:
        blocks.append(Paragraph("No figures: the service's case data has not been loaded, or "
                                "its figures have not been worked out yet."))
        summary.lines.append("Performance: no figures yet.")
        return blocks
    if quarter.label not in state.quarters:
        held = f"{state.quarters[0]} to {state.quarters[-1]}" if state.quarters else "none"
        blocks.append(Paragraph(f"The figures worked out hold no quarter {quarter.label} "
                                f"(they hold {held}): choose one of those quarters."))
        summary.lines.append(f"Performance: no figures held for {quarter.label}.")
        return blocks
    unit_id = service.service_id
    quarters = state.quarters[:state.quarters.index(quarter.label) + 1][-TREND_QUARTERS:]
    wanted = sorted(set(quarters) | {_year_before(quarter)})
    tiles = [tile for _title, section in SECTIONS for tile in section]
    measures = [catalogue().measure(t.measure) for t in tiles]
    ids = sorted({m.indicator.id for m in measures})
    cached = performance.cached_results(indicator_ids=ids, unit_id=unit_id, periods=wanted)
    published = performance.comparators(indicator_ids=ids, unit_id=unit_id, board=True,
                                        latest_only=True)
    blocks.append(Paragraph(
        f"Figures for {describe(quarter)}, worked out on "
        f"{_date(state.refresh.as_of)} from the case data then loaded. RAG compares each "
        "figure with its target; the change is against the previous quarter. \"Not held\": "
        "the figures worked out do not reach back to that quarter."))
    rags = {"red": 0, "amber": 0, "green": 0}
    charts = []
    year_held = _year_before(quarter) in state.quarters  # the cache keeps twelve quarters
    for title, section in SECTIONS:
        rows = []
        for tile in section:
            measure = catalogue().measure(tile.measure)
            indicator = measure.indicator
            trend = performance.series(cached, indicator, measure, quarters, board=True)
            figure = trend[-1]
            year_before = performance.series(cached, indicator, measure,
                                             [_year_before(quarter)], board=True)[0]
            previous = trend[-2] if len(trend) > 1 else None
            comparator = "; ".join(f"{c.label} {c.period}: {c.value_text}"
                                   for c in published.get(indicator.id, []))
            rag = _rag_cell(figure)
            if rag.rag:
                rags[rag.rag] += 1
            rows.append([measure.label, _figure_text(figure), rag,
                         _figure_text(previous) if previous else "Not held",
                         figure.change_text or "–",
                         _figure_text(year_before) if year_held else "Not held",
                         comparator or "None published"])
            if section is SECTIONS[0][1]:
                charts.append((measure, trend))
        blocks.append(Heading(title, level=2))
        blocks.append(Table(
            head=["Measure", quarter.label, "RAG", "Previous quarter", "Change",
                  f"A year before ({_year_before(quarter)})", "Latest comparator"],
            rows=rows, caption=f"{title}, {quarter.label}"))
    blocks.append(Heading("Trends of the headline indicators", level=2))
    for n, (measure, trend) in enumerate(charts, start=1):
        if sum(1 for f in trend if f.known) < 2:
            blocks.append(Paragraph(f"{measure.label}: no trend chart, as fewer than two of "
                                    f"its quarters from {trend[0].period} to "
                                    f"{trend[-1].period} can be shown (the others are "
                                    "withheld or have nothing counted)."))
            continue
        svg = performance.trend_chart(trend, chart_id=f"board-trend-{n}",
                                      title=f"{measure.label}: by quarter")
        values = "; ".join(f"{f.period} {_figure_text(f)}" for f in trend)
        blocks.append(Figure(svg=str(svg), caption=f"{measure.label}, by quarter",
                             alt=f"Line chart of {measure.label.lower()} by quarter, "
                                 f"{trend[0].period} to {trend[-1].period}: {values}."))
    summary.lines.append(
        f"Performance: of the figures with a target, {rags['green']} green, "
        f"{rags['amber']} amber and {rags['red']} red in {quarter.label}.")
    return blocks


# -- actions -------------------------------------------------------------------------------


def _status(code: str) -> str:
    return action_codes("statuses").label(code)


def _short(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _action_row(action, date_value) -> list:
    return [action.reference, _short(action.text), action.plan.title,
            _date(date_value) if date_value else "–", _status(action.status)]


def overdue_at(*, end: dt.date) -> list:
    """Actions overdue at the end of ``end``: due on or before it and not done by then. Those
    still open now come from ``actions_overdue`` (as at the next day); those done since, from
    ``actions_done_in`` after the quarter."""
    after = end + dt.timedelta(days=1)
    still_open = list(actions.actions_overdue(as_at=after))
    done_since = [a for a in actions.actions_done_in(start=after, end=dt.date(9999, 12, 31))
                  if a.due_on is not None and a.due_on <= end]
    found = {a.pk: a for a in still_open + done_since}
    return sorted(found.values(), key=lambda a: (a.due_on, a.plan.title, a.position, a.pk))


def actions_blocks(*, quarter: Period, summary: Summary) -> list:
    due = list(actions.actions_due_in(start=quarter.start, end=quarter.end))
    done = list(actions.actions_done_in(start=quarter.start, end=quarter.end))
    overdue = overdue_at(end=quarter.end)
    rag = actions.action_rag_summary(as_at=quarter.end)
    blocks: list = [Heading("3. Actions", level=1), Paragraph(
        f"Actions of the service's plans: {len(due)} due in the quarter, {len(done)} done in "
        f"it, and {len(overdue)} overdue at its end ({_date(quarter.end)}). Status is as "
        "recorded now.")]
    keys = rag.rag_keys()
    if rag.total:
        bars = list(rag.by_plan.items())
        if len(bars) > 1:
            bars.append(("All plans", rag.by_rag))
        title = f"Actions by RAG as at {_date(quarter.end)}"
        blocks.append(Figure(svg=rag_bars(bars, chart_id="board-actions-rag", title=title),
                             alt=f"{title}: " + "; ".join(f"{label}: {rag_words(counts)}"
                                                          for label, counts in bars) + ".",
                             caption=f"{title}, each as it stood then (its latest progress "
                                     "update on or before that day)."))
    blocks.append(Table(
        head=["Plan"] + [rag.rag_label(k) for k in keys] + ["Total"],
        rows=[[title] + [str(counts[k]) for k in keys] + [str(sum(counts.values()))]
              for title, counts in rag.by_plan.items()],
        foot=[["All plans"] + [str(rag.by_rag[k]) for k in keys] + [str(rag.total)]],
        numeric=set(range(1, len(keys) + 2)),
        caption=f"Actions by RAG as at {_date(quarter.end)}"))
    for title, items, head, when in (
            ("Due in the quarter", due, "Due", lambda a: a.due_on),
            ("Done in the quarter", done, "Done", lambda a: a.completed_on),
            ("Overdue at the end of the quarter", overdue, "Due", lambda a: a.due_on)):
        blocks.append(Heading(title, level=2))
        if items:
            blocks.append(Table(head=["Ref", "Action", "Plan", head, "Status now"],
                                rows=[_action_row(a, when(a)) for a in items],
                                caption=f"{title} ({len(items)})"))
        else:
            blocks.append(Paragraph("None."))
    summary.lines.append(f"Actions: {len(due)} due in the quarter, {len(done)} done, "
                         f"{len(overdue)} overdue at {_date(quarter.end)}.")
    return blocks


# -- risks ---------------------------------------------------------------------------------


def _position(impact, likelihood, scale) -> str:
    if impact is None or likelihood is None:
        return "Not given"
    sign = "×" if scale.rule == "product" else "+"
    return f"{impact} {sign} {likelihood} = {scale.score(impact, likelihood)}"


def _rag(scale, impact, likelihood) -> Cell:
    rag = scale.rag(impact, likelihood)
    return Cell(RAG_WORDS[rag], rag=rag) if rag else Cell("–")


def _grid_table(scale, where, *, title: str) -> Table:
    rows = [[str(impact)] + [f"{RAG_WORDS[rag]}: {', '.join(refs)}" if refs else RAG_WORDS[rag]
                             for _lk, refs, rag in cells]
            for impact, cells in heatmap.grid_rows(scale, where)]
    return Table(head=["Impact"] + [f"Likelihood {lk}" for lk in heatmap.axis_levels(scale)],
                 rows=rows, caption=f"{title} as a table: risks by impact and likelihood")


def _change_text(change, scale) -> tuple[str, str]:
    def state(s):
        if s is None:
            return "–"
        text = f"Inherent {_position(s.impact, s.likelihood, scale)}"
        if s.residual_impact is not None:
            text += f"; residual {_position(s.residual_impact, s.residual_likelihood, scale)}"
        return text
    return state(change.before), state(change.after)


def risks_blocks(*, quarter: Period, summary: Summary) -> list:
    previous_end = quarter.previous().end
    blocks: list = [Heading("4. Risks", level=1)]
    registers = list(Register.objects.order_by("name"))
    if not registers:
        blocks.append(Paragraph("No risk register has been entered."))
        summary.lines.append("Risks: no register entered.")
        return blocks
    counts = {"red": 0, "amber": 0, "green": 0}
    changed = 0
    for n, register in enumerate(registers, start=1):
        scale = register.scale
        states = register_as_at(register=register, on=quarter.end)
        blocks.append(Heading(register.name, level=2))
        blocks.append(Paragraph(f"As it stood on {_date(quarter.end)}: {len(states)} open "
                                f"risk{'s' if len(states) != 1 else ''}; "
                                f"{scale.describe()}."))
        if not states:
            continue
        doubt = direction_doubt(register=register, states=states)
        if doubt:
            blocks.append(Callout(doubt))
        for which, residual in (("inherent", False), ("residual", True)):
            where = positions(states, residual=residual)
            title = f"{which.capitalize()} risk"
            blocks.append(Figure(
                svg=heatmap.heat_map(scale, where, chart_id=f"board-heat-{n}-{which}",
                                     title=title, which=which),
                alt=heatmap.describe(scale, where, which=which),
                caption=f"{register.name}: {which} risk at {_date(quarter.end)}. "
                        + heatmap.legend_text(scale)))
            blocks.append(_grid_table(scale, where, title=title))
        rows, flags = [], []
        for s in states:
            rag = scale.rag(s.impact, s.likelihood)
            counts[rag] += 1
            rows.append([s.ref, _short(s.risk.title, 160), s.risk.owner or "–",
                         _position(s.impact, s.likelihood, scale),
                         _rag(scale, s.impact, s.likelihood),
                         _position(s.residual_impact, s.residual_likelihood, scale),
                         _rag(scale, s.residual_impact, s.residual_likelihood)])
            flags += [f"{s.ref}: {d}" for d in s.disagreements(scale)]
        blocks.append(Table(head=["Ref", "Risk", "Owner", "Inherent", "RAG", "Residual", "RAG"],
                            rows=rows, caption=f"{register.name}: risks at "
                                               f"{_date(quarter.end)}"))
        if flags:
            blocks.append(Paragraph(f"Scores written that differ from the register's rule "
                                    f"({scale.rule}):"))
            blocks.append(Bullets(flags))
        changes = register_changes(register=register, start=previous_end, end=quarter.end)
        changed += len(changes)
        blocks.append(Heading(f"Changes since {_date(previous_end)}", level=3))
        if changes:
            words = {"new": "New", "closed": "Closed", "changed": "Scores changed"}
            blocks.append(Table(
                head=["Ref", "Risk", "Change", f"At {_date(previous_end)}",
                      f"At {_date(quarter.end)}"],
                rows=[[c.ref, _short(c.title, 120), words[c.kind], *_change_text(c, scale)]
                      for c in changes],
                caption=f"{register.name}: changes in {quarter.label}"))
        else:
            blocks.append(Paragraph("No risk was added, closed or rescored in the quarter."))
    summary.lines.append(
        f"Risks: {sum(counts.values())} open at {_date(quarter.end)} ({counts['red']} red, "
        f"{counts['amber']} amber, {counts['green']} green before controls); {changed} "
        f"change{'s' if changed != 1 else ''} since the previous quarter.")
    return blocks


# -- budget --------------------------------------------------------------------------------


def budget_blocks(*, quarter: Period, summary: Summary) -> list:
    first_year = int(quarter.label[:4])
    label = quarter.label[:7]
    position = budget_position(first_year=first_year)
    blocks: list = [Heading("5. Budget", level=1)]
    if not position.agencies:
        blocks.append(Paragraph(f"No budget has been entered for {label}."))
        summary.lines.append(f"Budget: none entered for {label}.")
        return blocks
    rows = []
    for agency in position.agencies:
        for i, line in enumerate(agency.lines):
            forecast = line.forecast if line.forecast is not None else (
                line.budget if position.forecast is not None else None)
            rows.append([agency.agency if i == 0 else "", line.contribution,
                         _money(line.budget), _money(forecast),
                         _money(None if forecast is None else forecast - line.budget),
                         _money(line.actual_to_date)])
        if len(agency.lines) > 1:
            rows.append([Cell(f"{agency.agency}: total", bold=True), "",
                         Cell(_money(agency.budget), bold=True),
                         Cell(_money(agency.forecast), bold=True),
                         Cell(_money(None if agency.forecast is None
                                     else agency.forecast - agency.budget), bold=True),
                         Cell(_money(agency.actual_to_date), bold=True)])
    blocks.append(Paragraph(
        f"The service's budget for {label}, by agency and contribution, as entered on "
        f"{_date(position.updated_on)}. Variance is the forecast outturn less the budget: a "
        "positive variance is an overspend. A line with no forecast is taken at its budget."))
    blocks.append(Table(
        head=["Agency", "Contribution", "Budget", "Forecast", "Variance", "Actual to date"],
        rows=rows, numeric={2, 3, 4, 5},
        foot=[["Total", "", _money(position.budget), _money(position.forecast),
               _money(position.variance), _money(position.actual_to_date)]],
        caption=f"Budget {label}"))
    if position.variance is None:
        summary.lines.append(f"Budget {label}: {_money(position.budget)}; no forecast entered.")
    else:
        share = (position.variance / position.budget * 100) if position.budget else Decimal(0)
        summary.lines.append(
            f"Budget {label}: forecast {_money(position.forecast)} against a budget of "
            f"{_money(position.budget)} (variance {_money(position.variance)}, "
            f"{share:+.1f}%).")
    return blocks


# -- themed items --------------------------------------------------------------------------


def themes_blocks(*, quarter: Period, service_id: str, summary: Summary) -> list:
    rota = rota_for(service_id=service_id)
    items = rota.items(quarter_number(quarter))
    blocks: list = [Heading("6. Themed items", level=1), Paragraph(
        f"Besides finance and performance, the board takes these items in quarter "
        f"{quarter_number(quarter)} each year (from {rota.source}).")]
    blocks.append(Heading("Service items", level=2))
    blocks.append(Bullets(items["service"]) if items["service"] else Paragraph("None."))
    blocks.append(Heading("Partner reports", level=2))
    blocks.append(Bullets(items["partner"]) if items["partner"] else Paragraph("None."))
    names = items["service"] + items["partner"]
    summary.lines.append(f"Themed items: {'; '.join(names) if names else 'none'}.")
    return blocks


# -- the report ----------------------------------------------------------------------------


def board_report(*, quarter: Period, today: dt.date | None = None) -> Document:
    today = today or timezone.localdate()
    service = performance.service_shown()
    name = service.name if service else "Youth justice service"
    service_id = service.service_id if service else ""
    summary = Summary([])
    body = (performance_blocks(quarter=quarter, summary=summary)
            + [PageBreak()] + actions_blocks(quarter=quarter, summary=summary)
            + [PageBreak()] + risks_blocks(quarter=quarter, summary=summary)
            + [PageBreak()] + budget_blocks(quarter=quarter, summary=summary)
            + themes_blocks(quarter=quarter, service_id=service_id, summary=summary))
    blocks = [Heading("1. Summary", level=1), Bullets(summary.lines), Callout(SUPPRESSION),
              *body]
    return Document(
        title=f"{name}: management board report",
        subtitle=f"Quarter {quarter_number(quarter)}, {describe(quarter)}",
        meta=[("Service", name), ("Quarter", f"{quarter_short(quarter)} ({quarter.label})"),
              ("Period", f"{_date(quarter.start)} to {_date(quarter.end)}"),
              ("Prepared", _date(today)),
              ("Small numbers", "Withheld (board figures)")],
        contents=True, blocks=blocks)
