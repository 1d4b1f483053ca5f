"""Trend charts as SVG drawn on the server: a line, its 95% confidence band and the target.

No script and no inline style (the content security policy forbids both): colours are SVG
presentation attributes, which the policy allows, with classes for the stylesheet. Each chart
is an image with a title and a description that says what it shows in words
(``role="img"``, ``<title>``, ``<desc>``), and carries its axis values as text; pages always put
the same figures in a table beside it. A point with no value (withheld, or nothing to divide
by) leaves a gap in the line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

BLUE = "#1d70b8"
BAND = "#d2e2f1"
GREY = "#505a5f"
TARGET = "#d4351c"


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None
    low: float | None = None
    high: float | None = None
    value_text: str = ""  # how the value reads ("45.3%"), for the description


def nice_top(value: float) -> float:
    """A round number at or above ``value`` for the top of the axis."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def axis_number(value: float) -> str:
    """A value on the axis: whole above 10, two significant figures below."""
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:,.2g}"


def line_chart(points: list[Point], *, chart_id: str, title: str, description: str,
               target: float | None = None, target_text: str = "", compact: bool = False,
               unit: str = "") -> SafeString:
    """The SVG of a trend line. ``description`` says in words what the chart shows; the
    values and the periods are added to it."""
    width, height = (300, 90) if compact else (640, 274)
    left, right, top, bottom = (8, 8, 10, 18) if compact else (56, 24, 30, 48)
    plot_w, plot_h = width - left - right, height - top - bottom
    known = [p for p in points if p.value is not None]
    tops = [p.high if p.high is not None else p.value for p in known]
    if target is not None:
        tops.append(target)
    y_max = nice_top(max(tops, default=0) * 1.05)
    step = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return left + (i * step if len(points) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - max(0.0, min(v, y_max)) / y_max * plot_h

    parts = []
    words = "; ".join(f"{p.label}: {p.value_text or ('no figure' if p.value is None else p.value)}"
                      for p in points)
    parts.append(f'<svg xmlns="http://www.w3.org/2000/svg" class="yj-chart'
                 f'{" yj-chart--compact" if compact else ""}" viewBox="0 0 {width} {height}" '
                 f'width="{width}" height="{height}" role="img" '
                 f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">')
    parts.append(f'<title id="{chart_id}-title">{escape(title)}</title>')
    parts.append(f'<desc id="{chart_id}-desc">{escape(description)} {escape(words)}.'
                 + (f" Target: {escape(target_text)}." if target_text else "") + '</desc>')
    # axes
    parts.append(f'<line class="yj-chart__axis" x1="{left}" y1="{top + plot_h}" '
                 f'x2="{left + plot_w}" y2="{top + plot_h}" stroke="{GREY}" stroke-width="1"/>')
    if not compact:
        for fraction in (0, 0.5, 1):
            value = y_max * fraction
            parts.append(f'<line class="yj-chart__grid" x1="{left}" y1="{y(value):.1f}" '
                         f'x2="{left + plot_w}" y2="{y(value):.1f}" stroke="#e0e0e0" '
                         f'stroke-width="1"/>')
            parts.append(f'<text class="yj-chart__label" x="{left - 6}" y="{y(value) + 4:.1f}" '
                         f'text-anchor="end" font-size="13" fill="{GREY}">'
                         f'{escape(axis_number(value))}</text>')
        if unit:
            parts.append(f'<text class="yj-chart__label" x="{left - 6}" y="12" '
                         f'text-anchor="end" font-size="12" fill="{GREY}">{escape(unit)}</text>')
    # confidence band, one polygon per unbroken run of points with an interval
    for run in _runs(points, lambda p: p.low is not None and p.high is not None):
        upper = " ".join(f"{x(i):.1f},{y(points[i].high):.1f}" for i in run)
        lower = " ".join(f"{x(i):.1f},{y(points[i].low):.1f}" for i in reversed(run))
        parts.append(f'<polygon class="yj-chart__band" points="{upper} {lower}" '
                     f'fill="{BAND}" stroke="none"/>')
    if target is not None:
        parts.append(f'<line class="yj-chart__target" x1="{left}" y1="{y(target):.1f}" '
                     f'x2="{left + plot_w}" y2="{y(target):.1f}" stroke="{TARGET}" '
                     f'stroke-width="2" stroke-dasharray="6 4"/>')
        if not compact:
            parts.append(f'<text class="yj-chart__label" x="{left + plot_w}" '
                         f'y="{y(target) - 5:.1f}" text-anchor="end" font-size="13" '
                         f'fill="{TARGET}">Target {escape(target_text)}</text>')
    for run in _runs(points, lambda p: p.value is not None):
        path = " ".join(f"{'M' if n == 0 else 'L'}{x(i):.1f},{y(points[i].value):.1f}"
                        for n, i in enumerate(run))
        parts.append(f'<path class="yj-chart__line" d="{path}" fill="none" stroke="{BLUE}" '
                     f'stroke-width="{2 if compact else 3}"/>')
    for i, p in enumerate(points):
        if p.value is not None:
            parts.append(f'<circle class="yj-chart__point" cx="{x(i):.1f}" cy="{y(p.value):.1f}" '
                         f'r="{2.5 if compact else 4}" fill="{BLUE}"/>')
    # period labels: the first and last on a tile; on a full chart every one that fits
    size = 11 if compact else 12
    for i in _labelled(len(points), 1 if compact else max(1, math.ceil(len(points)
                                                                    / (plot_w / 80))),
                       compact=compact):
        p = points[i]
        anchor = "start" if compact and i == 0 else "end" if compact else "middle"
        at = x(i)
        if not compact:  # keep a centred label inside the chart (an Arial digit is ~0.55 em)
            half = len(p.label) * size * 0.55 / 2
            at = min(max(at, half + 2), width - half - 2)
        parts.append(f'<text class="yj-chart__label" x="{at:.1f}" y="{height - 4}" '
                     f'text-anchor="{anchor}" font-size="{size}" fill="{GREY}">'
                     f'{escape(p.label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _labelled(count: int, every: int, *, compact: bool) -> list[int]:
    """The points whose period is written under the axis: the first and the last on a tile;
    on a full chart every ``every``-th, always the last, none crowding it."""
    if count == 0:
        return []
    if compact:
        return sorted({0, count - 1})
    chosen = list(range(0, count, every))
    if chosen[-1] != count - 1:
        if count - 1 - chosen[-1] < every:
            chosen[-1] = count - 1
        else:
            chosen.append(count - 1)
    return chosen


def _runs(points: list[Point], keep) -> list[list[int]]:
    runs, current = [], []
    for i, p in enumerate(points):
        if keep(p):
            current.append(i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs
