"""Charts for Word: the same SVG the HTML and PDF show, turned into a PNG."""

from __future__ import annotations

import re
import struct

SCALE = 2  # pixels per SVG unit, so the picture stays sharp when printed


FONTS = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"


def svg_to_png(svg: str) -> bytes:
    """The PNG of an SVG. Text with no font named would be left out (the renderer's default,
    Times New Roman, is not installed), so the SVG is given the documents' fonts first."""
    import vl_convert  # renders SVG offline, with no browser

    opening = re.search(r"<svg\b[^>]*>", svg, re.IGNORECASE)
    if opening:
        # a white ground, so the picture does not show black where it is transparent
        svg = f'{svg[:opening.end()]}<rect width="100%" height="100%" fill="#ffffff"/>' \
              f'{svg[opening.end():]}'
        if "font-family" not in opening.group(0):
            svg = f'{svg[:opening.start() + 4]} font-family="{FONTS}"{svg[opening.start() + 4:]}'
    return vl_convert.svg_to_png(svg, scale=SCALE)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, read from the PNG's header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return struct.unpack(">II", png[16:24])


def svg_width(svg: str) -> float | None:
    """The SVG's width in its own units (from width= or the viewBox), if it says."""
    opening = re.search(r"<svg\b[^>]*>", svg, re.IGNORECASE)
    if not opening:
        return None
    tag = opening.group(0)
    width = re.search(r'\swidth="([\d.]+)(px)?"', tag)
    if width:
        return float(width.group(1))
    box = re.search(r'viewBox="([^"]+)"', tag)
    parts = box.group(1).replace(",", " ").split() if box else []
    return float(parts[2]) if len(parts) == 4 else None
