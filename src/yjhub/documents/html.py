"""A document as accessible HTML: real headings, tables with captions and header cells, charts
with their description in words.

The same HTML, with a print style sheet, is what WeasyPrint turns into the PDF.
"""

from __future__ import annotations

import re
from html import escape
from importlib import resources

from yjhub.documents.model import (
    RAG_WORDS,
    Bullets,
    Callout,
    Cell,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    anchor_for,
)


def style_sheet(name: str) -> str:
    return resources.files("yjhub.documents").joinpath(name).read_text(encoding="utf-8")


def render_html(document: Document) -> bytes:
    """A standalone HTML file: styles included, nothing fetched from elsewhere."""
    return _page(document, css=style_sheet("document.css"), for_print=False).encode("utf-8")


def print_html(document: Document) -> str:
    """The HTML the PDF is made from: the screen styles plus page rules and a paged contents."""
    css = style_sheet("document.css") + style_sheet("print.css")
    if document.landscape:
        css += "@page { size: A4 landscape; }\n"
    return _page(document, css=css, for_print=True)


def html_fragment(document: Document) -> str:
    """The document's body alone, to show inside a page of the web app (which has its own
    styles): the title is left to the page."""
    return "\n".join(_body(document, for_print=False, with_title=False))


def _page(document: Document, *, css: str, for_print: bool) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.title)}</title>",
        f"<style>\n{css}</style>",
        "</head>",
        '<body class="yjd">',
        '<main id="main-content">',
        *_body(document, for_print=for_print, with_title=True),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _body(document: Document, *, for_print: bool, with_title: bool) -> list[str]:
    out: list[str] = []
    if with_title:
        out.append('<header class="yjd-cover">')
        out.append(f'<h1 class="yjd-title">{escape(document.title)}</h1>')
        if document.subtitle:
            out.append(f'<p class="yjd-subtitle">{escape(document.subtitle)}</p>')
        if document.meta:
            out.append('<dl class="yjd-meta">')
            for label, value in document.meta:
                out.append(f"<dt>{escape(label)}</dt><dd>{escape(str(value))}</dd>")
            out.append("</dl>")
        out.append("</header>")
    if document.contents:
        out.extend(_contents(document, for_print=for_print))
    seen: set[str] = set()
    figures = 0
    for block in document.blocks:
        if isinstance(block, Heading):
            anchor = anchor_for(block.text, seen)
            # the document title is the page's h1, so a level 1 heading is an h2
            tag = f"h{min(block.level + 1, 6)}"
            out.append(f'<{tag} id="{anchor}">{escape(block.text)}</{tag}>')
        elif isinstance(block, Paragraph):
            out.append(f"<p>{_lines(block.text)}</p>")
        elif isinstance(block, Bullets):
            tag = "ol" if block.numbered else "ul"
            items = "".join(f"<li>{_lines(item)}</li>" for item in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Figure):
            figures += 1
            out.append(_figure(block, figures))
        elif isinstance(block, Callout):
            out.append(f'<div class="yjd-callout"><p>{_lines(block.text)}</p></div>')
        elif isinstance(block, PageBreak):
            out.append('<div class="yjd-page-break"></div>')
        else:
            raise TypeError(f"not a document block: {block!r}")
    return out


def _contents(document: Document, *, for_print: bool) -> list[str]:
    items = []
    for anchor, heading in document.headings():
        cls = "yjd-contents__sub" if heading.level > 1 else "yjd-contents__top"
        items.append(f'<li class="{cls}"><a href="#{anchor}">{escape(heading.text)}</a></li>')
    return ['<nav class="yjd-contents' + (" yjd-contents--print" if for_print else "")
            + '" aria-labelledby="yjd-contents-title">',
            '<h2 id="yjd-contents-title">Contents</h2>',
            f'<ul class="yjd-contents__list">{"".join(items)}</ul>',
            "</nav>"]


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in str(text).split("\n"))


def _cell(cell: Cell, *, tag: str, scope: str | None, numeric: bool, bold: bool) -> str:
    attrs = []
    if scope:
        attrs.append(f'scope="{scope}"')
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    classes = []
    if numeric:
        classes.append("yjd-num")
    if bold or cell.bold:
        classes.append("yjd-bold")
    if classes:
        attrs.append(f'class="{" ".join(classes)}"')
    content = _lines(cell.text)
    if cell.rag:
        # the colour always comes with its word, so nothing is said by colour alone
        word = RAG_WORDS[cell.rag]
        label = f'<span class="yjd-rag yjd-rag--{cell.rag}">{word}</span>'
        shown = cell.text and cell.text.strip().lower() != word.lower()
        content = f"{content} {label}" if shown else label
    return f"<{tag}{' ' if attrs else ''}{' '.join(attrs)}>{content}</{tag}>"


def _table(table: Table) -> str:
    numeric = set(table.numeric or ())
    out = ['<table class="yjd-table">']
    if table.caption:
        out.append(f"<caption>{escape(table.caption)}</caption>")
    head = table.head_rows
    if head:
        out.append("<thead>")
        for row in head:
            scope = "col"
            cells = []
            col = 0
            for cell in row:
                cells.append(_cell(cell, tag="th",
                                   scope="colgroup" if cell.colspan > 1 else scope,
                                   numeric=col in numeric, bold=False))
                col += cell.colspan
            out.append(f"<tr>{''.join(cells)}</tr>")
        out.append("</thead>")
    for section, rows, bold in (("tbody", table.body_rows, False),
                                ("tfoot", table.foot_rows, True)):
        if not rows:
            continue
        out.append(f"<{section}>")
        for row in rows:
            cells = []
            col = 0
            for i, cell in enumerate(row):
                heads_row = table.row_headers and i == 0
                cells.append(_cell(cell, tag="th" if heads_row else "td",
                                   scope="row" if heads_row else None,
                                   numeric=col in numeric, bold=bold))
                col += cell.colspan
            out.append(f"<tr>{''.join(cells)}</tr>")
        out.append(f"</{section}>")
    out.append("</table>")
    return "\n".join(out)


_SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.IGNORECASE)


def _figure(figure: Figure, n: int) -> str:
    """The chart inline, named by its alt text; the caption under it."""
    svg = figure.svg.strip()
    match = _SVG_OPEN.search(svg)
    if not match:
        raise ValueError(f"figure {n} is not an SVG: {svg[:60]!r}")
    opening = match.group(0)
    # The alt text is what a screen reader announces: replace any labelling the SVG brought.
    cleaned = re.sub(r'\s(role|aria-label|aria-labelledby|aria-describedby)="[^"]*"', "", opening)
    labelled = cleaned[:-1].rstrip("/") + f' role="img" aria-label="{escape(figure.alt)}">'
    svg = svg[:match.start()] + labelled + svg[match.end():]
    caption = f"<figcaption>{escape(figure.caption)}</figcaption>" if figure.caption else ""
    return f'<figure class="yjd-figure">{svg}{caption}</figure>'
