"""A document as PDF: WeasyPrint lays out the same HTML with the print style sheet (A4, page
numbers, a contents page with page numbers)."""

from __future__ import annotations

from yjhub.documents.html import print_html
from yjhub.documents.model import Document


def render_pdf(document: Document) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which the web pages never need

    return HTML(string=print_html(document)).write_pdf(pdf_tags=True)
