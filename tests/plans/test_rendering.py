"""A plan written to HTML, PDF and Word, each read back: the Essex 2006-07 plan (plans-core's
fixture, as printed in seed 000) and a plan filled from small hand-built data."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import lxml.html
import pypdf
import pytest

from tests.indicators.golden.cases import Cases
from yjhub.indicators.source import Source
from yjhub.plans import load_plan, plan_new
from yjhub.plans.fill import plan_fill
from yjhub.plans.rendering import plan_document, plan_render

ESSEX = Path(__file__).parent / "fixtures" / "essex-2006-07.yaml"
AS_OF = dt.date(2026, 11, 1)
AT = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def essex():
    return load_plan(ESSEX)


def _tables(root) -> dict[str, list[list[str]]]:
    out = {}
    for table in root.iter("table"):
        caption = table.find("caption")
        rows = [[" ".join(c.text_content().split()) for c in tr if c.tag in ("th", "td")]
                for tr in table.iter("tr")]
        out[" ".join(caption.text_content().split()) if caption is not None else ""] = rows
    return out


def test_essex_html_has_headings_tables_with_headers_and_the_change(essex):
    root = lxml.html.fromstring(plan_render(essex, "html"))
    headings = [" ".join(h.text_content().split()) for h in root.iter("h2", "h3")]
    assert "A. Summary" in headings and "E. Review and Approval" in headings
    assert "C.1 Governance and Leadership" in headings
    assert "Prevent offending" in headings  # a delivery-plan objective area
    tables = _tables(root)
    appendix = tables["Appendix B: Performance measures - KPIs"]
    assert appendix[0] == ["Theme and measure", "2004/05 outturn", "2005/06 Apr- Dec Outturn",
                           "Change", "2006/07 Target"]
    old = next(r for r in appendix if r[0].startswith("Intervene early (old target)"))
    # 91.5% - 86.8% = +4.7 percentage points, as seed 000's data block prints it
    assert old[1:] == ["86.8%", "91.5%", "(+4.7%)", "N/A"]
    # every table has header cells with a scope, and a caption
    for table in root.iter("table"):
        assert table.find("caption") is not None
        assert all(th.get("scope") in ("col", "row", "colgroup", "rowgroup")
                   for th in table.iter("th"))
    signatures = tables["Table C: Signature of approval"]
    assert signatures[0] == ["Role", "Chief officer", "Signature", "Date"]
    assert signatures[1][:2] == ["Chief Executive Of The Local Authority", "Paul Coen"]
    a2 = tables["Table A2: Youth Offending Team Budget Financial Year 2006 - 2007 - Sources"]
    assert a2[1] == ["Police", "£239,000", "£12,000", "£159,000", "£410,000"]


def test_essex_pdf_has_contents_and_page_numbers(essex):
    reader = pypdf.PdfReader(io.BytesIO(plan_render(essex, "pdf")))
    first = reader.pages[0].extract_text()
    assert "Youth Justice Plan for 2006 - 2007" in first and "Contents" in first
    assert "A. Summary" in first
    pages = len(reader.pages)
    assert pages > 20
    assert f"Page {pages} of {pages}" in reader.pages[-1].extract_text()
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Table C: Signature of approval" in text and "91.5%" in text


def test_essex_docx_has_heading_styles_and_real_tables(essex):
    document = docx.Document(io.BytesIO(plan_render(essex, "docx")))
    headings = {(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")}
    assert ("Heading 1", "A. Summary") in headings
    assert ("Heading 2", "C.1 Governance and Leadership") in headings
    board = next(t for t in document.tables if t.rows[0].cells[0].text == "Name")
    assert [c.text for c in board.rows[0].cells] == ["Name", "Agency", "Post", "Ethnicity",
                                                     "Gender"]
    assert board.rows[1].cells[0].text.startswith("Paul Coen")


def _small_service() -> Cases:
    """Remands: 2023-24 has 6 secure of 8 counted, 2024-25 has 5 of 10 (75.0% -> 50.0%);
    one first-time entrant in 2023-24 and four in 2024-25 (small counts)."""
    c = Cases()
    c.population(2023, total=8000)
    c.population(2024, total=8000)
    k = c.child(dob="2008-01-01")
    for year, secure, other in ((2023, 6, 2), (2024, 5, 5)):
        start = dt.date(year, 4, 10)
        kinds = ["remand_youth_detention"] * secure + ["conditional_bail"] * other
        for n, kind in enumerate(kinds):
            c.remand(k, (start + dt.timedelta(days=10 * n)).isoformat(), kind)
    first = c.child(dob="2009-03-01")
    c.outcome(first, "2023-12-01", "youth_caution")
    for n in range(4):
        child = c.child(dob="2010-01-01")
        c.outcome(child, f"2024-0{n + 5}-01", "youth_caution")
    return c


@pytest.fixture(scope="module")
def filled():
    plan = plan_new(template_id="yjb-2006", period="2025-26", service="Small service")
    source = Source.duckdb_arrow(_small_service().arrow())
    # the headline family only (the key performance indicators would add time, not cases)
    report = plan_fill(plan, source, snapshot="hand-built cases", as_of=AS_OF, computed_at=AT,
                       families=("headline",))
    return plan, report


def test_fill_writes_rows_data_blocks_and_trends(filled):
    plan, report = filled
    assert report.period == "2024-25"  # the year before the plan's
    share = plan.appendix.row("headline_remand_secure_share")
    assert (share.previous, share.current, share.source) == ("75.0%", "50.0%", "data")
    assert share.provenance.snapshot == "hand-built cases"
    assert share.provenance.computed_at == "2026-11-23T08:30:00+00:00"
    fte = plan.appendix.row("headline_fte_count")
    assert (fte.previous, fte.current, fte.small) == ("1", "4", ["previous", "current"])
    # the 2006 template's secure remands row is linked to yjb2006.secure_remands
    # (excluding all bail: 6 of 6 then 5 of 5) and its data block follows the row
    remands = plan.appendix.row("secure_remands")
    assert (remands.previous, remands.current) == ("100.0%", "100.0%")
    item = next(d for d in plan.area("reduce_custody").data if d.indicator == "secure_remands")
    assert (item.actual, item.change, item.target) == ("100.0%", "(no diff)", "at most 30.0%")
    assert {t.indicator for t in plan.appendix.trends} >= {"headline.fte", "headline.remand"}
    assert plan.appendix.columns.current == "2024/25 Apr-Dec outturn"  # the template's words


def test_filled_plan_renders_charts_with_alt_text_in_every_format(filled):
    plan, _ = filled
    document = plan_document(plan)
    root = lxml.html.fromstring(plan_render(plan, "html"))
    svgs = root.findall(".//svg")
    assert len(svgs) == len(plan.appendix.trends) > 0
    remand = next(t for t in plan.appendix.trends if t.indicator == "headline.remand")
    n = plan.appendix.trends.index(remand) + 1
    desc = root.get_element_by_id(f"plan-trend-{n}-desc").text_content()
    assert "2023-24 6; 2024-25 5" in desc  # secure episodes, the indicator's first measure
    word = docx.Document(io.BytesIO(plan_render(plan, "docx")))
    pictures = [s._inline.docPr.get("descr") for s in word.inline_shapes]
    assert len(pictures) == len(plan.appendix.trends)
    assert any("2023-24 6; 2024-25 5" in alt for alt in pictures)
    provenance = _tables(root)["Where the figures filled from data came from"]
    assert ["Remands to the secure estate (headline.remand)", "2012.1", "hand-built cases",
            "2026-11-23T08:30:00+00:00"] in provenance
    assert document.title == "Youth Justice Plan 2025-26"


def test_board_version_withholds_small_counts(filled):
    plan, _ = filled
    staff = _tables(lxml.html.fromstring(plan_render(plan, "html")))
    board_root = lxml.html.fromstring(plan_render(plan, "html", board=True))
    board = _tables(board_root)
    caption = "Appendix B: Performance measures - KPIs"

    def row(tables, start):
        return next(r for r in tables[caption] if r[0].startswith(start))

    assert row(staff, "First-time entrants: First-time entrants")[1:4] == ["1", "4", "(+3)"]
    assert row(board, "First-time entrants: First-time entrants")[1:] == \
        ["fewer than 5", "fewer than 5", "", ""]
    # 5 and 6 secure episodes are not small: shown to the board too
    assert row(board, "Remands to the secure estate: Remand episodes")[1:3] == ["6", "5"]
    fte = next(t for t in plan.appendix.trends if t.indicator == "headline.fte")
    n = plan.appendix.trends.index(fte) + 1
    desc = board_root.get_element_by_id(f"plan-trend-{n}-desc").text_content()
    assert "2023-24 fewer than 5; 2024-25 fewer than 5" in desc
