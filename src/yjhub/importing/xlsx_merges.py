"""Merged cells of an .xlsx sheet, read from the workbook's XML.

openpyxl's read-only mode (which streams a sheet in bounded memory) cannot see merged cells, so
the ``<mergeCell ref="A3:A5"/>`` elements are found by scanning the sheet's XML part in chunks.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from xml.etree import ElementTree

from openpyxl.utils.cell import range_boundaries

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MERGE = re.compile(
    rb"<(?:[A-Za-z_][\w.\-]*:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)\"")
_CHUNK = 1 << 20


def sheet_parts(path) -> dict[str, tuple[str, int]]:
    """Sheet name -> (the part's path inside the zip, its compressed size)."""
    with zipfile.ZipFile(path) as archive:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{_PKG}Relationship")}
        sizes = {info.filename: info.compress_size for info in archive.infolist()}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"))
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
        parts[sheet.get("name")] = (part, sizes.get(part, 0))
    return parts


def merged_ranges(path, part: str) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet part as (min_col, min_row, max_col, max_row)."""
    found = []
    with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
        tail = b""
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            last_end = 0
            for match in _MERGE.finditer(data):
                found.append(range_boundaries(match[1].decode("ascii").upper()))
                last_end = match.end()
            # keep an unfinished element for the next chunk
            tail = data[max(last_end, len(data) - 200):]
    return [tuple(int(v) for v in r) for r in dict.fromkeys(found)]
