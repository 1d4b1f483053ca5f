"""Results as a performance officer takes them away: JSON, CSV or a table on screen.

Values are printed the way plans print them (45.3%, 156.2 per 100,000, 1.13 per child);
JSON and CSV keep full precision so nothing is rounded twice.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import TYPE_CHECKING

from yjhub.indicators.catalogue import UNITS

if TYPE_CHECKING:  # the engine (pandas, Ibis) is not needed to print a figure
    from yjhub.indicators.engine import Result

CSV_COLUMNS = [
    "measure", "indicator", "label", "unit_of_measure", "period", "unit", "unit_id",
    "breakdown", "group", "dimensions", "numerator", "denominator", "value", "ci_low",
    "ci_high", "suppressed", "provisional", "previous_period", "previous_value", "change",
    "change_kind", "change_points", "change_relative", "target", "target_value", "met", "rag",
    "comparison", "comparison_value", "difference_points", "difference_relative",
]
PLACES = {"count": 0, "percent": 1, "per_1000": 2, "per_10000": 1, "per_100000": 1,
          "mean": 2}


def round_half_up(value: float | None, places: int = 1) -> float | None:
    """Rounding as plans print figures (0.05 -> 0.1), not banker's rounding."""
    if value is None or math.isnan(value):
        return None
    factor = 10 ** places
    return math.floor(value * factor + 0.5) / factor


def as_json(results: list[Result], meta: dict) -> str:
    return json.dumps({**meta, "results": [r.as_dict() for r in results]}, indent=2,
                      default=str)


def as_csv(results: list[Result]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in results:
        row = r.as_dict()
        row["dimensions"] = ";".join(f"{k}={v}" for k, v in r.dimensions.items())
        writer.writerow({k: "" if row[k] is None else row[k] for k in CSV_COLUMNS})
    return out.getvalue()


def shown(value: float | None, unit: str) -> str:
    """A value as a plan prints it: 45.3%, 156.2, 0.13, 921."""
    if value is None:
        return "–"
    places = PLACES[unit]
    number = round_half_up(value, places)
    text = f"{number:,.{places}f}"
    return f"{text}%" if unit == "percent" else text


def shown_change(result: Result) -> str:
    """Change against the previous period: "+2.8 pts" for rates, "-5.1%" for counts; "no
    diff" when nothing changed (as the 2006 template prints it)."""
    if result.change is None:
        return ""
    places = 1 if result.change_kind == "relative" else max(1, PLACES[result.unit_of_measure])
    change = round_half_up(result.change, places)
    if change == 0:
        return "no diff"
    suffix = "%" if result.change_kind == "relative" else " pts"
    return f"{change:+.{places}f}{suffix}"


def as_table(results: list[Result]) -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_lines=False)
    for heading, justify in [("Measure", "left"), ("Period", "left"), ("Unit", "left"),
                             ("Group", "left"), ("n", "right"), ("d", "right"),
                             ("Value", "right"), ("95% CI", "right"), ("Change", "right"),
                             ("Target", "left"), ("RAG", "left")]:
        table.add_column(heading, justify=justify)
    for r in results:
        dims = " ".join(f"{k}={v}" for k, v in r.dimensions.items())
        interval = ("" if r.ci_low is None else
                    f"{shown(r.ci_low, r.unit_of_measure)}–{shown(r.ci_high, r.unit_of_measure)}")
        marks = ("*" if r.suppressed else "") + ("p" if r.provisional else "")
        table.add_row(
            escape(f"{r.label} [{UNITS[r.unit_of_measure][0]}]" + (f" ({dims})" if dims else "")),
            r.period, r.unit_id, r.group, f"{r.numerator:,}" if r.numerator is not None else "",
            "" if r.denominator is None else f"{r.denominator:,.0f}",
            shown(r.value, r.unit_of_measure) + marks, interval, shown_change(r), r.target,
            r.rag or "")
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(table)
    console.print("* fewer than 5: suppress before publishing   p: provisional (follow-up not "
                  "yet complete)")
    return console.export_text()
