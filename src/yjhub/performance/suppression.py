"""Which figures a board member must not see: small numbers, and what would give them away.

The engine flags a figure ``suppressed`` when its numerator, or a denominator that counts
children or events, is 1 to 4. Hiding only those is not enough when the rest of a table is
shown: a breakdown's groups add up to its total, and a financial year's quarters (nearly) add
up to the year, so one hidden group or quarter could be worked out by subtraction. So, over
every figure of an indicator (every breakdown and period at once, so each page hides the same
ones):

1. *primary*: every figure the engine flags is withheld;
2. *complementary*: in each line that adds up to a shown total (the groups of a breakdown for
   one measure and period; the four quarters of a financial year for one measure and group),
   once one cell is withheld, more are withheld until at least two are and the withheld cells
   together hold at least 5 in the numerator (and in a counted denominator). The smallest
   non-zero cells are taken first (zeros hide nothing); ties go by name, so the choice is the
   same every time.

Withholding a cell can complete another line, so the rules run until nothing changes.
A change against the previous period is shown only when both periods are shown (``change_shown``).
"""

from __future__ import annotations

from collections import defaultdict

from yjhub.performance.display import TOTAL

SMALL = 5


def withhold(results: list[dict], *, counted: dict[str, bool],
             years: dict[str, list[str]]) -> None:
    """Sets ``withheld`` on every result dict (keys: measure, breakdown, period, dimensions,
    unit_id, group, numerator, denominator, suppressed). ``counted``: measure id -> whether its
    denominator counts children or events (a population does not); ``years``: a year's label ->
    its four quarters' labels, for the years whose quarters are all among the results."""
    for r in results:
        r["withheld"] = bool(r["suppressed"])
    lines = _lines(results, years)
    changed = True
    while changed:
        changed = False
        for measure, cells in lines:
            changed |= _complete(cells, counted.get(measure, False))


def _dims(r: dict) -> str:
    return ";".join(f"{k}={v}" for k, v in sorted((r.get("dimensions") or {}).items()))


def _lines(results: list[dict], years: dict[str, list[str]]) -> list[tuple[str, list[dict]]]:
    by_breakdown = defaultdict(list)
    by_period = {}
    for r in results:
        base = (r["measure"], r["unit_id"], _dims(r))
        if r["breakdown"] != "none" and r["group"] != TOTAL:
            by_breakdown[base + (r["breakdown"], r["period"])].append(r)
        by_period[base + (r["breakdown"], r["group"], r["period"])] = r
    lines = [(key[0], cells) for key, cells in sorted(by_breakdown.items())]
    for measure, unit_id, dims, breakdown, group, period in sorted(by_period):
        quarters = years.get(period)
        if not quarters:
            continue
        cells = [by_period.get((measure, unit_id, dims, breakdown, group, q)) for q in quarters]
        if all(c is not None for c in cells):
            lines.append((measure, cells))
    return lines


def _size(value) -> float:
    return float(value) if value is not None else 0.0


def _complete(cells: list[dict], counted: bool) -> bool:
    hidden = [c for c in cells if c["withheld"]]
    if not hidden:
        return False
    changed = False
    while (len(hidden) < 2 or sum(_size(c["numerator"]) for c in hidden) < SMALL
           or (counted and sum(_size(c["denominator"]) for c in hidden) < SMALL)):
        shown = [c for c in cells if not c["withheld"]]
        if not shown:
            break
        pick = min(shown, key=lambda c: (_size(c["numerator"]) == 0, _size(c["numerator"]),
                                         _size(c["denominator"]), str(c["group"]),
                                         str(c["period"])))
        pick["withheld"] = True
        hidden.append(pick)
        changed = True
    return changed


def change_shown(result: dict, previous: dict | None) -> bool:
    """Whether a board member may see the change against the previous period: only when both
    figures are shown (otherwise the change gives the hidden one away)."""
    return previous is not None and not result["withheld"] and not previous["withheld"]
