"""A small multi-series trend chart as standalone SVG, and its alt text in words.

One line per measure, each with its own colour *and* dash pattern and marker shape, named in a
legend under the chart, so no line is told apart by colour alone. Presentation attributes only
(no CSS, no script), so the same SVG goes into the web page, the HTML and PDF exports and, as
a picture, the Word file. It needs no Django settings: the plan's renderer runs from the command
line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from yjhub.indicators.catalogue import UNITS
from yjhub.performance.charts import axis_number, nice_top

COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#6f72af", "#b58840")
DASHES = ("", "8 4", "3 3", "10 3 3 3", "1 4")
GREY = "#505a5f"


@dataclass
class Series:
    label: str
    values: list[float | None]  # one per period; None: no figure (a gap)
    texts: list[str] = field(default_factory=list)  # the values as printed, for the alt text
    measure: str = ""  # the catalogue measure id
    small: list[str] = field(default_factory=list)  # periods whose figure counts 1 to 4


def trend_chart(series: list[Series], periods: list[str], *, chart_id: str, title: str,
                unit: str) -> tuple[str, str]:
    """(SVG, alt text). The alt text names every line and its value in every period."""
    unit_label = UNITS[unit][0]
    width, left, right, top = 640, 64, 40, 30
    plot_h = 200
    legend_top = top + plot_h + 40
    height = legend_top + 22 * len(series) + 6
    plot_w = width - left - right
    known = [v for s in series for v in s.values if v is not None]
    y_max = nice_top(max(known, default=0) * 1.05)
    step = plot_w / max(len(periods) - 1, 1)

    def x(i: int) -> float:
        return left + (i * step if len(periods) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - max(0.0, min(v, y_max)) / y_max * plot_h

    alt = _alt(series, periods, title, unit_label)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-title '
           f'{chart_id}-desc" font-family="Arial, Helvetica, sans-serif">',
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">{escape(alt)}</desc>',
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        value = y_max * fraction
        out.append(f'<line x1="{left}" y1="{y(value):.1f}" x2="{left + plot_w}" '
                   f'y2="{y(value):.1f}" stroke="#e0e0e0" stroke-width="1"/>')
        out.append(f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
                   f'font-size="12" fill="{GREY}">{escape(axis_number(value))}</text>')
    out.append(f'<text x="{left - 6}" y="14" text-anchor="end" font-size="12" '
               f'fill="{GREY}">{escape(unit_label)}</text>')
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
               f'y2="{top + plot_h}" stroke="{GREY}" stroke-width="1"/>')
    for i, label in enumerate(periods):
        out.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 20}" text-anchor="middle" '
                   f'font-size="12" fill="{GREY}">{escape(label)}</text>')
    for n, s in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        for run in _runs(s.values):
            path = " ".join(f"{'M' if k == 0 else 'L'}{x(i):.1f},{y(s.values[i]):.1f}"
                            for k, i in enumerate(run))
            out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="3"'
                       f'{dashed}/>')
        for i, v in enumerate(s.values):
            if v is not None:
                out.append(_marker(n, x(i), y(v), colour))
        ly = legend_top + 22 * n
        out.append(f'<line x1="{left}" y1="{ly}" x2="{left + 36}" y2="{ly}" stroke="{colour}" '
                   f'stroke-width="3"{dashed}/>')
        out.append(_marker(n, left + 18, ly, colour))
        out.append(f'<text x="{left + 46}" y="{ly + 4}" font-size="13" fill="#0b0c0c">'
                   f'{escape(s.label)}</text>')
    out.append("</svg>")
    return "".join(out), alt


def _marker(n: int, cx: float, cy: float, colour: str) -> str:
    shape = n % 3
    if shape == 0:
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="{colour}"/>'
    if shape == 1:
        return (f'<rect x="{cx - 4.5:.1f}" y="{cy - 4.5:.1f}" width="9" height="9" '
                f'fill="{colour}"/>')
    return (f'<polygon points="{cx:.1f},{cy - 5.5:.1f} {cx + 5.5:.1f},{cy + 4.5:.1f} '
            f'{cx - 5.5:.1f},{cy + 4.5:.1f}" fill="{colour}"/>')


def _alt(series: list[Series], periods: list[str], title: str, unit_label: str) -> str:
    parts = [f"Line chart: {title} ({unit_label})."]
    for s in series:
        texts = s.texts or ["no figure" if v is None else axis_number(v) for v in s.values]
        values = "; ".join(f"{p} {t}" for p, t in zip(periods, texts, strict=True))
        parts.append(f"{s.label}: {values}.")
    return " ".join(parts)


def _runs(values: list[float | None]) -> list[list[int]]:
    runs, current = [], []
    for i, v in enumerate(values):
        if v is not None:
            current.append(i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs
