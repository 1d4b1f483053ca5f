"""Sending a document from a view, as a download in the format asked for."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from yjhub.documents.model import Document
from yjhub.documents.render import CONTENT_TYPES, FORMATS, render


def document_response(document: Document, fmt: str, filename_stem: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(f"no such format: {fmt}")
    response = HttpResponse(render(document, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}.{fmt}"'
    return response
