"""The three renderers say the same thing: each file is read back and its content checked."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser

import docx
import pypdf
import pytest

from yjhub.documents import (
    Bullets,
    Callout,
    Cell,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    render,
)
from yjhub.documents.images import png_size, svg_to_png, svg_width
from yjhub.documents.model import table_grid

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100" '
       'role="img" aria-labelledby="x-title"><title id="x-title">old</title>'
       '<rect x="10" y="10" width="50" height="80" fill="#1d70b8"/></svg>')


def sample() -> Document:
    return Document(
        title="Youth Justice Plan 2024-25", subtitle="Demo Youth Justice Service",
        meta=[("Period", "2024-25"), ("Status", "Draft")], contents=True,
        blocks=[
            Heading("1. Summary"),
            Paragraph("First line\nSecond line"),
            Bullets(["Reduce first-time entrants", "Reduce custody"]),
            Heading("1.1 Key objectives", level=2),
            Paragraph("Objectives."),
            Heading("2. Resources"),
            Table(head=[[Cell("Agency", rowspan=2), Cell("Budget", colspan=2),
                         Cell("Total £", rowspan=2)], ["Staffing £", "In kind £"]],
                  rows=[["Police", "1,000", "200", "1,200"],
                        ["Health", "500", "0", Cell("500", rag="red")]],
                  foot=[["Total", "1,500", "200", "1,700"]],
                  caption="Table A2 Budget sources", numeric={1, 2, 3}),
            Figure(svg=SVG, alt="One blue bar", caption="Figure 1 A bar"),
            Callout("Counts of 1 to 4 are suppressed."),
            PageBreak(),
            Heading("3. Sign-off"),
            Paragraph("Signed by the chair."),
        ])


class Outline(HTMLParser):
    """The parts of the HTML that make it accessible."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_has_headings_table_headers_caption_and_named_chart():
    html = render(sample(), "html").decode()
    outline = Outline()
    outline.feed(html)
    tags = outline.tags
    assert ("html", {"lang": "en-GB"}) in tags
    assert [t for t, _ in tags if t in {"h1", "h2", "h3"}] == [
        "h1", "h2", "h2", "h3", "h2", "h2"]  # title, contents, 1, 1.1, 2, 3
    assert ("th", {"scope": "col", "rowspan": "2"}) in tags
    assert ("th", {"scope": "colgroup", "colspan": "2", "class": "yjd-num"}) in tags
    assert ("th", {"scope": "row"}) in tags
    assert "caption" in [t for t, _ in tags]
    svg = next(a for t, a in tags if t == "svg")
    assert svg["role"] == "img" and svg["aria-label"] == "One blue bar"
    assert "aria-labelledby" not in svg
    assert '<td class="yjd-num">500 <span class="yjd-rag yjd-rag--red">Red</span></td>' in html
    assert 'href="#1-summary"' in html and 'id="1-summary"' in html


def test_pdf_has_every_page_numbered_and_the_contents_gives_pages():
    reader = pypdf.PdfReader(io.BytesIO(render(sample(), "pdf")))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 3  # title and contents; body; after the page break
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of 3" in text
    contents = pages[0]
    assert "Contents" in contents
    # "3. Sign-off" follows the page break, so the contents sends the reader to page 3
    assert "3. Sign-off" in contents and contents.split("3. Sign-off")[1].strip(". \n")[0] == "3"
    assert "Table A2 Budget sources" in pages[1] and "1,700" in pages[1]
    assert reader.metadata.title == "Youth Justice Plan 2024-25"


def test_docx_uses_heading_styles_real_tables_and_pictures_with_alt_text():
    data = render(sample(), "docx")
    word = docx.Document(io.BytesIO(data))
    headings = [(p.style.name, p.text) for p in word.paragraphs
                if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [("Title", "Youth Justice Plan 2024-25"), ("Heading 1", "Contents"),
                        ("Heading 1", "1. Summary"), ("Heading 2", "1.1 Key objectives"),
                        ("Heading 1", "2. Resources"), ("Heading 1", "3. Sign-off")]
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Agency", "Budget", "Budget", "Total £"]
    assert [c.text for c in table.rows[1].cells] == ["Agency", "Staffing £", "In kind £",
                                                     "Total £"]
    assert [c.text for c in table.rows[4].cells] == ["Total", "1,500", "200", "1,700"]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # repeats on each page
    pictures = word.inline_shapes
    assert len(pictures) == 1
    assert pictures[0]._inline.docPr.get("descr") == "One blue bar"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode()
        settings = package.read("word/settings.xml").decode()
    assert "TOC \\o" in body and "updateFields" in settings
    assert [c.text for c in table.rows[3].cells][-1] == "500 (Red)"  # the word, not colour alone
    footer = word.sections[0].footer.paragraphs[0]
    assert "PAGE" in footer._p.xml and "NUMPAGES" in footer._p.xml


def test_a_line_break_in_a_paragraph_is_a_break_not_a_new_paragraph():
    word = docx.Document(io.BytesIO(render(Document("T", [Paragraph("a\nb")]), "docx")))
    para = next(p for p in word.paragraphs if "a" in p.text and "b" in p.text)
    assert para.text == "a\nb"


def test_grid_places_cells_around_spans():
    rows = [[Cell("A", rowspan=2), Cell("B", colspan=2), Cell("C", rowspan=2)],
            [Cell("b1"), Cell("b2")]]
    width, placed = table_grid(rows)
    assert width == 4
    assert [(c, cell.text) for c, cell in placed[1]] == [(1, "b1"), (2, "b2")]


def test_svg_becomes_a_png_twice_its_size():
    png = svg_to_png(SVG)
    assert png_size(png) == (400, 200)
    assert svg_width(SVG) == 200
    assert svg_width('<svg viewBox="0 0 640 274">') == 640


def test_chart_text_is_drawn_in_the_png():
    """Text with no font named would be dropped: the PNG with a label has dark pixels where
    the label is, the same chart without it has none there."""
    bare = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">{}</svg>'
    label = '<text x="5" y="30" font-size="24">Label</text>'
    assert svg_to_png(bare.format(label)) != svg_to_png(bare.format(""))


def test_unknown_format_and_bad_blocks_are_refused():
    with pytest.raises(ValueError, match="unknown document format 'odt'"):
        render(sample(), "odt")
    with pytest.raises(ValueError, match="heading level must be 1 to 4"):
        Heading("x", level=5)
    with pytest.raises(ValueError, match="rag must be one of"):
        Cell("x", rag="blue")
    with pytest.raises(ValueError, match="is not an SVG"):
        render(Document("T", [Figure(svg="<p>no</p>", alt="x")]), "html")
