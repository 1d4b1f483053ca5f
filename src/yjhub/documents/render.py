"""One entry point for every format."""

from __future__ import annotations

from yjhub.documents.model import Document

FORMATS = ("html", "pdf", "docx")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render(document: Document, fmt: str) -> bytes:
    """The document in ``fmt`` ("html", "pdf" or "docx"), as the bytes of the file."""
    if fmt == "html":
        from yjhub.documents.html import render_html

        return render_html(document)
    if fmt == "pdf":
        from yjhub.documents.pdf import render_pdf

        return render_pdf(document)
    if fmt == "docx":
        from yjhub.documents.docx import render_docx

        return render_docx(document)
    raise ValueError(f"unknown document format {fmt!r}: choose one of {', '.join(FORMATS)}")
