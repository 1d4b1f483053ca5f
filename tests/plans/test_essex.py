"""Seed 000 (Essex YOS, Youth Justice Plan 2006-07) checked: its real inconsistencies, and
nothing else. Every figure below was worked out by hand from the seed's text.

What holds (and so is NOT reported), checked by hand:
- A1: 521,000 + 88,000 + 670,000 + 750,000 + 220,000 + 900,000 + 480,000 + 393,000
  = 4,022,000 = A1 total = A2 total.
- A2: every row adds up (police 239,000 + 12,000 + 159,000 = 410,000, ...); the columns add up
  to 2,356,000 / 78,000 / 1,588,000 / 4,022,000.
- A2a total 1,426,000 = A2 additional funding 1,426,000; A2b 149,000 + 56,000 + 0 = 205,000 =
  A2 health 205,000.
- A3: each row and each column of both blocks adds up (235 and 220).
- Board: local authority, police, probation and health are all represented; the chief
  executive (Paul Coen) signs; all six signatories sit on the board; every signature is dated.
- Reviews September 2006, December 2006, February 2007 fall inside April 2006 - March 2007.
- Data blocks against Appendix B: 1823/1806; 91.5% (+4.7% = 91.5 - 86.8); remand 43.7%
  (no diff = 43.7 - 43.7), target 30%; custody 6.9% (+1.6% = 6.9 - 5.3), target 5% against
  "Reduce to 5%"; re-offending cohorts 31.3/23.2, 41.7/38.1, 35.7/35.2, 61.1/70; ETE 79.1%
  (+0.3% = 79.1 - 78.8), target 90%; suitable accommodation 88.7% (-1.7% = 88.7 - 90.4);
  CAMHS acute 83.3% (-16.7% = 83.3 - 100), non-acute 90.0% (+17.2% = 90 - 72.8); substance
  misuse 100% (no diff), 85.2% (+6.5% = 85.2 - 78.7), 96.2% (-3.3% = 96.2 - 99.5); RJ 91.3%
  (-8.6% = 91.3 - 99.9), 98.5% (+1.6% = 98.5 - 96.9); parenting interventions 58.8%
  (+54.4% = 58.8 - 4.4), target 10%; EPQA assessment 2.12, ETE 2, parenting 1.87, resettlement
  1.44 and target 2 all match the EPQA table.
- Figures with no appendix row to compare (ASSET 93.95%, named accommodation officer 100%,
  swift administration 97.9%) are not compared.
"""

from pathlib import Path

from yjhub.plans import check_plan, load_plan

ESSEX = Path(__file__).parent / "fixtures" / "essex-2006-07.yaml"

EXPECTED = [
    # A3: 235 by contract type against 220 by gender/ethnicity; per column the differences are
    # Managers Operational 7-6=1, Senior FT 11-9=2, Practitioners FT 70-61=9, Practitioners PT
    # 1-0=1, Administrative 18-16=2: exactly the Vacant row (1, 2, 9, 1, 2 = 15).
    ("A3.totals_agree", "warning", "tables.A3.rows[total_gender].total",
     {"total": 235, "total_gender": 220, "vacant": 15}, 15),
    # "110 seconded or directly employed staff (including vacancies)": permanent 11 + fixed
    # term 74 + seconded 10+4+4+4+3+0+0 = 110 without the 15 vacancies; with them 125.
    ("narrative.figure", "error", "sections[workforce_planning].figures[0]",
     {"quoted": 110, "from the tables": 125}, -15),
    # Table C: the health signature is "(on behalf of MIKE O'KEEFE)".
    ("signoff.on_behalf", "info", "signatures[1]",
     {"signature": "(on behalf of MIKE O'KEEFE)"}, None),
    # Table C "Mike O'Keefe" is Table A "Mike O' Keefe".
    ("signoff.name_variant", "info", "signatures[1]",
     {"table C": "Mike O'Keefe", "table A": "Mike O' Keefe", "score": 1.0}, None),
    # The body prints both Performance and Quality Systems ("C. 2") and Resources ("C.2") as C2.
    ("contents.duplicate_number", "warning", "sections[resources].number",
     {"number": "C.2", "sections": ["performance_quality", "resources"]}, None),
    # Contents C.3 Resources / C.4 People and Organisation / C.5 Partnership Working; the body
    # numbers them C.2, C.3, C.4.
    ("contents.numbering", "warning", "contents[5].number", {"contents": "C.3", "body": "C.2"},
     None),
    ("contents.numbering", "warning", "contents[6].number", {"contents": "C.4", "body": "C.3"},
     None),
    ("contents.numbering", "warning", "contents[7].number", {"contents": "C.5", "body": "C.4"},
     None),
    # The summary has an overview but no key objectives for the forthcoming year.
    ("prompt.unanswered", "warning", "sections[summary].prompts[key_objectives]", {}, None),
    # Intervene early: data block target (new KPI) 90%, appendix 2006/07 target 100: -10.
    ("delivery.target_vs_appendix", "error", "delivery[intervene_early].data[1].target",
     {"data block": 90, "appendix": 100}, -10),
    # Intervene early "EPQA: 05 result 2" against the EPQA table's actual 2.06 (2 at 0 dp).
    ("delivery.rounded", "info", "delivery[intervene_early].epqa[1].score",
     {"data block": 2, "EPQA table": 2.06}, -0.06),
    # Reduce custody quotes EPQA 05 rating 2 and 07 target 3; the EPQA table's remand
    # management row is blank.
    ("delivery.epqa_not_in_table", "info", "delivery[reduce_custody].epqa[0].score",
     {"data block": 2}, None),
    ("delivery.epqa_not_in_table", "info", "delivery[reduce_custody].epqa[1].score",
     {"data block": 3}, None),
    # Assessment (DTO): data block 93.2% against the appendix's DTO training plans 2005/06
    # outturn 83.5%: +9.7. Its bracket (+2.8%) does not recompute: 93.2 - 92.8 (2004/05) = 0.4;
    # 2.8 - 0.4 = 2.4.
    ("delivery.actual_vs_appendix", "error", "delivery[assessment].data[1].actual",
     {"data block": 93.2, "appendix": 83.5}, 9.7),
    ("delivery.change", "error", "delivery[assessment].data[1].change",
     {"stated change": 2.8, "actual": 93.2, "previous": 92.8, "recomputed change": 0.4}, 2.4),
    # Parenting satisfaction "100% (-2.5%)" against the appendix's 99.1%: +0.9; and the
    # bracket: 100 - 97.5 (2004/05) = +2.5, printed -2.5: a difference of -5.
    ("delivery.actual_vs_appendix", "error", "delivery[parenting].data[1].actual",
     {"data block": 100, "appendix": 99.1}, 0.9),
    ("delivery.change", "error", "delivery[parenting].data[1].change",
     {"stated change": -2.5, "actual": 100, "previous": 97.5, "recomputed change": 2.5}, -5),
]


def _approx(a, b) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) < 1e-9
    return a == b


def test_essex_findings_are_exactly_its_real_inconsistencies():
    findings = check_plan(load_plan(ESSEX))
    got = [(f.rule, f.severity, f.location.path) for f in findings]
    assert got == [e[:3] for e in EXPECTED]
    for finding, (_, _, _, figures, difference) in zip(findings, EXPECTED, strict=True):
        for key, value in figures.items():
            assert _approx(finding.figures[key], value), (finding.rule, key)
        assert _approx(finding.difference, difference), finding.rule


def test_essex_messages_say_it_in_plain_english():
    findings = {(f.rule, f.location.path): f.message for f in check_plan(load_plan(ESSEX))}
    a3 = findings[("A3.totals_agree", "tables.A3.rows[total_gender].total")]
    assert "235" in a3 and "220" in a3 and "a difference of 15" in a3
    assert "exactly the Vacant row" in a3
    parenting = findings[("delivery.actual_vs_appendix", "delivery[parenting].data[1].actual")]
    assert "100%" in parenting and "99.1%" in parenting
    assert findings[("contents.numbering", "contents[5].number")] == (
        "The contents page numbers \"Resources\" C.3, but the body numbers it C.2.")
    assert "key objectives" in findings[("prompt.unanswered",
                                         "sections[summary].prompts[key_objectives]")]


def test_the_essex_file_is_stable():
    plan = load_plan(ESSEX)
    from yjhub.plans import dump_plan

    text = dump_plan(plan)
    assert load_plan(text) == plan
    assert dump_plan(load_plan(text)) == text
    # the file itself is that text under its comment header
    assert ESSEX.read_text(encoding="utf-8").endswith(text)
