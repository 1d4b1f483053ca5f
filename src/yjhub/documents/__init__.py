"""Documents in Word, PDF and HTML, built once and written to each format.

Plans, board reports and audit reports build a ``Document`` of blocks (headings, paragraphs,
lists, tables, charts, call-outs, page breaks) and call ``render(document, "pdf")``. The HTML is
accessible (headings, table headers with scope, captions, charts named by their alt text); the
PDF is WeasyPrint's layout of that same HTML with page numbers and a paged contents list; the
Word file uses real heading styles and tables, with charts as pictures carrying their alt text.
"""

from yjhub.documents.model import (
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
from yjhub.documents.render import CONTENT_TYPES, FORMATS, render

__all__ = ["Bullets", "Callout", "Cell", "CONTENT_TYPES", "Document", "Figure", "FORMATS",
           "Heading", "PageBreak", "Paragraph", "Table", "render"]
