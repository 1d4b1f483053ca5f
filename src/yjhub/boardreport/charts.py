"""The board's RAG chart of actions: one bar per plan (and one for all plans), split into red,
amber, green and not rated, each part labelled with its count, and a legend in words. SVG with
presentation attributes only, so it goes into the HTML, the PDF and (as a PNG) Word."""

from __future__ import annotations

from html import escape

PARTS = (("red", "Red", "#d4351c", "#ffffff"), ("amber", "Amber", "#f47738", "#0b0c0c"),
         ("green", "Green", "#00703c", "#ffffff"), ("not_rated", "Not rated", "#b1b4b6",
                                                      "#0b0c0c"))
INK, GREY = "#0b0c0c", "#505a5f"


def rag_words(counts: dict[str, int]) -> str:
    return ", ".join(f"{counts.get(key, 0)} {word.lower()}" for key, word, _f, _i in PARTS)


def rag_bars(rows: list[tuple[str, dict[str, int]]], *, chart_id: str, title: str) -> str:
    """``rows``: (label, {rag code: count}) in order, e.g. each plan then all plans."""
    label_w, bar_w, row_h, top = 230, 400, 34, 56
    width = label_w + bar_w + 60
    height = top + len(rows) * row_h + 16
    words = "; ".join(f"{label}: {rag_words(counts)}" for label, counts in rows)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" '
           f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
           f'font-family="Arial, Helvetica, sans-serif">',
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">{escape(title)}. {escape(words)}.</desc>',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    x = label_w
    for _key, word, fill, _ink in PARTS:  # the legend
        out.append(f'<rect x="{x}" y="8" width="14" height="14" fill="{fill}"/>')
        out.append(f'<text x="{x + 19}" y="20" font-size="13" fill="{INK}">{word}</text>')
        x += 19 + 9 * len(word) + 18
    most = max((sum(c.values()) for _l, c in rows), default=0) or 1
    for n, (label, counts) in enumerate(rows):
        y = top + n * row_h
        shown = label if len(label) <= 34 else label[:33] + "…"
        out.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="13" '
                   f'fill="{INK}">{escape(shown)}</text>')
        x = float(label_w)
        for key, _word, fill, ink in PARTS:
            count = counts.get(key, 0)
            if not count:
                continue
            w = bar_w * count / most
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="24" fill="{fill}" '
                       f'stroke="#ffffff" stroke-width="1"/>')
            if w >= 6 + 8 * len(str(count)):
                out.append(f'<text x="{x + w / 2:.1f}" y="{y + 17}" text-anchor="middle" '
                           f'font-size="13" font-weight="bold" fill="{ink}">{count}</text>')
            x += w
        total = sum(counts.values())
        out.append(f'<text x="{x + 6:.1f}" y="{y + 17}" font-size="13" fill="{GREY}">'
                   f'{total}</text>')
    out.append("</svg>")
    return "".join(out)
