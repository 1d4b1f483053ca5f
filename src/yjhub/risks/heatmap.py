"""The risk heat map: a grid of impact (up the side) against likelihood (along the bottom),
each cell coloured by its level of risk and naming the risks in it. No Django here.

Drawn as SVG with presentation attributes only (no classes, no script, no inline style), so the
same picture serves the web page, the PDF and (as a PNG) Word. The highest level of risk is
always at the top right: when a register's 1 is its highest level, the axes run from 3 (or 5)
down to 1. Colour is never the only sign: each cell carries its RAG word's first letter, the
description says in words where every risk sits, and pages put the same facts in a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from yjhub.risks.scoring import RAG_WORDS, Scale

COLOURS = {"red": ("#d4351c", "#ffffff"), "amber": ("#f47738", "#0b0c0c"),
           "green": ("#00703c", "#ffffff")}
GREY = "#505a5f"
INK = "#0b0c0c"
CELL = 64
LEFT, TOP, BOTTOM = 58, 34, 50


@dataclass(frozen=True)
class Position:
    ref: str
    impact: int | None
    likelihood: int | None


def _axis(scale: Scale) -> list[int]:
    """Levels in drawing order, lowest risk first (left to right; bottom to top)."""
    levels = list(scale.levels)
    return levels if scale.direction == "high" else levels[::-1]


def _cells(scale: Scale, positions: list[Position]) -> dict[tuple[int, int], list[str]]:
    cells: dict[tuple[int, int], list[str]] = {}
    for p in positions:
        if p.impact is None or p.likelihood is None:
            continue
        cells.setdefault((p.impact, p.likelihood), []).append(p.ref)
    return cells


def describe(scale: Scale, positions: list[Position], *, which: str) -> str:
    """Where every risk sits, in words (the image's description and the alt text)."""
    cells = _cells(scale, positions)
    placed = sum(len(v) for v in cells.values())
    if not placed:
        return f"No risk has a {which} position."
    order = sorted(cells, key=lambda c: (-scale.severity(c[0]) * scale.severity(c[1]),
                                         -scale.severity(c[0])))
    parts = []
    for impact, likelihood in order:
        refs = cells[(impact, likelihood)]
        rag = RAG_WORDS[scale.rag(impact, likelihood)].lower()
        names = refs[0] if len(refs) == 1 else ", ".join(refs[:-1]) + " and " + refs[-1]
        parts.append(f"{names} at impact {impact}, likelihood {likelihood} ({rag})")
    missing = len(positions) - placed
    tail = f" {missing} risk{'s have' if missing != 1 else ' has'} no {which} position." \
        if missing else ""
    direction = ("1 is the highest level of risk, so the axes run from "
                 f"{scale.maximum} to 1" if scale.direction == "low"
                 else "the highest number is the highest level of risk")
    return (f"{which.capitalize()} risk of {placed} risk{'s' if placed != 1 else ''} on a "
            f"1 to {scale.maximum} scale ({direction}): " + "; ".join(parts) + "." + tail)


def heat_map(scale: Scale, positions: list[Position], *, chart_id: str, title: str,
             which: str) -> str:
    """The SVG of one heat map (``which``: "inherent" or "residual")."""
    n = scale.maximum
    size = CELL if n == 5 else 80
    width = LEFT + n * size + 16
    height = TOP + n * size + BOTTOM
    cells = _cells(scale, positions)
    axis = _axis(scale)
    description = describe(scale, positions, which=which)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" '
           f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
           f'font-family="Arial, Helvetica, sans-serif">',
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{LEFT}" y="20" font-size="15" font-weight="bold" fill="{INK}">'
           f'{escape(title)}</text>']
    for col, likelihood in enumerate(axis):
        for row, impact in enumerate(axis):
            x = LEFT + col * size
            y = TOP + (n - 1 - row) * size
            rag = scale.rag(impact, likelihood)
            fill, ink = COLOURS[rag]
            out.append(f'<rect x="{x}" y="{y}" width="{size}" height="{size}" fill="{fill}" '
                       f'stroke="#ffffff" stroke-width="2"/>')
            out.append(f'<text x="{x + 5}" y="{y + 14}" font-size="11" fill="{ink}">'
                       f'{RAG_WORDS[rag][0]}</text>')
            refs = cells.get((impact, likelihood), [])
            per_line = 2 if size < 80 else 3
            lines = [" ".join(refs[i:i + per_line]) for i in range(0, len(refs), per_line)]
            if len(lines) > 3:
                lines = lines[:2] + [f"+{len(refs) - 2 * per_line} more"]
            first = y + size / 2 + 5 - (len(lines) - 1) * 8
            for i, line in enumerate(lines):
                out.append(f'<text x="{x + size / 2:.0f}" y="{first + i * 16:.0f}" '
                           f'text-anchor="middle" font-size="13" font-weight="bold" '
                           f'fill="{ink}">{escape(line)}</text>')
    for i, level in enumerate(axis):
        out.append(f'<text x="{LEFT + i * size + size / 2:.0f}" y="{TOP + n * size + 18}" '
                   f'text-anchor="middle" font-size="13" fill="{GREY}">{level}</text>')
        out.append(f'<text x="{LEFT - 10}" y="{TOP + (n - 1 - i) * size + size / 2 + 5:.0f}" '
                   f'text-anchor="end" font-size="13" fill="{GREY}">{level}</text>')
    out.append(f'<text x="{LEFT + n * size / 2:.0f}" y="{TOP + n * size + 40}" '
               f'text-anchor="middle" font-size="13" fill="{INK}">Likelihood</text>')
    cy = TOP + n * size / 2
    out.append(f'<text x="16" y="{cy:.0f}" text-anchor="middle" font-size="13" fill="{INK}" '
               f'transform="rotate(-90 16 {cy:.0f})">Impact</text>')
    out.append("</svg>")
    return "".join(out)


def legend_text(scale: Scale) -> str:
    return (f"Cells are marked R (red), A (amber) or G (green) by the level of risk; "
            f"{'the axes run from ' + str(scale.maximum) + ' to 1 because 1 is the highest level of risk; ' if scale.direction == 'low' else ''}"  # noqa: E501
            f"the highest level of risk is at the top right.")


def grid_rows(scale: Scale, positions: list[Position]) -> list[tuple[int, list[tuple]]]:
    """The heat map as a table, highest impact first: (impact, [(likelihood, refs, rag), ...])
    with likelihood in the drawing order."""
    cells = _cells(scale, positions)
    axis = _axis(scale)
    return [(impact, [(likelihood, cells.get((impact, likelihood), []),
                       scale.rag(impact, likelihood)) for likelihood in axis])
            for impact in reversed(axis)]


def axis_levels(scale: Scale) -> list[int]:
    return _axis(scale)
