"""A document as Word (.docx): real heading styles, real tables (header rows repeat on each
page), charts as pictures with their alt text, a contents field and page numbers.

Word refreshes the contents' page numbers when the file is opened (it asks first); LibreOffice
shows the contents as written.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from yjhub.documents.images import png_size, svg_to_png, svg_width
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
    table_grid,
)

RAG_FILL = {"red": "F4CDC6", "amber": "FCD6C3", "green": "CCE2D8"}
HEAD_FILL = "F3F2F1"
GREY = RGBColor(0x50, 0x5A, 0x5F)


def render_docx(document: Document) -> bytes:
    doc = new_docx()
    _page_setup(doc, landscape=document.landscape)
    doc.core_properties.title = document.title
    doc.core_properties.subject = document.subtitle
    doc.add_heading(document.title, level=0)
    if document.subtitle:
        para = doc.add_paragraph()
        run = para.add_run(document.subtitle)
        run.font.size = Pt(14)
        run.font.color.rgb = GREY
    for label, value in document.meta:
        para = doc.add_paragraph()
        para.add_run(f"{label}: ").bold = True
        para.add_run(str(value))
    if document.contents:
        _contents(doc, document)
    figures = 0
    for block in document.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            _lines(doc.add_paragraph(), block.text)
        elif isinstance(block, Bullets):
            style = "List Number" if block.numbered else "List Bullet"
            for item in block.items:
                _lines(doc.add_paragraph(style=style), item)
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, Figure):
            figures += 1
            _figure(doc, block, figures)
        elif isinstance(block, Callout):
            _lines(doc.add_paragraph(style="Intense Quote"), block.text)
        elif isinstance(block, PageBreak):
            doc.add_page_break()
        else:
            raise TypeError(f"not a document block: {block!r}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page_setup(doc, *, landscape: bool) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.27), Inches(11.69)  # A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(0.8))
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10.5)
    # page numbers in the footer: "Page N of M"
    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    para.add_run("Page ")
    _field(para, "PAGE", "1")
    para.add_run(" of ")
    _field(para, "NUMPAGES", "1")


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC…) with the text shown until Word updates it."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("shown", shown), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        elif kind == "shown":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _contents(doc, document: Document) -> None:
    """A real contents field (TOC) whose cached text lists the headings, so it reads correctly
    before Word updates it; Word is asked to update fields on opening."""
    doc.add_heading("Contents", level=1)
    headings = document.headings()
    first = doc.add_paragraph()
    for kind in ("begin", "instr", "separate"):
        run = first.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = ' TOC \\o "1-2" \\h \\z \\u '
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    paragraph = first
    for i, (_anchor, heading) in enumerate(headings):
        if i:
            paragraph = doc.add_paragraph()
        paragraph.paragraph_format.left_indent = Inches(0.3 * (heading.level - 1))
        paragraph.add_run(heading.text)
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    doc.add_page_break()


def _lines(paragraph, text: str) -> None:
    for i, line in enumerate(str(text).split("\n")):
        if i:
            paragraph.add_run().add_break()
        paragraph.add_run(line)


def _shade(cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    props.append(shading)


def _table(doc, table: Table) -> None:
    head, body, foot = table.head_rows, table.body_rows, table.foot_rows
    rows = head + body + foot
    width, placed = table_grid(rows)
    if table.caption:
        try:
            caption = doc.add_paragraph(style="Caption")
        except KeyError:
            caption = doc.add_paragraph()
        caption.add_run(table.caption).bold = True
        caption.paragraph_format.keep_with_next = True
    grid = doc.add_table(rows=len(rows), cols=max(width, 1))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    numeric = set(table.numeric or ())
    columns = max(width, 1)
    # python-docx's grid.cell(r, c) lays out every cell of the table on each call (quadratic:
    # 7 s for a plan's 31 tables); the layout is kept and worked out again only after a merge.
    layout: list = []

    def cell_at(r: int, c: int):
        if not layout:
            layout.extend(grid._cells)
        return layout[r * columns + c]

    for r, row in enumerate(placed):
        in_head = r < len(head)
        in_foot = r >= len(head) + len(body)
        if in_head:  # header rows repeat at the top of each page
            tr_pr = grid.rows[r]._tr.get_or_add_trPr()
            marker = OxmlElement("w:tblHeader")
            marker.set(qn("w:val"), "true")
            tr_pr.append(marker)
        for i, (c, cell) in enumerate(row):
            target = cell_at(r, c)
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(cell_at(min(r + cell.rowspan, len(rows)) - 1,
                                              min(c + cell.colspan, width) - 1))
                layout.clear()
            _fill(target, cell, bold=in_head or in_foot or cell.bold
                  or (table.row_headers and i == 0 and not in_head),
                  right=c in numeric)
            if in_head:
                _shade(target, HEAD_FILL)
    doc.add_paragraph()


def _fill(target, cell: Cell, *, bold: bool, right: bool) -> None:
    para = target.paragraphs[0]
    text = cell.text
    if cell.rag:
        word = RAG_WORDS[cell.rag]
        text = f"{text} ({word})" if text and text.strip().lower() != word.lower() else word
        _shade(target, RAG_FILL[cell.rag])
    for i, line in enumerate(str(text).split("\n")):
        if i:
            para.add_run().add_break()
        para.add_run(line).bold = bold
    if right:
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _figure(doc, figure: Figure, n: int) -> None:
    png = svg_to_png(figure.svg)
    pixels_wide, _ = png_size(png)
    section = doc.sections[-1]
    room = (section.page_width - section.left_margin - section.right_margin) / 914400  # inches
    units = svg_width(figure.svg) or pixels_wide / 2
    inches = min(room, units / 96)  # an SVG unit is a CSS pixel: 96 to the inch
    doc.add_picture(io.BytesIO(png), width=Inches(inches))
    picture = doc.inline_shapes[-1]
    doc_pr = picture._inline.docPr
    doc_pr.set("descr", figure.alt)
    doc_pr.set("title", figure.caption or f"Figure {n}")
    if figure.caption:
        try:
            caption = doc.add_paragraph(style="Caption")
        except KeyError:
            caption = doc.add_paragraph()
        caption.add_run(figure.caption)
